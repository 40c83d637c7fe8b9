using System.Text.RegularExpressions;
using Doudi.Kernel;
using Doudi.Monitoring;

namespace Doudi.Web.Pages.Alerts;

/// <summary>An alert as the inbox shows it: names in Chinese and every ID number masked, the evidence included.</summary>
public sealed partial record AlertRow(
    long Id, string Rule, string RuleName, string Severity, string IdMasked, string HouseholdNo, string Region,
    DateOnly DetectedOn, DateOnly DueOn, bool Overdue, IReadOnlyList<string> Evidence,
    string? Finding, string? Action, string? ClosedBy, DateTimeOffset? ClosedAt)
{
    public static AlertRow From(Alert a, DateOnly today) => new(
        a.Id, a.Rule, RuleNameOf(a.Rule), SeverityName(a.Severity), Mask(a.IdNumber), a.HouseholdNo,
        a.Township == "" ? a.County : a.Township, a.DetectedOn, a.DueOn,
        a.Status == AlertStatus.Open && a.DueOn < today,
        [.. a.Evidence.OrderBy(e => e.Id).Select(e => MaskIds(e.Text))],
        a.Finding, a.Action is null ? null : MaskIds(a.Action), a.ClosedBy, a.ClosedAt);

    public static string RuleNameOf(string rule) => rule switch
    {
        Rules.DeceasedRecipient => "死亡人员仍在享受",
        Rules.VehicleOwner => "名下有车辆",
        Rules.PropertyOverLimit => "家庭房产超标",
        Rules.BusinessOwner => "名下有存续企业",
        Rules.EmploymentIncome => "本月有社保缴费",
        Rules.HighMedicalCost => "医疗自付费用高",
        Rules.SevereDisabilityCandidate => "重度残疾可单人保",
        Rules.UnemployedEdge => "低保边缘人员失业登记",
        Rules.DetainedMember => "在押服刑",
        Rules.PovertyWatchUnassisted => "防返贫监测对象未获救助",
        Rules.OfficialKinRecipient => "干部近亲属享受救助",
        Rules.DuplicateEnrolment => "重复享受",
        _ => rule,
    };

    public static string SeverityName(string severity) => severity switch { "high" => "高", "medium" => "中", "low" => "低", _ => severity };

    public static string Mask(string idNumber) =>
        idNumber.Length == 18 ? IdNumber.FromTrusted(idNumber).Masked : new string('*', idNumber.Length);

    /// <summary>Evidence quotes feed rows, which carry ID numbers (the person's, an official's kin): mask each one.</summary>
    public static string MaskIds(string text) => IdLike().Replace(text, m => Mask(m.Value));

    [GeneratedRegex(@"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9Xx])")]
    private static partial Regex IdLike();
}
