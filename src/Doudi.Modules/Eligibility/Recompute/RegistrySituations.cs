using System.Data.Common;
using Doudi.Eligibility.Rules;
using Doudi.Kernel;
using Doudi.Persistence;
using Doudi.Policy;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Eligibility.Recompute;

/// <summary>A current member as the registry holds them; null = never given.</summary>
public sealed record RegistryMember(
    long Id, string IdNumber, string Sex, DateOnly BirthDate, string? DisabilityCategory, int? DisabilityGrade,
    bool? SeriousIllness, decimal MonthlyIncome, bool? FullTimeStudent, bool? Childless, bool? RefusesWork,
    bool? SpecialOutpatient, bool? UnableToWorkCertified, int? AdlUnable, string? Supporter, string? Parent1,
    string? Parent2, string? Care, string MemberPrograms);

/// <summary>A household with its current members (LeftOn null) and current enrolment, as the registry holds it.</summary>
public sealed record RegistryHousehold(
    long Id, string HouseholdNo, string County, string Area, string Program, decimal MonthlyAmount,
    decimal? FinancialAssets, int? ResidentialProperties, int? NonResidentialProperties, int? Vehicles, int? Businesses,
    decimal? RigidSpending12m, decimal? AnnualIncome, List<RegistryMember> Members);

/// <summary>A situation built from registry facts, or the facts that were never given (then nothing is evaluated).</summary>
public sealed record RegistrySituation(Situation? Situation, IReadOnlyList<string> Missing)
{
    public bool IsIncomplete => Situation is null;
}

/// <summary>
/// Turns registry rows into the engine's situations, and reads the registry in bulk.
/// Required facts (never guessed; a household missing one is "incomplete"):
/// household <c>financial_assets residential_properties non_residential_properties vehicles businesses
/// rigid_spending_12m</c>; every member <c>serious_illness full_time_student childless refuses_work
/// special_outpatient unable_to_work_certified adl_unable supporter</c>, and for a minor also <c>parent_1</c> and
/// <c>care</c>. Not required: <c>annual_income</c> (null has a meaning: 12 × the counted monthly income),
/// the income columns by kind (<c>monthly_income</c>, always given, is the counted income the rules use),
/// <c>parent_2</c> (a minor may have one parent on record), and the disability pair (both empty = no disability).
/// </summary>
public static class RegistrySituations
{
    public static RegistrySituation Build(RegistryHousehold h, DateOnly date, FigureCache figures)
    {
        var missing = new List<string>();
        if (h.FinancialAssets is null) missing.Add("financial_assets");
        if (h.ResidentialProperties is null) missing.Add("residential_properties");
        if (h.NonResidentialProperties is null) missing.Add("non_residential_properties");
        if (h.Vehicles is null) missing.Add("vehicles");
        if (h.Businesses is null) missing.Add("businesses");
        if (h.RigidSpending12m is null) missing.Add("rigid_spending_12m");
        if (h.Members.Count == 0) missing.Add("members (no current member)");
        var area = h.Area == "rural" ? Area.Rural : Area.Urban;
        var minorBelow = figures.For(h.County, area, date).MinorBelow?.Value ?? 18m;
        var members = new List<Member>(h.Members.Count);
        foreach (var m in h.Members)
        {
            if (m.BirthDate > date)
            {
                missing.Add(Who(m) + "birth_date after the assessment date");
                continue;
            }
            var minor = MemberRules.Age(m.BirthDate, date) < minorBelow;
            if (m.SeriousIllness is null) missing.Add(Who(m) + "serious_illness");
            if (m.FullTimeStudent is null) missing.Add(Who(m) + "full_time_student");
            if (m.Childless is null) missing.Add(Who(m) + "childless");
            if (m.RefusesWork is null) missing.Add(Who(m) + "refuses_work");
            if (m.SpecialOutpatient is null) missing.Add(Who(m) + "special_outpatient");
            if (m.UnableToWorkCertified is null) missing.Add(Who(m) + "unable_to_work_certified");
            if (m.AdlUnable is null) missing.Add(Who(m) + "adl_unable");
            if (m.Supporter is null) missing.Add(Who(m) + "supporter");
            if (minor && m.Parent1 is null) missing.Add(Who(m) + "parent_1");
            if (minor && m.Care is null) missing.Add(Who(m) + "care");
            if (missing.Count > 0) continue;
            ParentStatus[] parents = m.Parent1 is null ? (m.Parent2 is null ? [] : [Parent(m.Parent2)])
                : m.Parent2 is null ? [Parent(m.Parent1)] : [Parent(m.Parent1), Parent(m.Parent2)];
            members.Add(new Member
            {
                Key = m.IdNumber,
                Sex = m.Sex == "female" ? Sex.Female : Sex.Male,
                BirthDate = m.BirthDate,
                Disability = m.DisabilityCategory is { } c && m.DisabilityGrade is { } g ? new Disability(Category(c), g) : null,
                SeriousIllness = m.SeriousIllness!.Value,
                SpecialOutpatient = m.SpecialOutpatient!.Value,
                FullTimeStudent = m.FullTimeStudent!.Value,
                Childless = m.Childless!.Value,
                RefusesWork = m.RefusesWork!.Value,
                UnableToWorkCertified = m.UnableToWorkCertified!.Value,
                AdlUnable = m.AdlUnable!.Value,
                Supporter = m.Supporter switch { "none" => Supporter.None, "unable" => Supporter.Unable, _ => Supporter.Able },
                Parents = parents,
                Care = m.Care == "institutional" ? Care.Institutional : Care.Scattered,
                CountedIncome = m.MonthlyIncome,
            });
        }
        if (missing.Count > 0) return new RegistrySituation(null, missing);
        var assets = new Assets(h.FinancialAssets!.Value, h.ResidentialProperties!.Value, h.NonResidentialProperties!.Value, h.Vehicles!.Value, h.Businesses!.Value);
        return new RegistrySituation(new Situation(date, h.County, area, members, assets, h.AnnualIncome, h.RigidSpending12m!.Value), []);
    }

    /// <summary>"member 440118********1234: " before a missing fact (built only when one is missing).</summary>
    private static string Who(RegistryMember m) => "member " + Mask(m.IdNumber) + ": ";

    /// <summary>An ID number shown in listings: address code and last four characters only.</summary>
    public static string Mask(string idNumber) => idNumber.Length == 18 ? idNumber[..6] + "********" + idNumber[14..] : idNumber;

    private static ParentStatus Parent(string code) => code switch
    {
        "alive" => ParentStatus.Alive,
        "dead" => ParentStatus.Dead,
        "missing" => ParentStatus.Missing,
        "severe_disability" => ParentStatus.SevereDisability,
        "serious_illness" => ParentStatus.SeriousIllness,
        "imprisoned" => ParentStatus.Imprisoned,
        "drug_rehabilitation" => ParentStatus.DrugRehabilitation,
        "deprived_of_liberty" => ParentStatus.DeprivedOfLiberty,
        "out_of_contact" => ParentStatus.OutOfContact,
        _ => throw new InvalidOperationException($"unknown parent status '{code}' in the registry"),
    };

    private static DisabilityCategory Category(string code) => code switch
    {
        "physical" => DisabilityCategory.Physical,
        "visual" => DisabilityCategory.Visual,
        "hearing" => DisabilityCategory.Hearing,
        "speech" => DisabilityCategory.Speech,
        "intellectual" => DisabilityCategory.Intellectual,
        "mental" => DisabilityCategory.Mental,
        "multiple" => DisabilityCategory.Multiple,
        _ => throw new InvalidOperationException($"unknown disability category '{code}' in the registry"),
    };

    private const string Query =
        "SELECT h.\"Id\", h.\"HouseholdNo\", h.\"CountyCode\", h.\"Area\", h.\"Program\", h.\"MonthlyAmount\", "
        + "h.\"FinancialAssets\", h.\"ResidentialProperties\", h.\"NonResidentialProperties\", h.\"Vehicles\", h.\"Businesses\", "
        + "h.\"RigidSpending12m\", h.\"AnnualIncome\", "
        + "m.\"Id\", m.\"IdNumber\", m.\"Sex\", m.\"BirthDate\", m.\"DisabilityCategory\", m.\"DisabilityGrade\", m.\"SeriousIllness\", "
        + "m.\"MonthlyIncome\", m.\"FullTimeStudent\", m.\"Childless\", m.\"RefusesWork\", m.\"SpecialOutpatient\", "
        + "m.\"UnableToWorkCertified\", m.\"AdlUnable\", m.\"Supporter\", m.\"Parent1\", m.\"Parent2\", m.\"Care\", m.\"MemberPrograms\" "
        + "FROM \"households\" h LEFT JOIN \"members\" m ON m.\"HouseholdId\" = h.\"Id\" AND m.\"LeftOn\" IS NULL "
        + "ORDER BY h.\"Id\", m.\"Id\"";

    /// <summary>
    /// Streams the whole registry (every region; no change tracking) in batches of households, one query
    /// ordered by household, so memory holds one batch at a time.
    /// </summary>
    public static async IAsyncEnumerable<List<RegistryHousehold>> ReadAsync(DoudiDb db, int batchSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Query;
            command.CommandTimeout = 0;
            await using var r = await command.ExecuteReaderAsync(ct);
            var batch = new List<RegistryHousehold>(batchSize);
            RegistryHousehold? current = null;
            while (await r.ReadAsync(ct))
            {
                var id = r.GetInt64(0);
                if (current is null || current.Id != id)
                {
                    if (current is not null)
                    {
                        batch.Add(current);
                        if (batch.Count >= batchSize)
                        {
                            yield return batch;
                            batch = new List<RegistryHousehold>(batchSize);
                        }
                    }
                    current = new RegistryHousehold(id, r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetDecimal(5),
                        Dec(r, 6), Int(r, 7), Int(r, 8), Int(r, 9), Int(r, 10), Dec(r, 11), Dec(r, 12), []);
                }
                if (r.IsDBNull(13)) continue;
                current.Members.Add(new RegistryMember(r.GetInt64(13), r.GetString(14), r.GetString(15), r.GetFieldValue<DateOnly>(16),
                    Str(r, 17), Int(r, 18), Bool(r, 19), r.GetDecimal(20), Bool(r, 21), Bool(r, 22), Bool(r, 23), Bool(r, 24), Bool(r, 25),
                    Int(r, 26), Str(r, 27), Str(r, 28), Str(r, 29), Str(r, 30), r.GetString(31)));
            }
            if (current is not null) batch.Add(current);
            if (batch.Count > 0) yield return batch;
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }

    private static decimal? Dec(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);
    private static int? Int(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
    private static bool? Bool(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetBoolean(i);
    private static string? Str(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
