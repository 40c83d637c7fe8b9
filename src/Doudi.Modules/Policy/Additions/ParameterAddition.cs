namespace Doudi.Policy;

/// <summary>
/// A dated figure an administrator added from the web UI (a new year's value, or a city's or county's own
/// figure), with its reference (文号). It joins the shipped files: the figures in force are both together,
/// checked by the same rules. Additions are never edited or deleted: a later figure is a new dated row.
/// </summary>
public sealed class ParameterAddition
{
    public long Id { get; set; }

    /// <summary>The parameter's name, one of <see cref="Parameters.ByName"/>.</summary>
    public required string Name { get; set; }

    /// <summary>province | class | city | county.</summary>
    public required string ScopeKind { get; set; }

    /// <summary>"" for the province, 1–4 for an area class, else the city's or county's code.</summary>
    public required string ScopeCode { get; set; }

    /// <summary>In force from this date until the next figure of the same scope.</summary>
    public DateOnly EffectiveFrom { get; set; }

    /// <summary>The figure (urban, and rural too unless <see cref="RuralValue"/> splits it).</summary>
    public decimal Value { get; set; }

    public decimal? RuralValue { get; set; }

    /// <summary>Must be the parameter's unit: a figure typed in the wrong unit is refused, not converted.</summary>
    public required string Unit { get; set; }

    /// <summary>The document (文号) the figure comes from; printed with every decision that uses it.</summary>
    public required string Reference { get; set; }

    /// <summary>confirmed, or default (best-known value, to confirm), as in the files.</summary>
    public required string Status { get; set; }

    public required string AddedBy { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>The scope kinds an addition may name.</summary>
public static class ScopeKinds
{
    public const string Province = "province";
    public const string Class = "class";
    public const string City = "city";
    public const string County = "county";

    public static readonly string[] All = [Province, Class, City, County];

    public static string ChineseName(string kind) => kind switch
    {
        Province => "全省",
        Class => "地区类别",
        City => "地级市",
        County => "县（市、区）",
        _ => kind,
    };
}
