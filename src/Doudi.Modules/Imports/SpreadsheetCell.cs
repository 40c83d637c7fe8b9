namespace Doudi.Imports;

/// <summary>
/// Text written where a spreadsheet will open it (data-files.md): a value a spreadsheet would run as a formula (it
/// starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return) gets a leading apostrophe, so a
/// department's or a user's text never becomes a formula in someone else's Excel.
/// </summary>
public static class SpreadsheetCell
{
    /// <summary>The text for an .xlsx cell.</summary>
    public static string Text(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    /// <summary>The text for a CSV cell: <see cref="Text"/>, then RFC 4180 quoting.</summary>
    public static string Csv(string value)
    {
        value = Text(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
