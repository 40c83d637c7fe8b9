using System.Text.RegularExpressions;
using MiniExcelLibs;

namespace Doudi.Eligibility.Recompute;

/// <summary>
/// Writes a recomputation's changes to an .xlsx with Chinese headers (one row per changed household). The
/// member columns name members by ID number: masked (<c>440106********123X</c>) unless the caller may hand
/// out whole numbers (docs/eligibility.md: only the command line, with <c>--full-ids</c>).
/// </summary>
public static partial class DecisionExport
{
    public static void WriteXlsx(string path, IEnumerable<EligibilityDecision> changes, bool fullIds = false)
    {
        if (File.Exists(path)) File.Delete(path);
        MiniExcel.SaveAs(path, Rows(changes, fullIds), sheetName: "核算变化");
    }

    public static void WriteXlsx(Stream stream, IEnumerable<EligibilityDecision> changes, bool fullIds = false) =>
        stream.SaveAs(Rows(changes, fullIds), sheetName: "核算变化");

    private static IEnumerable<Dictionary<string, object?>> Rows(IEnumerable<EligibilityDecision> changes, bool fullIds) =>
        changes.Select(d => new Dictionary<string, object?>
        {
            ["户编号"] = Cell(d.HouseholdNo),
            ["县区"] = d.CountyCode,
            ["核算日期"] = d.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["变化类型"] = ChangeKinds.ChineseName(d.ChangeKind),
            ["原项目"] = Registry.Programs.ChineseName(d.OldProgram),
            ["原月金额"] = d.OldAmount,
            ["新项目"] = Registry.Programs.ChineseName(d.NewProgram),
            ["新月金额"] = d.NewAmount,
            ["月金额差"] = d.NewAmount - d.OldAmount,
            ["原成员项目"] = Cell(fullIds ? d.OldMemberPrograms : MaskIds(d.OldMemberPrograms)),
            ["新成员项目"] = Cell(fullIds ? d.NewMemberPrograms : MaskIds(d.NewMemberPrograms)),
            ["批次"] = d.RunId,
        });

    /// <summary>Every 18-character ID number in a text (member programs, a trace's member keys and reasons), masked.</summary>
    public static string MaskIds(string text) => IdPattern().Replace(text, "$1********$2");

    /// <summary>Text that a spreadsheet would take for a formula is neutralised (data-files.md).</summary>
    private static string Cell(string text) => Doudi.Imports.SpreadsheetCell.Text(text);

    [GeneratedRegex(@"(?<![0-9])([0-9]{6})[0-9]{8}([0-9]{3}[0-9Xx])(?![0-9Xx])", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
