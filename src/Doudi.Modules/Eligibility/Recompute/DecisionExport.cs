using MiniExcelLibs;

namespace Doudi.Eligibility.Recompute;

/// <summary>Writes a recomputation's changes to an .xlsx with Chinese headers (one row per changed household).</summary>
public static class DecisionExport
{
    public static void WriteXlsx(string path, IEnumerable<EligibilityDecision> changes)
    {
        var rows = changes.Select(d => new Dictionary<string, object?>
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
            ["原成员项目"] = Cell(d.OldMemberPrograms),
            ["新成员项目"] = Cell(d.NewMemberPrograms),
            ["批次"] = d.RunId,
        });
        if (File.Exists(path)) File.Delete(path);
        MiniExcel.SaveAs(path, rows, sheetName: "核算变化");
    }

    /// <summary>Text that a spreadsheet would take for a formula is neutralised (data-files.md).</summary>
    private static string Cell(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' ? "'" + text : text;
}
