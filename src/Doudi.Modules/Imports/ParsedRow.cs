using Doudi.Kernel;

namespace Doudi.Imports;

/// <summary>
/// One data row, its columns read by kind. A value that failed its rule is null and recorded in
/// <see cref="Errors"/>; handlers add their own cross-column errors with <see cref="AddError"/>.
/// </summary>
public sealed class ParsedRow : IRowValues
{
    private readonly object?[] _values;
    private readonly string?[] _raw;
    private List<ImportError>? _errors;

    internal ParsedRow(int line, int width)
    {
        Line = line;
        _values = new object?[width];
        _raw = new string?[width];
    }

    public int Line { get; }

    public bool HasErrors => _errors is { Count: > 0 };

    public IReadOnlyList<ImportError> Errors => (IReadOnlyList<ImportError>?)_errors ?? [];

    /// <summary>True when the column is in the file and the value is not empty.</summary>
    public bool IsGiven(Column column) => !string.IsNullOrWhiteSpace(_raw[column.Ordinal]);

    /// <summary>The text as it stood in the file ("" when the column is absent).</summary>
    public string Raw(Column column) => _raw[column.Ordinal] ?? "";

    public string Text(Column column) => (string?)_values[column.Ordinal] ?? "";
    public string? TextOrNull(Column column) => (string?)_values[column.Ordinal];
    public DateOnly? Date(Column column) => (DateOnly?)_values[column.Ordinal];
    public decimal? Money(Column column) => (decimal?)_values[column.Ordinal];
    public int? Number(Column column) => (int?)_values[column.Ordinal];
    public bool? Boolean(Column column) => (bool?)_values[column.Ordinal];
    public IdNumber? Id(Column column) => (IdNumber?)_values[column.Ordinal];
    public IReadOnlyList<string> Codes(Column column) => (string[]?)_values[column.Ordinal] ?? [];

    public void AddError(Column column, string reason) => AddError(column.Name, Raw(column), reason);

    public void AddError(string column, string value, string reason) =>
        (_errors ??= []).Add(new ImportError(Line, column, value, reason));

    internal void Set(Column column, string raw, object? value)
    {
        _raw[column.Ordinal] = raw;
        _values[column.Ordinal] = value;
    }
}
