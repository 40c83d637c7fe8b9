using System.Text;
using Doudi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Monitoring;

/// <summary>Writes the open alerts as CSV (data-files.md): UTF-8 with BOM, sorted, formula-neutralised.</summary>
public static class ExportAlerts
{
    public const string Header = "rule,id_number,household_id,county,township,severity,detected_on,due_on,evidence";

    public static async Task<int> WriteAsync(DoudiDb db, TextWriter writer, CancellationToken ct)
    {
        var alerts = await db.Alerts.AsNoTracking().Include(a => a.Evidence).Where(a => a.Status == AlertStatus.Open).ToListAsync(ct);
        var sorted = alerts.OrderBy(a => a.Rule, StringComparer.Ordinal).ThenBy(a => a.County, StringComparer.Ordinal)
            .ThenBy(a => a.IdNumber, StringComparer.Ordinal).ThenBy(a => a.HouseholdNo, StringComparer.Ordinal);
        await writer.WriteAsync(Header + "\r\n");
        foreach (var a in sorted)
        {
            string[] cells =
            [
                a.Rule, a.IdNumber, a.HouseholdNo, a.County, a.Township, a.Severity,
                a.DetectedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                a.DueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), a.EvidenceText,
            ];
            await writer.WriteAsync(string.Join(",", cells.Select(Cell)) + "\r\n");
        }
        return alerts.Count;
    }

    public static async Task<int> WriteFileAsync(DoudiDb db, string path, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await using var writer = new StreamWriter(full, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        return await WriteAsync(db, writer, ct);
    }

    /// <summary>RFC 4180 quoting; a cell a spreadsheet would run as a formula gets a leading apostrophe.</summary>
    public static string Cell(string value) => Doudi.Imports.SpreadsheetCell.Csv(value);
}
