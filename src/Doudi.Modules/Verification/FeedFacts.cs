using System.Globalization;
using Doudi.Feeds;

namespace Doudi.Verification;

/// <summary>
/// What a feed row means on the verification date: whether it belongs in the report (not a later event,
/// inside the look-back window of monthly feeds), how it reads in Chinese, and whether an asset test counts it.
/// </summary>
internal static class FeedFacts
{
    /// <summary>Vehicle types that are not motor vehicles for the asset test (残疾人代步车、摩托车、电动自行车).</summary>
    private static readonly string[] ExemptVehicles = ["disabled_mobility", "motorcycle", "e_bike"];

    /// <summary>Monthly and settlement feeds are shown for the 12 calendar months ending with the date's month.</summary>
    public static DateOnly WindowStart(DateOnly date) => new DateOnly(date.Year, date.Month, 1).AddMonths(-11);

    public static bool Relevant(FeedRow r, DateOnly date)
    {
        var from = WindowStart(date);
        return r.Type.Name switch
        {
            "death" => r.Date("death_date") <= date,
            "vehicle" or "property" or "business" or "unemployment" => r.Date("registered_on") <= date,
            "medical" => r.Date("settled_on") is { } d && d >= from && d <= date,
            "disability" => r.Date("certified_on") <= date,
            "employment" or "pension" => InWindow(r["month"], from, date),
            "detention" => r.Date("start_date") <= date,
            "poverty_watch" => r.Date("flagged_on") <= date,
            "financial" => r.Date("as_of") <= date,
            _ => true,
        };
    }

    private static bool InWindow(string month, DateOnly from, DateOnly date)
    {
        var first = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return first >= from && first <= date;
    }

    /// <summary>Whether an asset test counts the row on the date, and if not, why (shown beside it).</summary>
    public static (bool Counted, string? Note) Counts(FeedRow r, DateOnly date) => r.Type.Name switch
    {
        "financial" => (true, null),
        "vehicle" when ExemptVehicles.Contains(r["vehicle_type"]) => (false, "残疾人代步车、摩托车、电动自行车不计入"),
        "vehicle" => (true, null),
        "property" when r.Date("deregistered_on") is { } gone && gone <= date => (false, "已注销，不计入"),
        "property" => (true, null),
        "business" when r["status"] != "active" => (false, "已注销，不计入"),
        "business" => (true, null),
        _ => (false, null),
    };

    public static string Describe(FeedRow r) => r.Type.Name switch
    {
        "death" => $"死亡日期 {r["death_date"]}",
        "vehicle" => $"车牌 {r["plate"]}，{VehicleType(r["vehicle_type"])}，{r["registered_on"]} 登记",
        "property" => $"{(r["property_kind"] == "residential" ? "住宅" : "非住宅")}，不动产权证 {r["certificate_no"]}，{r["registered_on"]} 登记"
            + (r["deregistered_on"].Length > 0 ? $"，{r["deregistered_on"]} 注销" : ""),
        "business" => $"{r["entity_name"]}，注册资本 {r["registered_capital"]} 元，{r["registered_on"]} 登记，{(r["status"] == "active" ? "存续" : "已注销")}",
        "medical" => $"医保结算 {r["settlement_no"]}：{r["settled_on"]}，总费用 {r["total_cost"]} 元，个人自付 {r["out_of_pocket"]} 元",
        "disability" => $"残疾：{DisabilityCategory(r["category"])} {r["grade"]} 级（{r["certified_on"]} 评定）",
        "employment" => $"{r["month"]} 社会保险缴费基数 {r["contribution_base"]} 元",
        "pension" => $"{r["month"]} {PensionKind(r["kind"])} {r["amount"]} 元",
        "unemployment" => $"{r["registered_on"]} 失业登记",
        "detention" => $"羁押或服刑 {r["start_date"]} 至 {(r["end_date"].Length > 0 ? r["end_date"] : "今（未结束）")}",
        "poverty_watch" => $"防返贫监测 {r["flagged_on"]} 纳入（风险：{Risk(r["risk"])}）"
            + (r["resolved_on"].Length > 0 ? $"，{r["resolved_on"]} 消除" : "，未消除"),
        "financial" => $"{r["institution"]} {FinancialKind(r["kind"])} 余额 {r["balance"]} 元（截至 {r["as_of"]}）",
        "official_kin" => $"公职人员 {r["official_name"]}（{r["position"]}，{r["region"]}）的{Relation(r["relation"])}",
        _ => r.Describe(),
    };

    public static string FeedName(string feed) => FeedTypes.ChineseName(feed);

    private static string VehicleType(string code) => code switch
    {
        "car" => "小汽车",
        "truck" => "货车",
        "bus" => "客车",
        "motorcycle" => "摩托车",
        "e_bike" => "电动自行车",
        "disabled_mobility" => "残疾人代步车",
        _ => code,
    };

    private static string DisabilityCategory(string code) => code switch
    {
        "physical" => "肢体",
        "visual" => "视力",
        "hearing" => "听力",
        "speech" => "言语",
        "intellectual" => "智力",
        "mental" => "精神",
        "multiple" => "多重",
        _ => code,
    };

    private static string PensionKind(string code) => code switch
    {
        "basic" => "城乡居民基础养老金",
        "employee" => "职工养老金",
        "civil_servant" => "机关事业单位养老金",
        _ => code,
    };

    private static string FinancialKind(string code) => code switch
    {
        "deposit" => "存款",
        "securities" => "证券",
        "fund" => "基金",
        "insurance" => "商业保险",
        "wealth_management" => "理财产品",
        _ => code,
    };

    private static string Risk(string code) => code switch
    {
        "illness" => "因病",
        "disability" => "因残",
        "education" => "因学",
        "disaster" => "因灾",
        "accident" => "因意外",
        "unemployment" => "因失业",
        _ => "其他",
    };

    private static string Relation(string code) => code switch
    {
        "spouse" => "配偶",
        "parent" => "父母",
        "child" => "子女",
        "sibling" => "兄弟姐妹",
        "grandparent" => "祖父母",
        "grandchild" => "孙子女",
        _ => "其他亲属",
    };
}
