using Doudi.Persistence;
using Doudi.Registry;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Monitoring;

/// <summary>
/// Who belonged to which household on the month's last day and what they were enrolled in, by the registry's
/// history as known now. A member counts from <c>JoinedOn</c> to the day before <c>LeftOn</c>. The household's
/// program is its enrolment period covering the day (or, for a household with no recorded periods, its
/// current program from <c>ProgramSince</c>). The person's own programs are their member-level periods covering
/// the day, or, when none were ever recorded, the <c>member_program</c> list.
/// </summary>
public static class RegistrySnapshot
{
    public static async Task<IReadOnlyList<Membership>> LoadAsync(DoudiDb db, MonitoringMonth month, CancellationToken ct)
    {
        var day = month.Last;
        var members = await db.Members.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.JoinedOn <= day && (m.LeftOn == null || m.LeftOn > day))
            .Select(m => new
            {
                m.Id,
                m.HouseholdId,
                m.IdNumber,
                m.Name,
                m.MemberPrograms,
                m.Household!.HouseholdNo,
                m.Household.CountyCode,
                m.Household.TownshipCode,
                m.Household.Program,
                m.Household.ProgramSince,
            })
            .ToListAsync(ct);
        var enrolments = await db.Enrolments.AsNoTracking().ToListAsync(ct);
        var householdPeriods = enrolments.Where(e => e.MemberId == null).ToLookup(e => e.HouseholdId);
        var memberPeriods = enrolments.Where(e => e.MemberId != null).ToLookup(e => e.MemberId!.Value);

        bool Covers(Enrolment e) => e.From <= day && (e.To == null || e.To >= day);

        var result = new List<Membership>(members.Count);
        foreach (var m in members)
        {
            string program;
            if (householdPeriods.Contains(m.HouseholdId))
                program = householdPeriods[m.HouseholdId].Where(Covers).OrderByDescending(e => e.From).Select(e => e.Program).FirstOrDefault() ?? "none";
            else
                program = m.ProgramSince <= day ? m.Program : "none";

            IReadOnlySet<string> own = memberPeriods.Contains(m.Id)
                ? memberPeriods[m.Id].Where(Covers).Select(e => e.Program).ToHashSet()
                : m.MemberPrograms.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
            result.Add(new Membership(m.Id, m.HouseholdId, m.HouseholdNo, m.CountyCode, m.TownshipCode, m.IdNumber, m.Name, program, own));
        }
        return result;
    }
}
