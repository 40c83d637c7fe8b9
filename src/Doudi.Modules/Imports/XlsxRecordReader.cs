using System.Globalization;
using MiniExcelLibs;

namespace Doudi.Imports;

/// <summary>
/// The first sheet of an .xlsx as records: text cells as they are, numbers in invariant form, date cells
/// as YYYY-MM-DD (the contract converts a date-formatted cell), and which cells held numbers, so an ID
/// column can say "stored as a number by Excel" instead of guessing from the text.
/// </summary>
public static class XlsxRecordReader
{
    public static IEnumerable<RawRecord> Records(Stream stream)
    {
        var line = 0;
        foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false))
        {
            line++;
            var width = 0;
            var cells = new List<KeyValuePair<int, object?>>(row.Count);
            foreach (var (key, value) in row)
            {
                var index = ColumnIndex(key);
                cells.Add(new(index, value));
                if (value is not null && index + 1 > width) width = index + 1;
            }
            var fields = new string[width];
            var numeric = new bool[width];
            Array.Fill(fields, "");
            foreach (var (index, value) in cells)
            {
                if (index >= width) continue;
                fields[index] = Text(value);
                numeric[index] = value is double or decimal or int or long or float;
            }
            yield return new RawRecord(line, fields, numeric);
        }
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        double d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>"A" → 0, "Z" → 25, "AA" → 26.</summary>
    private static int ColumnIndex(string letters)
    {
        var index = 0;
        foreach (var c in letters) index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return index - 1;
    }
}
