using System.Text.RegularExpressions;

namespace Doudi.Imports;

/// <summary>How a column's text is read (data-files.md, "Values").</summary>
public enum ValueKind
{
    /// <summary>Free text, at most 1,000 characters; formula-looking text is stored as it is.</summary>
    Text,

    /// <summary>A person's or an entity's name: at most 50 characters.</summary>
    Name,

    /// <summary>One code of a fixed list, lower case, after trimming spaces.</summary>
    Code,

    /// <summary>A ';'-separated list of codes (empty = none); unknown or repeated codes are errors.</summary>
    CodeList,

    /// <summary>YYYY-MM-DD.</summary>
    Date,

    /// <summary>YYYY-MM.</summary>
    Month,

    /// <summary>Yuan: <c>^\d+(\.\d{1,2})?$</c>.</summary>
    Money,

    /// <summary>A whole number between <see cref="Column.Min"/> and <see cref="Column.Max"/>.</summary>
    WholeNumber,

    /// <summary><c>0|1</c>.</summary>
    Boolean,

    /// <summary>An ID number, normalised to 18 characters (Doudi.Kernel.IdNumber).</summary>
    IdNumber,
}

/// <summary>
/// One column of a file type. <see cref="Optional"/> columns may be missing from the header; an
/// <see cref="AllowEmpty"/> column may be empty in a row (its value is then null: "never given").
/// </summary>
public sealed record Column(string Name, ValueKind Kind)
{
    public bool Optional { get; init; }
    public bool AllowEmpty { get; init; }
    public IReadOnlyList<string> Codes { get; init; } = [];
    public int Min { get; init; }
    public int Max { get; init; } = int.MaxValue;
    public Regex? Pattern { get; init; }
    public string? PatternHint { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Position in its schema; values of a row are indexed by it.</summary>
    public int Ordinal { get; internal set; } = -1;

    /// <summary>Optional in the header and empty allowed: a fact that may never have been given.</summary>
    public Column AsOptionalFact() => this with { Optional = true, AllowEmpty = true };
}

/// <summary>The columns of one file type (households, members, a department feed).</summary>
public sealed class FileSchema
{
    public FileSchema(string kind, params Column[] columns)
    {
        Kind = kind;
        for (var i = 0; i < columns.Length; i++) columns[i].Ordinal = i;
        Columns = columns;
        foreach (var c in columns)
        {
            if (!_byName.TryAdd(c.Name, c)) throw new ArgumentException($"column {c.Name} appears twice in {kind}");
        }
    }

    // Row checks look columns up by name for every row: a dictionary, not a scan.
    private readonly Dictionary<string, Column> _byName = new(StringComparer.Ordinal);

    public string Kind { get; }
    public IReadOnlyList<Column> Columns { get; }

    public Column this[string name] => _byName.TryGetValue(name, out var column) ? column : throw new InvalidOperationException($"{Kind} has no column {name}");
}
