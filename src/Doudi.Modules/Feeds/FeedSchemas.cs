using System.Text.RegularExpressions;
using Doudi.Imports;
using Doudi.Kernel;

namespace Doudi.Feeds;

/// <summary>The reader's view of a feed type: its columns as <see cref="FileSchema"/>, and the cross-column rules.</summary>
internal static partial class FeedSchemas
{
    [GeneratedRegex(@"^\d{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex SixDigits();

    private const decimal MoneyLimit = 10_000_000_000_000_000m;

    public static FileSchema For(FeedType type) => new(type.Name, type.Columns.Select(ToColumn).ToArray());

    private static Column ToColumn(FeedColumn c)
    {
        var column = c.Kind switch
        {
            FeedValue.Id => new Column(c.Name, ValueKind.IdNumber),
            FeedValue.Name => new Column(c.Name, ValueKind.Name),
            FeedValue.Text => new Column(c.Name, ValueKind.Text),
            FeedValue.Date => new Column(c.Name, ValueKind.Date),
            FeedValue.Month => new Column(c.Name, ValueKind.Month),
            FeedValue.Money => new Column(c.Name, ValueKind.Money),
            FeedValue.Code => new Column(c.Name, ValueKind.Code) { Codes = c.Codes! },
            FeedValue.Grade => new Column(c.Name, ValueKind.WholeNumber) { Min = 1, Max = 4 },
            FeedValue.Region => new Column(c.Name, ValueKind.Text) { Pattern = SixDigits(), PatternHint = "须为 6 位行政区划代码" },
            _ => throw new InvalidOperationException(c.Kind.ToString()),
        };
        return c.Optional ? column.AsOptionalFact() : column;
    }

    /// <summary>The checks between columns of one row (an end before its start, a part above its whole).</summary>
    public static void CheckRow(FeedType type, FileSchema schema, IRowValues row)
    {
        // The store keeps money as DECIMAL(18,2): a larger figure is refused here rather than failing the batch.
        for (var i = 0; i < type.Columns.Count; i++)
        {
            if (type.Columns[i].Kind == FeedValue.Money && row.Money(schema.Columns[i]) >= MoneyLimit)
                row.AddError(schema.Columns[i], "金额超出可存储的范围（整数部分最多 16 位）");
        }

        void NotBefore(string later, string earlier, string reason)
        {
            if (row.Date(schema[later]) is { } l && row.Date(schema[earlier]) is { } e && l < e) row.AddError(schema[later], reason);
        }

        switch (type.Name)
        {
            case "medical":
                if (row.Money(schema["out_of_pocket"]) is { } own && row.Money(schema["total_cost"]) is { } total && own > total)
                    row.AddError(schema["out_of_pocket"], "个人自付不能大于总费用");
                break;
            case "detention":
                NotBefore("end_date", "start_date", "结束日期早于开始日期");
                break;
            case "property":
                NotBefore("deregistered_on", "registered_on", "注销日期早于登记日期");
                break;
            case "poverty_watch":
                NotBefore("resolved_on", "flagged_on", "消除风险日期早于纳入监测日期");
                if (row.TextOrNull(schema["county"]) is { } county && !RegionCatalog.Guangdong2022.IsCounty(county))
                    row.AddError(schema["county"], "不是广东省的县级行政区划代码");
                break;
        }
    }

    /// <summary>The row's values in the store's column order (ID numbers as their 18-character text).</summary>
    public static object?[] Values(FeedType type, FileSchema schema, ParsedRow row)
    {
        var values = new object?[type.Columns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var column = schema.Columns[i];
            values[i] = type.Columns[i].Kind switch
            {
                FeedValue.Id => row.Id(column)?.Value,
                FeedValue.Date => row.Date(column),
                FeedValue.Money => row.Money(column),
                FeedValue.Grade => row.Number(column),
                _ => row.TextOrNull(column),
            };
        }
        return values;
    }

    public static string Key(FeedType type, object?[] values) =>
        string.Join("\u001f", type.Key.Select(k => Convert.ToString(values[type.IndexOf(k)], System.Globalization.CultureInfo.InvariantCulture)));
}
