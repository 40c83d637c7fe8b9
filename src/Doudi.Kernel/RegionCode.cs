
namespace Doudi.Kernel;

public enum RegionLevel
{
    Province,
    City,
    County,
    Township,
    Village,
}

/// <summary>
/// A GB/T 2260 region code: 44 province, 44xx00 city, 44xxyy county, + 3 digits township, + 3 digits village.
/// 东莞 (441900) and 中山 (442000) have no county level: the city code serves as their county code.
/// </summary>
public readonly record struct RegionCode
{
    public string Value { get; }

    private RegionCode(string value) => Value = value;

    public static RegionCode Province { get; } = new("440000");

    public static bool TryParse(string? text, out RegionCode code)
    {
        code = default;
        if (text is null) return false;
        var t = text.Trim();
        if (t.Length is not (6 or 9 or 12)) return false;
        foreach (var c in t)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }
        code = new RegionCode(t);
        return true;
    }

    public static RegionCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"不是有效的行政区划代码: {text}");

    public RegionLevel Level => Value.Length switch
    {
        12 => RegionLevel.Village,
        9 => RegionLevel.Township,
        _ when Value.EndsWith("0000", StringComparison.Ordinal) => RegionLevel.Province,
        _ when Value.EndsWith("00", StringComparison.Ordinal) && !IsCityWithoutCounties(Value) => RegionLevel.City,
        _ => RegionLevel.County,
    };

    /// <summary>
    /// The prefix every code below this region starts with: 44 for the province, 4401 for 广州, 440106 for
    /// 天河, the full code for a township or village. Region scoping of data compares against it.
    /// </summary>
    public string ScopePrefix => Level switch
    {
        RegionLevel.Province => Value[..2],
        RegionLevel.City => Value[..4],
        _ => Value,
    };

    public string CountyCode => Value[..6];

    public string CityCode => string.Concat(Value.AsSpan(0, 4), "00");

    public bool Contains(RegionCode other) => other.Value.StartsWith(ScopePrefix, StringComparison.Ordinal);

    public static bool IsCityWithoutCounties(string code) => code is "441900" or "442000";

    public override string ToString() => Value;
}

public sealed record County(string Code, string Name, string CityCode, string CityName);

/// <summary>The shipped list of Guangdong's 2022 county-level divisions (policy/regions).</summary>
public sealed class RegionCatalog
{
    private readonly Dictionary<string, County> _counties;

    private RegionCatalog(Dictionary<string, County> counties) => _counties = counties;

    public static RegionCatalog Guangdong2022 { get; } = LoadEmbedded();

    public IReadOnlyCollection<County> Counties => _counties.Values;

    public County? FindCounty(string code) => _counties.GetValueOrDefault(code);

    public bool IsCounty(string code) => _counties.ContainsKey(code);

    public string? CityName(string cityCode) =>
        _counties.Values.FirstOrDefault(c => c.CityCode == cityCode)?.CityName;

    private static RegionCatalog LoadEmbedded()
    {
        using var stream = typeof(RegionCatalog).Assembly.GetManifestResourceStream("regions/guangdong-2022.csv")
            ?? throw new InvalidOperationException("regions/guangdong-2022.csv is not embedded");
        using var reader = new StreamReader(stream);
        var counties = new Dictionary<string, County>(StringComparer.Ordinal);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var f = line.Split(',');
            counties[f[0]] = new County(f[0], f[1], f[2], f[3]);
        }
        return new RegionCatalog(counties);
    }
}
