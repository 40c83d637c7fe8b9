using System.Text;

namespace Doudi.Imports;

/// <summary>
/// The error file a department corrects and resends: one row per rejected value with its original line
/// number, column, value and reason. UTF-8 with BOM (so a spreadsheet shows the Chinese), RFC 4180 quoting,
/// and every cell that a spreadsheet would run as a formula is neutralised with a leading <c>'</c>.
/// </summary>
public static class ErrorFile
{
    public const string Header = "line,column,value,reason";

    /// <summary><c>households.csv</c> → <c>households.errors.csv</c>, in <paramref name="directory"/> or beside the input.</summary>
    public static string? PathFor(ImportSource source, string? directory)
    {
        var name = Path.GetFileNameWithoutExtension(source.Name) + ".errors.csv";
        if (directory is not null) return Path.Combine(directory, name);
        return source.Path is null ? null : Path.Combine(Path.GetDirectoryName(source.Path)!, name);
    }

    public static void Write(string path, IEnumerable<ImportError> errors)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Write(writer, errors);
    }

    public static void Write(TextWriter writer, IEnumerable<ImportError> errors)
    {
        writer.Write(Header + "\r\n");
        foreach (var e in errors.OrderBy(e => e.Line))
        {
            writer.Write(e.Line.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(Cell(e.Column));
            writer.Write(',');
            writer.Write(Cell(e.Value));
            writer.Write(',');
            writer.Write(Cell(e.Reason));
            writer.Write("\r\n");
        }
    }

    /// <summary>A cell safe to open in a spreadsheet (<see cref="SpreadsheetCell.Csv"/>).</summary>
    public static string Cell(string value) => SpreadsheetCell.Csv(value);
}
