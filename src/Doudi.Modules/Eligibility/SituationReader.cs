using System.Globalization;
using System.Text.Json;
using Doudi.Kernel;
using Doudi.Policy;

namespace Doudi.Eligibility;

public sealed record ReadOutcome(Situation? Situation, IReadOnlyList<InputProblem> Problems, IReadOnlyList<InputProblem> Warnings);

/// <summary>
/// Reads a situation from JSON as the contract says, and reports every problem with its path rather
/// than stopping at the first. Numbers are read as decimals straight from the JSON text (never through
/// double). Unknown fields are warnings; unknown kinds of income are errors.
/// </summary>
public sealed class SituationReader(ParameterBook book)
{
    private static readonly string[] CountedIncome = ["wages", "business", "property", "transfer", "pension"];
    private static readonly string[] UncountedIncome = ["basic_pension", "disability_subsidy", "special_care", "family_planning", "scholarship", "bravery_award", "assistance"];
    private static readonly string[] TopFields = ["date", "county", "area", "members", "assets", "annual_income", "rigid_spending_12m"];
    private static readonly string[] MemberFields = ["key", "sex", "birth_date", "disability", "serious_illness", "special_outpatient", "full_time_student", "childless", "refuses_work", "unable_to_work_certified", "adl_unable", "supporter", "parents", "care", "income"];
    private static readonly string[] AssetFields = ["financial", "residential_properties", "non_residential_properties", "vehicles", "businesses"];

    private readonly List<InputProblem> _problems = [];
    private readonly List<InputProblem> _warnings = [];

    public ReadOutcome Read(ReadOnlyMemory<byte> json)
    {
        _problems.Clear();
        _warnings.Clear();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            return new ReadOutcome(null, [new InputProblem("$", "malformed JSON" + where)], []);
        }
        using (document)
        {
            var situation = ReadSituation(document.RootElement);
            return new ReadOutcome(_problems.Count == 0 ? situation : null, [.. _problems], [.. _warnings]);
        }
    }

    private Situation? ReadSituation(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Error("$", "expected an object");
            return null;
        }
        var fields = Fields(root, "$", TopFields);
        var date = RequiredDate(fields, "date", "$");
        var county = RequiredString(fields, "county", "$");
        if (county is not null && !book.Regions.IsCounty(county)) Error("$.county", $"unknown county '{county}' (a 6-digit county-level code of Guangdong)");
        var area = RequiredEnum(fields, "area", "$", ["urban", "rural"], [Area.Urban, Area.Rural]);

        var members = new List<Member>();
        if (!fields.TryGetValue("members", out var list) || list.ValueKind == JsonValueKind.Null) Error("$.members", "required");
        else if (list.ValueKind != JsonValueKind.Array) Error("$.members", "expected an array");
        else if (list.GetArrayLength() == 0) Error("$.members", "at least one member is required");
        else
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                var member = ReadMember(item, $"$.members[{i}]", date, out var key);
                if (key is not null && !keys.Add(key)) Error($"$.members[{i}].key", $"duplicate member key '{key}'");
                if (member is not null) members.Add(member);
                i++;
            }
        }

        var assets = Assets.None;
        if (Optional(fields, "assets") is { } a)
        {
            if (a.ValueKind != JsonValueKind.Object) Error("$.assets", "expected an object");
            else
            {
                var af = Fields(a, "$.assets", AssetFields);
                assets = new Assets(
                    Amount(af, "financial", "$.assets"),
                    Count(af, "residential_properties", "$.assets"),
                    Count(af, "non_residential_properties", "$.assets"),
                    Count(af, "vehicles", "$.assets"),
                    Count(af, "businesses", "$.assets"));
            }
        }
        decimal? annual = Optional(fields, "annual_income") is null ? null : Amount(fields, "annual_income", "$");
        var rigid = Amount(fields, "rigid_spending_12m", "$");

        if (date is { } d && county is not null && area is { } ar && book.Regions.IsCounty(county)
            && book.Get(Parameters.DibaoStandard, county, ar, d) is null)
            Error("$.date", $"no 低保 standard is in force on {d.Iso()} for county {county}");

        if (_problems.Count > 0) return null;
        return new Situation(date!.Value, county!, area!.Value, members, assets, annual, rigid);
    }

    private Member? ReadMember(JsonElement item, string path, DateOnly? date, out string? key)
    {
        key = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            Error(path, "expected an object");
            return null;
        }
        var f = Fields(item, path, MemberFields);
        key = RequiredString(f, "key", path);
        if (key is { Length: 0 }) Error(path + ".key", "must not be empty");
        var sex = RequiredEnum(f, "sex", path, ["male", "female"], [Sex.Male, Sex.Female]);
        var birth = RequiredDate(f, "birth_date", path);
        if (birth is { } b && date is { } d && b > d) Error(path + ".birth_date", $"birth date {b.Iso()} is after the assessment date {d.Iso()}");

        Disability? disability = null;
        if (Optional(f, "disability") is { } dis)
        {
            var dpath = path + ".disability";
            if (dis.ValueKind != JsonValueKind.Object) Error(dpath, "expected an object {category, grade} or null");
            else
            {
                var df = Fields(dis, dpath, ["category", "grade"]);
                var category = RequiredEnum(df, "category", dpath,
                    ["physical", "visual", "hearing", "speech", "intellectual", "mental", "multiple"], Enum.GetValues<DisabilityCategory>());
                int? grade = null;
                if (Optional(df, "grade") is null) Error(dpath + ".grade", "required");
                else grade = Integer(df, "grade", dpath, 1, 4);
                if (category is { } c && grade is { } g) disability = new Disability(c, g);
            }
        }

        var parents = new List<ParentStatus>();
        if (Optional(f, "parents") is { } ps)
        {
            if (ps.ValueKind != JsonValueKind.Array) Error(path + ".parents", "expected an array");
            else
            {
                if (ps.GetArrayLength() > 2) Error(path + ".parents", $"at most two parents, got {ps.GetArrayLength()}");
                var j = 0;
                foreach (var p in ps.EnumerateArray())
                {
                    var status = EnumValue(p, $"{path}.parents[{j++}]",
                        ["alive", "dead", "missing", "severe_disability", "serious_illness", "imprisoned", "drug_rehabilitation", "deprived_of_liberty", "out_of_contact"],
                        Enum.GetValues<ParentStatus>());
                    if (status is { } s) parents.Add(s);
                }
            }
        }

        var income = 0m;
        if (Optional(f, "income") is { } inc)
        {
            var ipath = path + ".income";
            if (inc.ValueKind != JsonValueKind.Object) Error(ipath, "expected an object of monthly amounts by kind");
            else
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var p in inc.EnumerateObject())
                {
                    var kpath = $"{ipath}.{p.Name}";
                    if (!seen.Add(p.Name)) { Error(kpath, "duplicate key"); continue; }
                    var counted = CountedIncome.Contains(p.Name);
                    if (!counted && !UncountedIncome.Contains(p.Name)) { Error(kpath, $"unknown kind of income '{p.Name}'"); continue; }
                    var amount = AmountValue(p.Value, kpath);
                    if (counted) income += amount;
                }
            }
        }

        // Read every optional field before giving up on a member, so each of its problems is reported.
        var seriousIllness = Bool(f, "serious_illness", path);
        var specialOutpatient = Bool(f, "special_outpatient", path);
        var student = Bool(f, "full_time_student", path);
        var childless = Bool(f, "childless", path);
        var refusesWork = Bool(f, "refuses_work", path);
        var certified = Bool(f, "unable_to_work_certified", path);
        var adl = Optional(f, "adl_unable") is null ? 0 : Integer(f, "adl_unable", path, 0, 6) ?? 0;
        var supporter = OptionalEnum(f, "supporter", path, ["none", "unable", "able"], [Supporter.None, Supporter.Unable, Supporter.Able]) ?? Supporter.Able;
        var care = OptionalEnum(f, "care", path, ["institutional", "scattered"], [Care.Institutional, Care.Scattered]) ?? Care.Scattered;
        if (key is null || sex is null || birth is null) return null;
        return new Member
        {
            Key = key,
            Sex = sex.Value,
            BirthDate = birth.Value,
            Disability = disability,
            SeriousIllness = seriousIllness,
            SpecialOutpatient = specialOutpatient,
            FullTimeStudent = student,
            Childless = childless,
            RefusesWork = refusesWork,
            UnableToWorkCertified = certified,
            AdlUnable = adl,
            Supporter = supporter,
            Parents = parents,
            Care = care,
            CountedIncome = income,
        };
    }

    // ---- field access: each records a problem at its path and returns a harmless value ----

    private void Error(string path, string message) => _problems.Add(new InputProblem(path, message));

    /// <summary>The object's fields; a duplicate key is an error, an unknown one a warning.</summary>
    private Dictionary<string, JsonElement> Fields(JsonElement obj, string path, string[] known)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var p in obj.EnumerateObject())
        {
            if (!fields.TryAdd(p.Name, p.Value)) Error($"{path}.{p.Name}", "duplicate key");
            else if (!known.Contains(p.Name)) _warnings.Add(new InputProblem($"{path}.{p.Name}", "unknown field, ignored"));
        }
        return fields;
    }

    /// <summary>A field given as null counts as absent.</summary>
    private static JsonElement? Optional(Dictionary<string, JsonElement> fields, string name) =>
        fields.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private string? RequiredString(Dictionary<string, JsonElement> f, string name, string parent)
    {
        if (Optional(f, name) is not { } value) { Error($"{parent}.{name}", "required"); return null; }
        if (value.ValueKind != JsonValueKind.String) { Error($"{parent}.{name}", $"expected a string, got {Kind(value)}"); return null; }
        return value.GetString();
    }

    private DateOnly? RequiredDate(Dictionary<string, JsonElement> f, string name, string parent)
    {
        var text = RequiredString(f, name, parent);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        Error($"{parent}.{name}", $"'{text}' is not a date (YYYY-MM-DD)");
        return null;
    }

    private T? RequiredEnum<T>(Dictionary<string, JsonElement> f, string name, string parent, string[] names, T[] values) where T : struct
    {
        if (Optional(f, name) is not { } value) { Error($"{parent}.{name}", "required"); return null; }
        return EnumValue(value, $"{parent}.{name}", names, values);
    }

    private T? OptionalEnum<T>(Dictionary<string, JsonElement> f, string name, string parent, string[] names, T[] values) where T : struct =>
        Optional(f, name) is { } value ? EnumValue(value, $"{parent}.{name}", names, values) : null;

    private T? EnumValue<T>(JsonElement value, string path, string[] names, T[] values) where T : struct
    {
        if (value.ValueKind != JsonValueKind.String) { Error(path, $"expected a string, got {Kind(value)}"); return null; }
        var index = Array.IndexOf(names, value.GetString());
        if (index >= 0) return values[index];
        Error(path, $"unknown value '{value.GetString()}' (expected one of: {string.Join(", ", names)})");
        return null;
    }

    private bool Bool(Dictionary<string, JsonElement> f, string name, string parent)
    {
        if (Optional(f, name) is not { } value) return false;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        Error($"{parent}.{name}", $"expected true or false, got {Kind(value)}");
        return false;
    }

    private int? Integer(Dictionary<string, JsonElement> f, string name, string parent, int min, int max)
    {
        var value = f[name];
        var path = $"{parent}.{name}";
        if (value.ValueKind != JsonValueKind.Number) { Error(path, $"expected a whole number, got {Kind(value)}"); return null; }
        if (!value.TryGetInt32(out var n)) { Error(path, $"expected a whole number, got {value.GetRawText()}"); return null; }
        if (n < min || n > max) { Error(path, $"{n} is out of range ({min}–{max})"); return null; }
        return n;
    }

    private int Count(Dictionary<string, JsonElement> f, string name, string parent) =>
        Optional(f, name) is null ? 0 : Integer(f, name, parent, 0, int.MaxValue) ?? 0;

    private decimal Amount(Dictionary<string, JsonElement> f, string name, string parent) =>
        Optional(f, name) is { } value ? AmountValue(value, $"{parent}.{name}") : 0m;

    private decimal AmountValue(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Number) { Error(path, $"expected a number, got {Kind(value)}"); return 0; }
        if (!value.TryGetDecimal(out var amount)) { Error(path, $"number out of range: {value.GetRawText()}"); return 0; }
        if (amount < 0) { Error(path, $"must not be negative ({value.GetRawText()})"); return 0; }
        return amount;
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
