namespace Doudi.Imports;

/// <summary>
/// One record as it stands in the file, before any column is interpreted: its line (CSV: the line it starts
/// on; .xlsx: the sheet row), its fields, which .xlsx cells held numbers, and a structural problem if any.
/// </summary>
public sealed record RawRecord(int Line, string[] Fields, bool[]? NumericCells = null, string? Problem = null)
{
    public bool IsBlank
    {
        get
        {
            foreach (var f in Fields)
            {
                if (!string.IsNullOrWhiteSpace(f)) return false;
            }
            return true;
        }
    }
}
