using Doudi.Imports;
using Doudi.Kernel;
using static Doudi.Registry.Import.RosterSchemas;

namespace Doudi.Registry.Import;

/// <summary>One roster file after reading: its counts, its rejected rows and which optional columns it had.</summary>
internal sealed class RosterFile(TabularFile file)
{
    public string Name { get; } = file.Source.Name;
    public string Sha256 { get; } = file.Fingerprint.Sha256;
    public List<ImportError> Errors { get; } = [];
    public List<string> Warnings { get; } = [.. file.Warnings];
    public int Read { get; set; }
    public int Rejected { get; set; }
    public int Accepted => Read - Rejected;
    public TabularFile File { get; } = file;

    public void Reject(ParsedRow row)
    {
        Rejected++;
        Errors.AddRange(row.Errors);
    }
}

/// <summary>
/// Reads the pair and applies the roster's rules (data-files.md): a member belongs to a listed, accepted
/// household; sex and birth date agree with the ID number; disability both or neither; the income sum.
/// </summary>
internal sealed class RosterReader(DateOnly today, IProgress<ImportProgress>? progress)
{
    private readonly RegionCatalog _catalog = RegionCatalog.Guangdong2022;

    public List<HouseholdRow> Households { get; } = [];
    public List<MemberRow> Members { get; } = [];

    /// <summary>Households with a rejected member row: nobody leaves them in this import (the rejected row may be a current member).</summary>
    public HashSet<string> HouseholdsWithRejectedMembers { get; } = new(StringComparer.Ordinal);

    public RosterFile ReadHouseholds(TabularFile file)
    {
        var result = new RosterFile(file);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in file.Rows())
        {
            result.Read++;
            var no = row.TextOrNull(H.HouseholdId);
            if (no is not null)
            {
                if (firstLine.TryGetValue(no, out var first)) row.AddError(H.HouseholdId, $"household_id 在文件中重复（第 {first} 行已出现），以第一次出现为准");
                else firstLine[no] = row.Line;
            }
            var county = row.TextOrNull(H.County);
            if (county is not null && !_catalog.IsCounty(county))
                row.AddError(H.County, "不是广东省县级区划代码（东莞、中山用 441900、442000）");
            var township = row.TextOrNull(H.Township);
            if (county is not null && township is not null && !township.StartsWith(county, StringComparison.Ordinal))
                row.AddError(H.Township, $"乡镇代码须以所属县级代码 {county} 开头");
            if (row.TextOrNull(H.Program) == "none" && row.Money(H.MonthlyAmount) is > 0m)
                row.AddError(H.MonthlyAmount, "program 为 none 时 monthly_amount 须为 0");
            if (row.Date(H.Since) is { } since && since > today)
                row.AddError(H.Since, $"since 不能晚于导入日期 {today:yyyy-MM-dd}");

            if (row.HasErrors) { result.Reject(row); }
            else
            {
                Households.Add(new HouseholdRow(row.Line, no!, county!, township!, row.Text(H.Area), row.Text(H.Program),
                    row.Money(H.MonthlyAmount)!.Value, row.Date(H.Since)!.Value,
                    new HouseholdFacts(row.Money(H.FinancialAssets), row.Number(H.ResidentialProperties), row.Number(H.NonResidentialProperties),
                        row.Number(H.Vehicles), row.Number(H.Businesses), row.Money(H.RigidSpending12m), row.Money(H.AnnualIncome))));
            }
            if (result.Read % 5000 == 0) progress?.Report(new ImportProgress("households", result.Read));
        }
        _firstLineOfHousehold = firstLine;
        return result;
    }

    private Dictionary<string, int> _firstLineOfHousehold = [];

    public RosterFile ReadMembers(TabularFile file)
    {
        var result = new RosterFile(file);
        var accepted = Households.Select(h => h.HouseholdNo).ToHashSet(StringComparer.Ordinal);
        var seen = new Dictionary<(string, string), int>();
        var order = Programs.Individual;
        foreach (var row in file.Rows())
        {
            result.Read++;
            var no = row.TextOrNull(M.HouseholdId);
            if (no is not null && !accepted.Contains(no))
            {
                row.AddError(M.HouseholdId, _firstLineOfHousehold.TryGetValue(no, out var line)
                    ? $"所属家庭 {no} 在 households 文件第 {line} 行被拒绝"
                    : $"未知家庭 {no}：households 文件中没有这一户");
            }
            var id = row.Id(M.IdNumber);
            if (id is { } person)
            {
                if (row.TextOrNull(M.Sex) is { } sex && sex != (person.Sex == Sex.Male ? "male" : "female"))
                    row.AddError(M.Sex, $"性别与身份证号不符（身份证号为{(person.Sex == Sex.Male ? "男" : "女")}）");
                if (row.Date(M.BirthDate) is { } birth && birth != person.BirthDate)
                    row.AddError(M.BirthDate, $"出生日期与身份证号不符（身份证号为 {person.BirthDate:yyyy-MM-dd}）");
                if (no is not null && !seen.TryAdd((no, person.Value), row.Line))
                    row.AddError(M.IdNumber, $"同一人在家庭 {no} 中重复出现（第 {seen[(no, person.Value)]} 行）");
            }
            if (row.IsGiven(M.DisabilityCategory) != row.IsGiven(M.DisabilityGrade))
                row.AddError(row.IsGiven(M.DisabilityCategory) ? M.DisabilityGrade : M.DisabilityCategory, "残疾类别和残疾等级须同时填写或同时为空");
            if (M.CountedIncome.Any(row.IsGiven) && row.Money(M.MonthlyIncome) is { } total
                && M.CountedIncome.All(c => !row.IsGiven(c) || row.Money(c) is not null))
            {
                var sum = M.CountedIncome.Sum(c => row.Money(c) ?? 0m);
                if (sum != total) row.AddError(M.MonthlyIncome, $"monthly_income 须等于计入收入之和 {sum:0.00}（工资、经营、财产、转移性收入和养老金）");
            }

            if (row.HasErrors)
            {
                result.Reject(row);
                if (no is not null) HouseholdsWithRejectedMembers.Add(no);
            }
            else
            {
                var programs = row.Codes(M.MemberProgram).OrderBy(p => Array.IndexOf(order, p));
                Members.Add(new MemberRow(row.Line, no!, new MemberFacts(
                    id!.Value.Value, row.Text(M.Name), row.Text(M.Sex), row.Date(M.BirthDate)!.Value, row.Text(M.Relation),
                    row.TextOrNull(M.DisabilityCategory), row.Number(M.DisabilityGrade), row.Boolean(M.SeriousIllness), row.Money(M.MonthlyIncome)!.Value,
                    row.Money(M.IncomeWages), row.Money(M.IncomeBusiness), row.Money(M.IncomeProperty), row.Money(M.IncomeTransfer),
                    row.Money(M.IncomePension), row.Money(M.IncomeBasicPension), row.Money(M.IncomeNotCounted),
                    row.Boolean(M.FullTimeStudent), row.Boolean(M.Childless), row.Boolean(M.RefusesWork), row.Boolean(M.SpecialOutpatient),
                    row.Boolean(M.UnableToWorkCertified), row.Number(M.AdlUnable), row.TextOrNull(M.Supporter),
                    row.TextOrNull(M.Parent1), row.TextOrNull(M.Parent2), row.TextOrNull(M.Care), string.Join(';', programs))));
            }
            if (result.Read % 5000 == 0) progress?.Report(new ImportProgress("members", result.Read));
        }
        return result;
    }
}
