using System.Data.Common;
using Doudi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Monitoring;

/// <summary>
/// Who belonged to which household on the month's last day and what they were enrolled in, by the registry's
/// history as known now. A member counts from <c>JoinedOn</c> to the day before <c>LeftOn</c>. The household's
/// program is its enrolment period covering the day (or, for a household with no recorded periods, its
/// current program from <c>ProgramSince</c>). The person's own programs are their member-level periods covering
/// the day, or, when none were ever recorded, the <c>member_program</c> list.
/// Read with plain data readers (no change tracking): a province has millions of members.
/// </summary>
public static class RegistrySnapshot
{
    public static async Task<IReadOnlyList<Membership>> LoadAsync(DoudiDb db, MonitoringMonth month, CancellationToken ct)
    {
        var day = month.Last;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            // Household periods covering the day (the latest start wins), and which households or members have any period.
            var householdProgram = new Dictionary<long, (DateOnly From, string Program)>();
            var withHouseholdPeriods = new HashSet<long>();
            var memberOwn = new Dictionary<long, SortedSet<string>>();
            await foreach (var r in Read(connection, "SELECT \"HouseholdId\", \"MemberId\", \"Program\", \"From\", \"To\" FROM \"enrolments\"", ct))
            {
                var householdId = r.GetInt64(0);
                var covers = r.GetFieldValue<DateOnly>(3) <= day && (r.IsDBNull(4) || r.GetFieldValue<DateOnly>(4) >= day);
                if (r.IsDBNull(1))
                {
                    withHouseholdPeriods.Add(householdId);
                    var from = r.GetFieldValue<DateOnly>(3);
                    if (covers && (!householdProgram.TryGetValue(householdId, out var held) || from > held.From))
                        householdProgram[householdId] = (from, r.GetString(2));
                    continue;
                }
                var memberId = r.GetInt64(1);
                if (!memberOwn.TryGetValue(memberId, out var own)) memberOwn[memberId] = own = new SortedSet<string>(StringComparer.Ordinal);
                if (covers) own.Add(r.GetString(2));
            }

            // Most people share one of a few program sets: keep one instance of each.
            var sets = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
            IReadOnlySet<string> Shared(IEnumerable<string> programs)
            {
                var list = programs.Order(StringComparer.Ordinal).Distinct().ToList();
                var text = string.Join(';', list);
                if (!sets.TryGetValue(text, out var set)) sets[text] = set = list.ToHashSet(StringComparer.Ordinal);
                return set;
            }

            var strings = new Dictionary<string, string>(StringComparer.Ordinal);
            string Intern(string s)
            {
                if (strings.TryGetValue(s, out var kept)) return kept;
                strings[s] = s;
                return s;
            }

            var result = new List<Membership>();
            const string members =
                "SELECT m.\"Id\", m.\"HouseholdId\", m.\"IdNumber\", m.\"Name\", m.\"MemberPrograms\", h.\"HouseholdNo\", h.\"CountyCode\", " +
                "h.\"TownshipCode\", h.\"Program\", h.\"ProgramSince\" FROM \"members\" m JOIN \"households\" h ON h.\"Id\" = m.\"HouseholdId\" " +
                "WHERE m.\"JoinedOn\" <= @p0 AND (m.\"LeftOn\" IS NULL OR m.\"LeftOn\" > @p0)";
            await foreach (var r in Read(connection, members, ct, day))
            {
                var memberId = r.GetInt64(0);
                var householdId = r.GetInt64(1);
                var program = withHouseholdPeriods.Contains(householdId)
                    ? householdProgram.TryGetValue(householdId, out var p) ? p.Program : "none"
                    : r.GetFieldValue<DateOnly>(9) <= day ? r.GetString(8) : "none";
                var own = memberOwn.TryGetValue(memberId, out var periods)
                    ? Shared(periods)
                    : Shared(r.GetString(4).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                result.Add(new Membership(memberId, householdId, r.GetString(5), Intern(r.GetString(6)), Intern(r.GetString(7)),
                    r.GetString(2), r.GetString(3), Intern(program), own));
            }
            return result;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async IAsyncEnumerable<DbDataReader> Read(DbConnection connection, string sql,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct, params object[] args)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < args.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameter.Value = args[i];
            command.Parameters.Add(parameter);
        }
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) yield return reader;
    }
}
