namespace Doudi.Feeds;

/// <summary>How a feed column's value is checked and stored.</summary>
public enum FeedValue
{
    /// <summary>An ID number, normalised to 18 characters.</summary>
    Id,

    /// <summary>A person's name (at most 50 characters).</summary>
    Name,

    /// <summary>Free text (at most 1,000 characters).</summary>
    Text,
    Date,
    Month,
    Money,

    /// <summary>One of the listed lower-case codes.</summary>
    Code,

    /// <summary>A disability grade 1–4.</summary>
    Grade,

    /// <summary>A 6-digit region code.</summary>
    Region,
}

public sealed record FeedColumn(string Name, FeedValue Kind, bool Optional = false, IReadOnlyList<string>? Codes = null)
{
    /// <summary>How the value is stored (in the batch files and in DuckDB).</summary>
    internal StoredAs Stored => Kind switch
    {
        FeedValue.Date => StoredAs.Days,
        FeedValue.Money => StoredAs.Cents,
        FeedValue.Grade => StoredAs.Int,
        _ => StoredAs.Text,
    };

    /// <summary>The DuckDB column type the value is stored as.</summary>
    public string DuckType => Stored switch
    {
        StoredAs.Days => "DATE",
        StoredAs.Cents => "DECIMAL(18,2)",
        StoredAs.Int => "INTEGER",
        _ => "VARCHAR",
    };
}

/// <summary>
/// A department feed (data-files.md): every row carries <c>id_number</c> and <c>name</c> of the person it is
/// about, then the type's own columns. <see cref="Columns"/> starts with those two.
/// </summary>
public sealed record FeedType(string Name, string Source, IReadOnlyList<FeedColumn> Columns, IReadOnlyList<string> Key)
{
    public string Table => "feed_" + Name;

    /// <summary>The positions of the key's columns.</summary>
    public IReadOnlyList<int> KeyIndexes { get; } = [.. Key.Select(k => Position(Name, Columns, k))];

    /// <summary>The positions of the columns evidence describes: after id_number and name, those not in the key.</summary>
    public IReadOnlyList<int> DescribedIndexes { get; } = [.. Enumerable.Range(2, Columns.Count - 2).Where(i => !Key.Contains(Columns[i].Name))];

    public int IndexOf(string column) => Position(Name, Columns, column);

    private static int Position(string feed, IReadOnlyList<FeedColumn> columns, string column)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Name == column) return i;
        }
        throw new ArgumentException($"feed {feed} has no column {column}", nameof(column));
    }
}

public static class FeedTypes
{
    public static readonly string[] DisabilityCategories = ["physical", "visual", "hearing", "speech", "intellectual", "mental", "multiple"];

    private static FeedType Make(string name, string source, string[] key, params FeedColumn[] own) =>
        new(name, source, [new FeedColumn("id_number", FeedValue.Id), new FeedColumn("name", FeedValue.Name), .. own], key);

    private static FeedColumn C(string name, FeedValue kind, bool optional = false) => new(name, kind, optional);

    private static FeedColumn Codes(string name, params string[] codes) => new(name, FeedValue.Code, false, codes);

    public static readonly IReadOnlyList<FeedType> All =
    [
        Make("death", "public security / funeral", ["id_number"], C("death_date", FeedValue.Date)),
        Make("vehicle", "public security (traffic)", ["plate"],
            C("plate", FeedValue.Text), Codes("vehicle_type", "car", "truck", "bus", "motorcycle", "e_bike", "disabled_mobility"),
            C("registered_on", FeedValue.Date)),
        Make("property", "natural resources (real estate)", ["certificate_no", "id_number"],
            Codes("property_kind", "residential", "non_residential"), C("certificate_no", FeedValue.Text),
            C("registered_on", FeedValue.Date), C("deregistered_on", FeedValue.Date, optional: true)),
        Make("business", "market regulation", ["entity_name", "id_number"],
            C("entity_name", FeedValue.Text), C("registered_capital", FeedValue.Money), C("registered_on", FeedValue.Date),
            Codes("status", "active", "cancelled")),
        Make("medical", "medical insurance", ["settlement_no"],
            C("settlement_no", FeedValue.Text), C("settled_on", FeedValue.Date), C("total_cost", FeedValue.Money),
            C("out_of_pocket", FeedValue.Money)),
        Make("disability", "disabled persons' federation", ["id_number", "certified_on"],
            Codes("category", DisabilityCategories), C("grade", FeedValue.Grade), C("certified_on", FeedValue.Date)),
        Make("employment", "human resources (social insurance)", ["id_number", "month"],
            C("month", FeedValue.Month), C("contribution_base", FeedValue.Money)),
        Make("pension", "human resources", ["id_number", "month", "kind"],
            C("month", FeedValue.Month), Codes("kind", "basic", "employee", "civil_servant"), C("amount", FeedValue.Money)),
        Make("unemployment", "human resources", ["id_number", "registered_on"], C("registered_on", FeedValue.Date)),
        Make("detention", "justice / public security", ["id_number", "start_date"],
            C("start_date", FeedValue.Date), C("end_date", FeedValue.Date, optional: true)),
        Make("poverty_watch", "rural revitalisation (防返贫监测)", ["id_number", "flagged_on"],
            C("county", FeedValue.Region), C("flagged_on", FeedValue.Date),
            Codes("risk", "illness", "disability", "education", "disaster", "accident", "unemployment", "other"),
            C("resolved_on", FeedValue.Date, optional: true)),
        Make("financial", "provincial verification centre", ["id_number", "institution", "kind"],
            C("institution", FeedValue.Text), Codes("kind", "deposit", "securities", "fund", "insurance", "wealth_management"),
            C("balance", FeedValue.Money), C("as_of", FeedValue.Date)),
        Make("official_kin", "discipline / organisation departments", ["id_number", "official_id_number"],
            C("official_id_number", FeedValue.Id), C("official_name", FeedValue.Name), C("position", FeedValue.Text),
            C("region", FeedValue.Region), Codes("relation", "spouse", "parent", "child", "sibling", "grandparent", "grandchild", "other")),
    ];

    public static FeedType? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    public static FeedType Get(string name) => Find(name) ?? throw new ArgumentException($"unknown feed type {name}", nameof(name));

    public static IEnumerable<string> Names => All.Select(t => t.Name);

    /// <summary>The feed's name as pages show it: what it holds and the department that sends it.</summary>
    public static string ChineseName(string feed) => feed switch
    {
        "death" => "死亡（公安、殡葬）",
        "vehicle" => "车辆（公安交管）",
        "property" => "不动产（自然资源）",
        "business" => "商事登记（市场监管）",
        "medical" => "医疗费用（医保）",
        "disability" => "残疾（残联）",
        "employment" => "社保缴费（人社）",
        "pension" => "养老金（人社）",
        "unemployment" => "失业登记（人社）",
        "detention" => "羁押服刑（司法、公安）",
        "poverty_watch" => "防返贫监测（乡村振兴）",
        "financial" => "金融资产（省核对中心）",
        "official_kin" => "公职人员近亲属（纪检、组织）",
        _ => feed,
    };
}

/// <summary>
/// One stored feed row in canonical text form: dates <c>YYYY-MM-DD</c>, money with two decimals, empty for
/// a missing optional value. Both monitoring engines see rows in this form, so their evidence reads the same.
/// </summary>
public sealed record FeedRow(FeedType Type, IReadOnlyList<string> Values)
{
    public string IdNumber => Values[0];
    public string Name => Values[1];

    public string this[string column] => Values[Type.IndexOf(column)];

    public DateOnly? Date(string column)
    {
        var text = this[column];
        if (text.Length == 0) return null;
        // Stored dates are always YYYY-MM-DD: read the digits directly (monitoring reads millions of them).
        static int Digits(string s, int from, int count)
        {
            var n = 0;
            for (var i = from; i < from + count; i++) n = (n * 10) + (s[i] - '0');
            return n;
        }
        return text.Length == 10 && text[4] == '-' && text[7] == '-'
            ? new DateOnly(Digits(text, 0, 4), Digits(text, 5, 2), Digits(text, 8, 2))
            : DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    public decimal Money(string column) => decimal.Parse(this[column], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The natural key as text, e.g. <c>property:粤(2023)0001+440106…</c>.</summary>
    public string Key
    {
        get
        {
            var text = new System.Text.StringBuilder(Type.Name).Append(':');
            AppendKey(text);
            return text.ToString();
        }
    }

    private void AppendKey(System.Text.StringBuilder text)
    {
        var key = Type.KeyIndexes;
        for (var i = 0; i < key.Count; i++) text.Append(i == 0 ? "" : "+").Append(Values[key[i]]);
    }

    /// <summary>What the evidence column says about the row: feed, key and values.</summary>
    public string Describe()
    {
        // Monitoring words hundreds of thousands of these: built in one buffer.
        var text = new System.Text.StringBuilder(Type.Name, 96).Append(':');
        AppendKey(text);
        text.Append(' ');
        var first = true;
        foreach (var i in Type.DescribedIndexes)
        {
            if (Values[i].Length == 0) continue;
            text.Append(first ? "" : " ").Append(Type.Columns[i].Name).Append('=').Append(Values[i]);
            first = false;
        }
        return text.ToString();
    }
}
