using System.Text;
using Doudi.Kernel;

namespace Doudi.Imports;

/// <summary>
/// The common, valid case of each value rule, checked on UTF-8 bytes without making a string. It only ever says
/// "certainly valid"; anything else (white space to trim, full-width digits, an error to explain) goes to
/// <see cref="ValueRules.Read"/> with the text, so the rules and their reasons stay in one place.
/// A valid value's stored form is its bytes (an ID number's <c>x</c> upper-cased).
/// </summary>
public static class Utf8Values
{
    /// <summary>The one text pattern checked here (region codes); other patterns go to <see cref="ValueRules"/>.</summary>
    public const string SixDigitsPattern = @"^\d{6}$";

    /// <summary>True when <paramref name="b"/> is valid for <paramref name="column"/>; dates and money come out parsed.</summary>
    public static bool TryFast(Column column, ReadOnlySpan<byte> b, DateOnly today, byte[][]? codes, out DateOnly date, out decimal money)
    {
        date = default;
        money = default;
        if (b.IsEmpty) return false;
        switch (column.Kind)
        {
            case ValueKind.IdNumber: return IsId(b, today);
            case ValueKind.Date: return TryDate(b, out date);
            case ValueKind.Month: return b.Length == 7 && b[4] == '-' && Digits(b[..4]) && Digits(b[5..]) && Number(b[..4]) >= 1 && Number(b[5..]) is >= 1 and <= 12;
            case ValueKind.Money: return TryMoney(b, out money);
            case ValueKind.Code:
                if (codes is null) return false;
                foreach (var code in codes)
                {
                    if (b.SequenceEqual(code)) return true;
                }
                return false;
            case ValueKind.WholeNumber:
                return b.Length == 1 && b[0] is >= (byte)'0' and <= (byte)'9' && b[0] - '0' >= column.Min && b[0] - '0' <= column.Max;
            case ValueKind.Text when column.Pattern is not null:
                // The only patterned feed text is a 6-digit region code.
                return column.Pattern.ToString() == SixDigitsPattern && b.Length == 6 && Digits(b);
            case ValueKind.Text: return IsPlainText(b, ValueRules.MaxTextLength);
            case ValueKind.Name: return IsPlainText(b, ValueRules.MaxNameLength);
            default: return false;
        }
    }

    /// <summary>The codes of a column as UTF-8, for <see cref="TryFast"/>.</summary>
    public static byte[][] CodeBytes(Column column) => column.Codes.Select(Encoding.UTF8.GetBytes).ToArray();

    // Nothing to trim at either end, no control character, and short enough in bytes to be short enough in characters.
    private static bool IsPlainText(ReadOnlySpan<byte> b, int maxChars)
    {
        if (b.Length > maxChars || b.IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0) return false;
        var last = b.Length - 1;
        while (last > 0 && (b[last] & 0xC0) == 0x80) last--;   // back to the last character's first byte
        return !MayBeWhiteSpace(b[0]) && !MayBeWhiteSpace(b[last]);
    }

    // A character starting with this byte may be white space that string.Trim removes: ASCII space (and DEL to be
    // safe), or a non-ASCII one whose UTF-8 starts with C2 (U+0085, U+00A0), E1 (U+1680), E2 (U+2000–U+205F) or
    // E3 (U+3000 ideographic space). Chinese characters start with E4–E9.
    private static bool MayBeWhiteSpace(byte first) => first is <= 0x20 or 0x7F or 0xC2 or 0xE1 or 0xE2 or 0xE3;

    private static bool Digits(ReadOnlySpan<byte> b) => b.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;

    private static int Number(ReadOnlySpan<byte> b)
    {
        var n = 0;
        foreach (var c in b) n = n * 10 + (c - '0');
        return n;
    }

    private static bool TryDate(ReadOnlySpan<byte> b, out DateOnly date)
    {
        date = default;
        if (b.Length != 10 || b[4] != '-' || b[7] != '-' || !Digits(b[..4]) || !Digits(b[5..7]) || !Digits(b[8..])) return false;
        var (y, m, d) = (Number(b[..4]), Number(b[5..7]), Number(b[8..]));
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    private static bool TryMoney(ReadOnlySpan<byte> b, out decimal money)
    {
        money = default;
        var dot = b.IndexOf((byte)'.');
        var whole = dot < 0 ? b : b[..dot];
        var fraction = dot < 0 ? [] : b[(dot + 1)..];
        if (whole.Length is 0 or > 15 || !Digits(whole)) return false;
        if (dot >= 0 && (fraction.Length is 0 or > 2 || !Digits(fraction))) return false;
        long units = 0;
        foreach (var c in whole) units = units * 10 + (c - '0');
        foreach (var c in fraction) units = units * 10 + (c - '0');
        money = new decimal((int)(units & 0xFFFFFFFF), (int)(units >> 32), 0, false, (byte)fraction.Length);
        return true;
    }

    // 18 characters, 17 digits and the right check character, a birth date from 1900-01-01 to today.
    private static bool IsId(ReadOnlySpan<byte> b, DateOnly today)
    {
        if (b.Length != 18 || !Digits(b[..17])) return false;
        Span<char> first17 = stackalloc char[17];
        for (var i = 0; i < 17; i++) first17[i] = (char)b[i];
        var check = IdNumber.ComputeCheckCharacter(first17);
        var last = b[17] == 'x' ? 'X' : (char)b[17];
        if (last != check) return false;
        if (!TryDate([b[6], b[7], b[8], b[9], (byte)'-', b[10], b[11], (byte)'-', b[12], b[13]], out var birth)) return false;
        return birth >= new DateOnly(1900, 1, 1) && birth <= today;
    }
}
