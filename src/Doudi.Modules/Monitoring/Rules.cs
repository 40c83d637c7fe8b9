using System.Globalization;
using Doudi.Feeds;

namespace Doudi.Monitoring;

/// <summary>The twelve rules of monitoring-rules.md and their severities.</summary>
public static class Rules
{
    public const string DeceasedRecipient = "deceased_recipient";
    public const string VehicleOwner = "vehicle_owner";
    public const string PropertyOverLimit = "property_over_limit";
    public const string BusinessOwner = "business_owner";
    public const string EmploymentIncome = "employment_income";
    public const string HighMedicalCost = "high_medical_cost";
    public const string SevereDisabilityCandidate = "severe_disability_candidate";
    public const string UnemployedEdge = "unemployed_edge";
    public const string DetainedMember = "detained_member";
    public const string PovertyWatchUnassisted = "poverty_watch_unassisted";
    public const string OfficialKinRecipient = "official_kin_recipient";
    public const string DuplicateEnrolment = "duplicate_enrolment";

    public static readonly IReadOnlyList<(string Rule, string Severity)> All =
    [
        (DeceasedRecipient, "high"), (VehicleOwner, "medium"), (PropertyOverLimit, "medium"), (BusinessOwner, "medium"),
        (EmploymentIncome, "low"), (HighMedicalCost, "medium"), (SevereDisabilityCandidate, "medium"), (UnemployedEdge, "low"),
        (DetainedMember, "medium"), (PovertyWatchUnassisted, "high"), (OfficialKinRecipient, "high"), (DuplicateEnrolment, "high"),
    ];

    public static string Severity(string rule) => All.First(r => r.Rule == rule).Severity;

    public static readonly string[] AlertingVehicleTypes = ["car", "truck", "bus"];
}

/// <summary>The month a run looks at: its first and last day and the 12-month window M−11 … M.</summary>
public readonly record struct MonitoringMonth(int Year, int Month)
{
    public DateOnly First => new(Year, Month, 1);
    public DateOnly Last => First.AddMonths(1).AddDays(-1);
    public DateOnly WindowStart => First.AddMonths(-11);
    public string Text => First.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out MonitoringMonth month)
    {
        month = default;
        if (!DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return false;
        month = new MonitoringMonth(day.Year, day.Month);
        return true;
    }
}

/// <summary>A household on the month's last day: where it is and the program it was enrolled in (<c>none</c> if none).</summary>
public sealed record MonitoredHousehold(long Id, string No, string County, string Township, string Program);

/// <summary>
/// A person's membership of a household on the month's last day, with what they were enrolled in. The members of a
/// household share its <see cref="MonitoredHousehold"/>: a province has millions of memberships.
/// </summary>
public sealed record Membership(long MemberId, MonitoredHousehold Household, string IdNumber, string Name, IReadOnlySet<string> OwnPrograms)
{
    public long HouseholdId => Household.Id;
    public string HouseholdNo => Household.No;
    public string County => Household.County;
    public string Township => Household.Township;
    public string HouseholdProgram => Household.Program;

    /// <summary>Means-tested: the household's program is not none, or the person's own dibao_individual / tekun.</summary>
    public bool Enrolled => HouseholdProgram != "none" || OwnPrograms.Contains("dibao_individual") || OwnPrograms.Contains("tekun");

    /// <summary>Enrolled, or receiving any individual program (disability subsidies, children's allowances).</summary>
    public bool Paid => Enrolled || OwnPrograms.Count > 0;

    public bool EnrolledIn(string program) => HouseholdProgram == program || OwnPrograms.Contains(program);
}

public sealed record EvidenceItem(string Key, string Text)
{
    /// <summary>A feed row, with <c>name differs</c> when its name is not the registry's.</summary>
    public static EvidenceItem From(FeedRow row, string? registryName)
    {
        var text = row.Describe();
        if (registryName is not null && PersonName.Differs(registryName, row.Name))
            text += $" (name differs: registry {registryName}, feed {row.Name})";
        return new EvidenceItem(row.Key, text);
    }
}

/// <summary>One rule matched one (person, household): what a run found before the alert life applies.</summary>
public sealed record Hit(string Rule, string IdNumber, Membership? Member, string County, IReadOnlyList<EvidenceItem> Evidence)
{
    public string HouseholdNo => Member?.HouseholdNo ?? "";

    public static Hit For(string rule, Membership member, IEnumerable<EvidenceItem> evidence) =>
        new(rule, member.IdNumber, member, member.County, Sorted(evidence));

    public static IReadOnlyList<EvidenceItem> Sorted(IEnumerable<EvidenceItem> evidence) =>
        evidence is IReadOnlyList<EvidenceItem> { Count: 1 } one ? one
            : evidence.DistinctBy(e => e.Key).OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
}
