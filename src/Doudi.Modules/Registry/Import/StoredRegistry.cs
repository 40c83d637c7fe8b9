using System.Data.Common;
using Doudi.Imports;

namespace Doudi.Registry.Import;

internal sealed record StoredHousehold(long Id, string HouseholdNo, string County, string Township, string Area, string Program,
    decimal MonthlyAmount, DateOnly Since, HouseholdFacts Facts);

internal sealed record StoredMember(long Id, long HouseholdId, MemberFacts Facts, DateOnly? LeftOn);

internal sealed record OpenEnrolment(long Id, long HouseholdId, long? MemberId, string Program, decimal MonthlyAmount, DateOnly From);

/// <summary>The registry's current state, read in bulk (one query per table) inside the import's transaction.</summary>
internal sealed class StoredRegistry
{
    public Dictionary<string, StoredHousehold> Households { get; } = new(StringComparer.Ordinal);
    public Dictionary<long, List<StoredMember>> MembersByHousehold { get; } = [];
    public Dictionary<long, OpenEnrolment> OpenHouseholdEnrolments { get; } = [];
    public Dictionary<long, List<OpenEnrolment>> OpenMemberEnrolments { get; } = [];
    public HashSet<string> RegionCodes { get; } = new(StringComparer.Ordinal);
    public long MaxHouseholdId { get; private set; }
    public long MaxMemberId { get; private set; }

    public const string MemberColumns =
        "\"IdNumber\", \"Name\", \"Sex\", \"BirthDate\", \"Relation\", \"DisabilityCategory\", \"DisabilityGrade\", \"SeriousIllness\", "
        + "\"MonthlyIncome\", \"IncomeWages\", \"IncomeBusiness\", \"IncomeProperty\", \"IncomeTransfer\", \"IncomePension\", "
        + "\"IncomeBasicPension\", \"IncomeNotCounted\", \"FullTimeStudent\", \"Childless\", \"RefusesWork\", \"SpecialOutpatient\", "
        + "\"UnableToWorkCertified\", \"AdlUnable\", \"Supporter\", \"Parent1\", \"Parent2\", \"Care\", \"MemberPrograms\"";

    public const string HouseholdFactColumns =
        "\"FinancialAssets\", \"ResidentialProperties\", \"NonResidentialProperties\", \"Vehicles\", \"Businesses\", \"RigidSpending12m\", \"AnnualIncome\"";

    public static async Task<StoredRegistry> ReadAsync(BulkWriter bulk, CancellationToken ct)
    {
        var state = new StoredRegistry();
        foreach (var h in await bulk.QueryAsync(
            "SELECT \"Id\", \"HouseholdNo\", \"CountyCode\", \"TownshipCode\", \"Area\", \"Program\", \"MonthlyAmount\", \"ProgramSince\", "
            + HouseholdFactColumns + " FROM \"households\"",
            r => new StoredHousehold(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
                r.GetDecimal(6), r.GetFieldValue<DateOnly>(7),
                new HouseholdFacts(Dec(r, 8), Int(r, 9), Int(r, 10), Int(r, 11), Int(r, 12), Dec(r, 13), Dec(r, 14))), ct))
        {
            state.Households[h.HouseholdNo] = h;
            state.MaxHouseholdId = Math.Max(state.MaxHouseholdId, h.Id);
        }
        foreach (var m in await bulk.QueryAsync(
            "SELECT \"Id\", \"HouseholdId\", \"LeftOn\", " + MemberColumns + " FROM \"members\"",
            r => new StoredMember(r.GetInt64(0), r.GetInt64(1), ReadMember(r, 3), r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2)), ct))
        {
            if (!state.MembersByHousehold.TryGetValue(m.HouseholdId, out var list)) state.MembersByHousehold[m.HouseholdId] = list = [];
            list.Add(m);
            state.MaxMemberId = Math.Max(state.MaxMemberId, m.Id);
        }
        foreach (var e in await bulk.QueryAsync(
            "SELECT \"Id\", \"HouseholdId\", \"MemberId\", \"Program\", \"MonthlyAmount\", \"From\" FROM \"enrolments\" WHERE \"To\" IS NULL",
            r => new OpenEnrolment(r.GetInt64(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetInt64(2), r.GetString(3), r.GetDecimal(4),
                r.GetFieldValue<DateOnly>(5)), ct))
        {
            if (e.MemberId is { } memberId)
            {
                if (!state.OpenMemberEnrolments.TryGetValue(memberId, out var list)) state.OpenMemberEnrolments[memberId] = list = [];
                list.Add(e);
            }
            else
            {
                state.OpenHouseholdEnrolments[e.HouseholdId] = e;
            }
        }
        foreach (var code in await bulk.QueryAsync("SELECT \"Code\" FROM \"regions\"", r => r.GetString(0), ct)) state.RegionCodes.Add(code);
        return state;
    }

    private static MemberFacts ReadMember(DbDataReader r, int o) => new(
        r.GetString(o), r.GetString(o + 1), r.GetString(o + 2), r.GetFieldValue<DateOnly>(o + 3), r.GetString(o + 4),
        Str(r, o + 5), Int(r, o + 6), Bool(r, o + 7), r.GetDecimal(o + 8),
        Dec(r, o + 9), Dec(r, o + 10), Dec(r, o + 11), Dec(r, o + 12), Dec(r, o + 13), Dec(r, o + 14), Dec(r, o + 15),
        Bool(r, o + 16), Bool(r, o + 17), Bool(r, o + 18), Bool(r, o + 19), Bool(r, o + 20), Int(r, o + 21),
        Str(r, o + 22), Str(r, o + 23), Str(r, o + 24), Str(r, o + 25), r.GetString(o + 26));

    private static decimal? Dec(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);
    private static int? Int(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
    private static bool? Bool(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetBoolean(i);
    private static string? Str(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    /// <summary>Member facts as command arguments, in <see cref="MemberColumns"/> order.</summary>
    public static object?[] MemberValues(MemberFacts f) =>
    [
        f.IdNumber, f.Name, f.Sex, f.BirthDate, f.Relation, f.DisabilityCategory, f.DisabilityGrade, f.SeriousIllness,
        f.MonthlyIncome, f.IncomeWages, f.IncomeBusiness, f.IncomeProperty, f.IncomeTransfer, f.IncomePension,
        f.IncomeBasicPension, f.IncomeNotCounted, f.FullTimeStudent, f.Childless, f.RefusesWork, f.SpecialOutpatient,
        f.UnableToWorkCertified, f.AdlUnable, f.Supporter, f.Parent1, f.Parent2, f.Care, f.MemberPrograms,
    ];

    public static object?[] HouseholdFactValues(HouseholdFacts f) =>
        [f.FinancialAssets, f.ResidentialProperties, f.NonResidentialProperties, f.Vehicles, f.Businesses, f.RigidSpending12m, f.AnnualIncome];
}
