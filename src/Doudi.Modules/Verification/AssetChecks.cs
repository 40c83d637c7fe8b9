using System.Globalization;
using Doudi.Feeds;
using Doudi.Kernel;
using Doudi.Policy;

namespace Doudi.Verification;

/// <summary>
/// The asset tests of the rules (粤民规字〔2019〕9号; guangdong-rules.md §3), one per household over all its
/// members on the date, applied to what the feeds say: financial assets ÷ members ≤ the months figure × the
/// 低保 standard; residential properties ≤ the limit; non-residential, motor vehicles and business
/// registrations ≤ their limits. Every figure comes from the <see cref="ParameterBook"/> in force on the date.
/// A test whose feed was never imported, or whose figure is not in force, cannot be checked (NoData).
/// </summary>
internal sealed class AssetChecks(ParameterBook book, string county, Area area, DateOnly date)
{
    public List<Figure> Used { get; } = [];

    private Figure? Get(ParameterDef p)
    {
        var figure = book.Get(p, county, area, date);
        if (figure is not null && !Used.Contains(figure)) Used.Add(figure);
        return figure;
    }

    /// <param name="counted">The rows the tests count (see <see cref="FeedFacts.Counts"/>), of every member.</param>
    /// <param name="imported">Whether a feed type has any committed batch.</param>
    public List<AssetTestResult> Run(IReadOnlyList<FeedRow> counted, int members, Func<string, bool> imported)
    {
        var rows = counted.ToLookup(r => r.Type.Name);
        return
        [
            Financial(rows["financial"].ToList(), members, imported("financial")),
            Count(AssetTests.Residential, "住宅", "套", Parameters.MaxResidential, imported("property"),
                rows["property"].Where(r => r["property_kind"] == "residential").Select(r => r["certificate_no"])),
            Count(AssetTests.NonResidential, "非住宅房产", "处", Parameters.MaxNonResidential, imported("property"),
                rows["property"].Where(r => r["property_kind"] == "non_residential").Select(r => r["certificate_no"])),
            Count(AssetTests.Vehicles, "机动车", "辆", Parameters.MaxVehicles, imported("vehicle"),
                rows["vehicle"].Select(r => r["plate"]), "残疾人代步车、摩托车、电动自行车不计入"),
            Count(AssetTests.Businesses, "商事登记", "个", Parameters.MaxBusinesses, imported("business"),
                rows["business"].Select(r => r["entity_name"]), "经审核的无雇员夫妻店可除外，请入户核实"),
        ];
    }

    private AssetTestResult Financial(List<FeedRow> rows, int members, bool imported)
    {
        const string name = "金融资产";
        var months = Get(Parameters.FinancialMonths);
        var standard = Get(Parameters.DibaoStandard);
        if (!imported)
            return new(AssetTests.Financial, name, Verdict.NoData, null, null, NotImported("financial"));
        if (months is null || standard is null)
            return new(AssetTests.Financial, name, Verdict.NoData, null, null, NoFigure(months is null ? Parameters.FinancialMonths : Parameters.DibaoStandard));
        if (members == 0)
            return new(AssetTests.Financial, name, Verdict.NoData, null, null, "核对日期没有在户成员，无法计算人均金融资产");
        var total = rows.Sum(r => r.Money("balance"));
        var perCapita = total / members;          // exact: compared unrounded, shown to the fen
        var limit = months.Value * standard.Value;
        var pass = perCapita <= limit;
        var reason = $"人均金融资产 {Money.Format(perCapita)} 元（{rows.Count} 笔合计 {Money.Format(total)} 元 ÷ {members} 人）"
            + $"{(pass ? " ≤ " : " > ")}上限 {Money.Format(limit)} 元（{Number(months.Value)} 个月 × 低保标准 {Money.Format(standard.Value)} 元；"
            + $"全户合计上限 {Money.Format(limit * members)} 元），"
            + (pass ? "符合" : "不符合");
        return new(AssetTests.Financial, name, pass ? Verdict.Pass : Verdict.Fail, perCapita, limit, reason);
    }

    private AssetTestResult Count(string code, string name, string unit, ParameterDef parameter, bool imported,
        IEnumerable<string> keys, string? exemption = null)
    {
        var feed = code is AssetTests.Vehicles ? "vehicle" : code is AssetTests.Businesses ? "business" : "property";
        var max = Get(parameter);
        if (!imported) return new(code, name, Verdict.NoData, null, null, NotImported(feed));
        if (max is null) return new(code, name, Verdict.NoData, null, null, NoFigure(parameter));
        // One certificate, plate or business held by two members is one asset of the household.
        var distinct = keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var pass = distinct.Count <= max.Value;
        var listed = distinct.Count == 0 ? "" : "（" + string.Join("、", distinct) + "）";
        var reason = $"{name} {distinct.Count} {unit}{listed}{(pass ? " ≤ " : " > ")}上限 {Number(max.Value)} {unit}，{(pass ? "符合" : "不符合")}"
            + (exemption is null ? "" : "；" + exemption);
        return new(code, name, pass ? Verdict.Pass : Verdict.Fail, distinct.Count, max.Value, reason);
    }

    private string NotImported(string feed) => $"尚未导入“{FeedFacts.FeedName(feed)}”数据，无法核对";

    private string NoFigure(ParameterDef p) =>
        $"{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} 没有生效的参数 {p.Name}（县区 {county}），无法核对";

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
