using System.Globalization;
using System.Text.RegularExpressions;
using Doudi.Kernel;

namespace Doudi.Imports;

/// <summary>The value rules every file shares (data-files.md, "Values"). Reasons are in Chinese for the sender.</summary>
public static partial class ValueRules
{
    public const int MaxNameLength = 50;
    public const int MaxTextLength = 1000;

    public const string ExcelNumberReason = "身份证号被 Excel 存成了数字 (stored as a number by Excel)：请把该列设为文本后重新导出";

    [GeneratedRegex(@"^\d+(\.\d{1,2})?$", RegexOptions.CultureInvariant)]
    public static partial Regex MoneyPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^\d{4}-\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthPattern();

    /// <summary>Reads one cell by its column's kind: the value, or null and an error reason.</summary>
    public static (object? Value, string? Error) Read(Column column, string raw, bool numericCell, DateOnly today)
    {
        var text = raw.Trim();
        if (text.Length == 0)
            return (column.Kind == ValueKind.CodeList ? Array.Empty<string>() : null, column.AllowEmpty ? null : "必填，不能为空");

        var (value, error) = column.Kind switch
        {
            ValueKind.Text => text.Length > MaxTextLength ? (null, $"超过 {MaxTextLength} 个字符") : ((object?)text, (string?)null),
            ValueKind.Name => text.Length > MaxNameLength ? (null, $"名称超过 {MaxNameLength} 个字符") : (text, null),
            ValueKind.Code => ReadCode(column, text),
            ValueKind.CodeList => ReadCodeList(column, text),
            ValueKind.Date => ReadDate(text),
            ValueKind.Month => MonthPattern().IsMatch(text)
                && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? (text, null) : (null, "月份须为 YYYY-MM 格式"),
            ValueKind.Money => ReadMoney(text),
            ValueKind.WholeNumber => ReadInteger(column, text),
            ValueKind.Boolean => text switch { "0" => (false, null), "1" => (true, null), _ => (null, "须为 0 或 1") },
            ValueKind.IdNumber => ReadId(raw, numericCell, today),
            _ => throw new InvalidOperationException(column.Kind.ToString()),
        };
        if (error is null && column.Pattern is not null && value is string s && !column.Pattern.IsMatch(s))
            return (null, column.PatternHint ?? "格式不正确");
        return (value, error);
    }

    public static (object?, string?) ReadDate(string text)
    {
        if (DatePattern().IsMatch(text)
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return (date, null);
        return (null, "日期须为 YYYY-MM-DD 格式的有效日期");
    }

    public static (object?, string?) ReadMoney(string text)
    {
        if (MoneyPattern().IsMatch(text) && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan))
            return (yuan, null);
        return (null, "金额须为不带符号、千分位和指数的数字，最多两位小数");
    }

    private static (object?, string?) ReadCode(Column column, string text)
    {
        foreach (var code in column.Codes)
        {
            if (code == text) return (code, null);
        }
        if (column.Codes.Count == 0) return (text, null);
        return (null, $"代码不在列表中，应为 {string.Join(" ", column.Codes)} 之一");
    }

    private static (object?, string?) ReadCodeList(Column column, string text)
    {
        var parts = text.Split(';');
        var codes = new List<string>(parts.Length);
        foreach (var part in parts)
        {
            var code = part.Trim();
            if (code.Length == 0) return (null, "代码列表中有空项");
            if (!column.Codes.Contains(code)) return (null, $"未知代码 {code}，应为 {string.Join(" ", column.Codes)} 之一");
            if (codes.Contains(code)) return (null, $"代码 {code} 重复");
            codes.Add(code);
        }
        return (codes.ToArray(), null);
    }

    private static (object?, string?) ReadInteger(Column column, string text)
    {
        if (text.Length <= 9 && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= column.Min && n <= column.Max)
            return (n, null);
        return (null, column.Max == int.MaxValue ? $"须为不小于 {column.Min} 的整数" : $"须为 {column.Min} 到 {column.Max} 之间的整数");
    }

    private static (object?, string?) ReadId(string raw, bool numericCell, DateOnly today)
    {
        if (numericCell) return (null, ExcelNumberReason);
        var result = IdNumber.TryParse(raw, today);
        return result.Id is { } id ? (id, null) : (null, result.Error);
    }
}
