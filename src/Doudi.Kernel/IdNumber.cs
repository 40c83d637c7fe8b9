using System.Globalization;
using System.Text;

namespace Doudi.Kernel;

/// <summary>
/// A resident identity number (居民身份证号码, GB 11643-1999), always held in its 18-character form.
/// </summary>
public readonly record struct IdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";
    private static readonly DateOnly Earliest = new(1900, 1, 1);

    public string Value { get; }

    private IdNumber(string value) => Value = value;

    public DateOnly BirthDate => DateOnly.ParseExact(Value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Odd sequence digit: male; even: female.</summary>
    public Sex Sex => (Value[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;

    /// <summary>The 6-digit address code of issue (not checked against any list: old codes stay valid).</summary>
    public string AddressCode => Value[..6];

    /// <summary>Shown to people who may not see the whole number: <c>440106********123X</c>.</summary>
    public string Masked => string.Concat(Value.AsSpan(0, 6), "********", Value.AsSpan(14, 4));

    public override string ToString() => Value;

    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }

    /// <summary>Parses a stored, already normalised 18-character number (no date-range check).</summary>
    public static IdNumber FromTrusted(string value) => new(value);

    public static IdNumber Parse(string? raw, DateOnly today)
    {
        var result = TryParse(raw, today);
        return result.Id ?? throw new FormatException(result.Error);
    }

    /// <summary>
    /// Normalises and checks a number as the data-files contract says. The error names the reason
    /// in Chinese (the people who correct source data read it).
    /// </summary>
    public static IdParseResult TryParse(string? raw, DateOnly today)
    {
        if (raw is null) return IdParseResult.Fail("身份证号为空");
        var text = Normalise(raw);
        if (text.Length == 0) return IdParseResult.Fail("身份证号为空");

        if (LooksLikeExcelNumber(text))
            return IdParseResult.Fail($"身份证号被 Excel 存成了数字 (stored as a number by Excel): {text}，请把该列设为文本后重新导出");
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || IsZeroWidth(c))
                return IdParseResult.Fail("身份证号中间含有空格");
        }

        if (text.Length == 15)
        {
            if (!AllDigits(text)) return IdParseResult.Fail("15 位身份证号只能由数字组成");
            var first17 = string.Concat(text.AsSpan(0, 6), "19", text.AsSpan(6, 9));
            var dateError = CheckDate(first17.AsSpan(6, 8), today);
            if (dateError is not null) return IdParseResult.Fail(dateError);
            return IdParseResult.Ok(new IdNumber(first17 + ComputeCheckCharacter(first17)));
        }

        if (text.Length != 18)
            return IdParseResult.Fail($"身份证号应为 18 位（或 15 位旧号），实际 {text.Length} 位");
        if (!AllDigits(text.AsSpan(0, 17)) || !(char.IsAsciiDigit(text[17]) || text[17] == 'X'))
            return IdParseResult.Fail("身份证号前 17 位须为数字，最后一位为数字或 X");
        var expected = ComputeCheckCharacter(text.AsSpan(0, 17));
        if (expected != text[17])
        {
            if (text.EndsWith("000", StringComparison.Ordinal))
                return IdParseResult.Fail("身份证号被 Excel 存成了数字 (stored as a number by Excel)：末三位变成了 000，校验位不符");
            return IdParseResult.Fail($"身份证号校验位错误：应为 {expected}，实际为 {text[17]}");
        }
        var error = CheckDate(text.AsSpan(6, 8), today);
        return error is null ? IdParseResult.Ok(new IdNumber(text)) : IdParseResult.Fail(error);
    }

    /// <summary>NFKC, trims whitespace and zero-width characters at both ends, upper-cases x.</summary>
    public static string Normalise(string raw)
    {
        var text = raw.Normalize(NormalizationForm.FormKC);
        var start = 0;
        var end = text.Length;
        while (start < end && (char.IsWhiteSpace(text[start]) || IsZeroWidth(text[start]))) start++;
        while (end > start && (char.IsWhiteSpace(text[end - 1]) || IsZeroWidth(text[end - 1]))) end--;
        return text[start..end].Replace('x', 'X');
    }

    private static bool IsZeroWidth(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF';

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }
        return true;
    }

    /// <summary>4.40106E+17, 4.40106E17, 440106199001011234.0: what a spreadsheet makes of a long number.</summary>
    private static bool LooksLikeExcelNumber(string text)
    {
        if (text.EndsWith(".0", StringComparison.Ordinal) && AllDigits(text.AsSpan(0, text.Length - 2))) return true;
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e <= 0 || e == text.Length - 1) return false;
        var mantissa = text.AsSpan(0, e);
        var exponent = text.AsSpan(e + 1);
        if (exponent[0] == '+') exponent = exponent[1..];
        if (exponent.Length == 0 || !AllDigits(exponent)) return false;
        var dot = mantissa.IndexOf('.');
        return dot < 0 ? AllDigits(mantissa) : AllDigits(mantissa[..dot]) && AllDigits(mantissa[(dot + 1)..]) && dot > 0;
    }

    private static string? CheckDate(ReadOnlySpan<char> yyyymmdd, DateOnly today)
    {
        if (!DateOnly.TryParseExact(yyyymmdd, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth))
            return $"身份证号中的出生日期 {yyyymmdd} 不是有效日期";
        if (birth < Earliest || birth > today)
            return $"身份证号中的出生日期 {birth:yyyy-MM-dd} 不在 1900-01-01 至今天之间";
        return null;
    }
}

public readonly record struct IdParseResult(IdNumber? Id, string? Error)
{
    public static IdParseResult Ok(IdNumber id) => new(id, null);
    public static IdParseResult Fail(string error) => new(null, error);
}

public enum Sex
{
    Male,
    Female,
}
