using System.Text;

namespace Doudi.Imports;

public sealed record ReadOptions(DateOnly Today, Encoding? Encoding = null);

/// <summary>
/// A CSV or .xlsx file read against a <see cref="FileSchema"/>: the header is matched (trimmed, BOM
/// removed, any order, unknown columns ignored with one warning, a missing required column rejects the
/// file), then each non-blank record becomes a <see cref="ParsedRow"/> with every error it has.
/// Used by every import: the registry roster and the department feeds.
/// </summary>
public sealed class TabularFile : IDisposable
{
    private readonly Stream _stream;
    private readonly IEnumerator<RawRecord> _records;
    private readonly int[] _fieldOfColumn;
    private readonly int _headerWidth;
    private readonly ReadOptions _options;

    private TabularFile(ImportSource source, FileSchema schema, FileFingerprint fingerprint, Stream stream,
        IEnumerator<RawRecord> records, int[] fieldOfColumn, int headerWidth, List<string> warnings, ReadOptions options)
    {
        Source = source;
        Schema = schema;
        Fingerprint = fingerprint;
        _stream = stream;
        _records = records;
        _fieldOfColumn = fieldOfColumn;
        _headerWidth = headerWidth;
        Warnings = warnings;
        _options = options;
    }

    public ImportSource Source { get; }
    public FileSchema Schema { get; }
    public FileFingerprint Fingerprint { get; }
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Data rows read so far (blank lines are not counted).</summary>
    public int RowsRead { get; private set; }

    /// <summary>True when the column is in the file's header.</summary>
    public bool HasColumn(Column column) => _fieldOfColumn[column.Ordinal] >= 0;

    /// <summary>Opens a file and reads its header; throws <see cref="FileRejectedException"/> when it cannot be taken.</summary>
    public static TabularFile Open(ImportSource source, FileSchema schema, ReadOptions options, FileFingerprint? fingerprint = null)
    {
        fingerprint ??= FileFingerprint.Compute(source, options.Encoding);
        if (fingerprint.Length == 0) throw new FileRejectedException($"{source.Name}: 文件为空（0 字节），没有表头");
        var stream = source.Open();
        try
        {
            var records = fingerprint.Format == FileFormat.Xlsx
                ? XlsxRecordReader.Records(stream)
                : new CsvRecordReader(new StreamReader(stream, fingerprint.Encoding, detectEncodingFromByteOrderMarks: false, 1 << 16)).Records();
            var enumerator = records.GetEnumerator();
            RawRecord? header = null;
            while (enumerator.MoveNext())
            {
                if (!enumerator.Current.IsBlank) { header = enumerator.Current; break; }
            }
            if (header is null) throw new FileRejectedException($"{source.Name}: 文件没有表头");
            var (map, warnings) = MatchHeader(source.Name, schema, header);
            return new TabularFile(source, schema, fingerprint, stream, enumerator, map, header.Fields.Length, warnings, options);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    internal static (int[] Map, List<string> Warnings) MatchHeader(string fileName, FileSchema schema, RawRecord header)
    {
        var map = new int[schema.Columns.Count];
        Array.Fill(map, -1);
        var unknown = new List<string>();
        var duplicated = new List<string>();
        for (var i = 0; i < header.Fields.Length; i++)
        {
            var name = header.Fields[i].Trim().Trim('\uFEFF').Trim();
            var column = schema.Columns.FirstOrDefault(c => c.Name == name || c.Aliases.Contains(name));
            if (column is null) { unknown.Add(name.Length == 0 ? $"(第 {i + 1} 列无列名)" : name); continue; }
            if (map[column.Ordinal] >= 0) { duplicated.Add(column.Name); continue; }
            map[column.Ordinal] = i;
        }
        var missing = schema.Columns.Where(c => !c.Optional && map[c.Ordinal] < 0).Select(c => c.Name).ToList();
        var problems = new List<string>();
        if (missing.Count > 0) problems.Add($"缺少必需的列 {string.Join(", ", missing)}");
        if (duplicated.Count > 0) problems.Add($"列 {string.Join(", ", duplicated)} 出现了不止一次");
        if (problems.Count > 0) throw new FileRejectedException($"{fileName}: {string.Join("；", problems)}（表头在第 {header.Line} 行）");
        var warnings = new List<string>();
        if (unknown.Count > 0) warnings.Add($"{fileName}: 忽略未知的列 {string.Join(", ", unknown)}");
        return (map, warnings);
    }

    /// <summary>The data rows, each read by its columns' kinds. Enumerate once.</summary>
    public IEnumerable<ParsedRow> Rows()
    {
        var columns = Schema.Columns;
        while (_records.MoveNext())
        {
            var record = _records.Current;
            if (record.IsBlank) continue;
            RowsRead++;
            var row = new ParsedRow(record.Line, columns.Count);
            var xlsx = record.NumericCells is not null;
            if (record.Problem is not null)
                row.AddError(ImportError.WholeRow, "", record.Problem);
            if (xlsx ? HasCellsBeyondHeader(record) : record.Fields.Length != _headerWidth)
            {
                row.AddError(ImportError.WholeRow, "", $"字段数为 {record.Fields.Length}，与表头的 {_headerWidth} 列不一致");
                yield return row;
                continue;
            }
            foreach (var column in columns)
            {
                var field = _fieldOfColumn[column.Ordinal];
                if (field < 0) continue;
                var raw = field < record.Fields.Length ? record.Fields[field] : "";
                var numeric = xlsx && field < record.NumericCells!.Length && record.NumericCells[field];
                var (value, error) = ValueRules.Read(column, raw, numeric, _options.Today);
                row.Set(column, raw, value);
                if (error is not null) row.AddError(column, error);
            }
            yield return row;
        }
    }

    private bool HasCellsBeyondHeader(RawRecord record)
    {
        for (var i = _headerWidth; i < record.Fields.Length; i++)
        {
            if (!string.IsNullOrWhiteSpace(record.Fields[i])) return true;
        }
        return false;
    }

    public void Dispose()
    {
        _records.Dispose();
        _stream.Dispose();
    }
}
