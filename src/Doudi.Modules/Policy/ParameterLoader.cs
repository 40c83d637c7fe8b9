using System.Globalization;
using Doudi.Kernel;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Doudi.Policy;

/// <summary>The data files are wrong: every problem, each as <c>file:line: message</c>.</summary>
public sealed class PolicyDataException(IReadOnlyList<string> problems)
    : Exception("policy data is invalid:\n" + string.Join('\n', problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// Reads <c>policy/parameters/**/*.yaml</c> and refuses data a rule could misread: an unknown parameter,
/// a unit that is not the parameter's, two values for the same scope and date, an unknown region, a value
/// of the wrong kind, or a city or county figure below the provincial minimum.
/// </summary>
public static class ParameterLoader
{
    private const string ResourcePrefix = "parameters/";

    internal static ParameterBook LoadShipped()
    {
        var assembly = typeof(ParameterLoader).Assembly;
        var files = new List<(string, string)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            files.Add(("policy/" + name, reader.ReadToEnd()));
        }
        return Load(files, RegionCatalog.Guangdong2022);
    }

    /// <summary>Loads every <c>*.yaml</c> below a folder (administrators' copies, tests).</summary>
    public static ParameterBook LoadDirectory(string directory) =>
        Load(Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(directory, f), File.ReadAllText(f))), RegionCatalog.Guangdong2022);

    public static ParameterBook Load(IEnumerable<(string File, string Text)> files, RegionCatalog regions)
    {
        var context = new LoadContext(regions);
        foreach (var (file, text) in files) context.ReadFile(file, text);
        context.CheckFloors();
        if (context.Problems.Count > 0) throw new PolicyDataException(context.Problems);
        return new ParameterBook(context.Series, regions);
    }

    private sealed class LoadContext(RegionCatalog regions)
    {
        private static readonly HashSet<string> EntryKeys = ["reference", "status", "note", "province", "class_1", "class_2", "class_3", "class_4", "cities", "counties"];
        private readonly HashSet<string> _cities = regions.Counties.Select(c => c.CityCode).ToHashSet(StringComparer.Ordinal);

        public List<string> Problems { get; } = [];
        public Dictionary<string, ParameterSeries> Series { get; } = new(StringComparer.Ordinal);
        private string _file = "";

        private void Problem(YamlNode node, string message) => Problems.Add($"{_file}:{node.Start.Line}: {message}");

        public void ReadFile(string file, string text)
        {
            _file = file;
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlException e)
            {
                Problems.Add($"{file}:{e.Start.Line}: {e.Message}");
                return;
            }
            if (stream.Documents.Count == 0) return;
            if (stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                Problem(stream.Documents[0].RootNode, "expected a mapping of parameter names");
                return;
            }
            foreach (var (keyNode, body) in root.Children)
            {
                var name = ((YamlScalarNode)keyNode).Value ?? "";
                if (!Parameters.ByName.TryGetValue(name, out var def))
                {
                    Problem(keyNode, $"unknown parameter '{name}'");
                    continue;
                }
                ReadParameter(def, keyNode, body);
            }
        }

        private void ReadParameter(ParameterDef def, YamlNode keyNode, YamlNode body)
        {
            if (body is not YamlMappingNode map)
            {
                Problem(keyNode, $"{def.Name}: expected description, unit and values");
                return;
            }
            var unit = Scalar(map, "unit");
            if (unit is null) Problem(keyNode, $"{def.Name}: unit is missing (expected {def.Unit})");
            else if (unit.Value != def.Unit) Problem(unit, $"{def.Name}: unit '{unit.Value}' does not match the parameter's unit '{def.Unit}'");
            foreach (var (key, _) in map.Children)
            {
                if (((YamlScalarNode)key).Value is not ("description" or "unit" or "values"))
                    Problem(key, $"{def.Name}: unknown key '{key}'");
            }
            if (!map.Children.TryGetValue(new YamlScalarNode("values"), out var valuesNode) || valuesNode is not YamlMappingNode values)
            {
                Problem(keyNode, $"{def.Name}: values are missing");
                return;
            }
            if (!Series.TryGetValue(def.Name, out var series)) Series[def.Name] = series = new ParameterSeries(def);
            series.Description ??= Scalar(map, "description")?.Value;
            foreach (var (dateNode, entryNode) in values.Children)
            {
                var dateText = ((YamlScalarNode)dateNode).Value;
                if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    Problem(dateNode, $"{def.Name}: '{dateText}' is not a date (YYYY-MM-DD)");
                    continue;
                }
                ReadEntry(series, date, dateNode, entryNode);
            }
        }

        private void ReadEntry(ParameterSeries series, DateOnly date, YamlNode dateNode, YamlNode entryNode)
        {
            var name = series.Def.Name;
            if (entryNode is not YamlMappingNode entry)
            {
                Problem(dateNode, $"{name} {date.Iso()}: expected reference, status and values");
                return;
            }
            var reference = Scalar(entry, "reference")?.Value;
            if (string.IsNullOrWhiteSpace(reference)) Problem(dateNode, $"{name} {date.Iso()}: reference is missing");
            var status = Scalar(entry, "status");
            if (status?.Value is not ("confirmed" or "default"))
                Problem(status ?? dateNode, $"{name} {date.Iso()}: status must be 'confirmed' or 'default' (to confirm)");
            var meta = (Reference: reference ?? "", Status: status?.Value ?? "default");
            var any = false;
            foreach (var (keyNode, valueNode) in entry.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value ?? "";
                if (!EntryKeys.Contains(key))
                {
                    Problem(keyNode, $"{name} {date.Iso()}: unknown key '{key}' (expected province, class_1..class_4, cities, counties)");
                    continue;
                }
                switch (key)
                {
                    case "province":
                        any = true;
                        Add(series, Scope.Province, date, valueNode, meta);
                        break;
                    case "class_1" or "class_2" or "class_3" or "class_4":
                        any = true;
                        Add(series, new Scope(ScopeKind.Class, key[^1..]), date, valueNode, meta);
                        break;
                    case "cities" or "counties":
                        if (valueNode is not YamlMappingNode regionMap)
                        {
                            Problem(valueNode, $"{name}: {key} must map region codes to values");
                            break;
                        }
                        foreach (var (codeNode, regionValue) in regionMap.Children)
                        {
                            var code = ((YamlScalarNode)codeNode).Value ?? "";
                            var known = key == "cities" ? _cities.Contains(code) : regions.IsCounty(code);
                            if (!known)
                            {
                                Problem(codeNode, $"{name}: unknown {(key == "cities" ? "city" : "county")} '{code}'");
                                continue;
                            }
                            any = true;
                            Add(series, new Scope(key == "cities" ? ScopeKind.City : ScopeKind.County, code), date, regionValue, meta);
                        }
                        break;
                }
            }
            if (!any) Problem(dateNode, $"{name} {date.Iso()}: no value given");
        }

        private void Add(ParameterSeries series, Scope scope, DateOnly date, YamlNode node, (string Reference, string Status) meta)
        {
            decimal urban, rural;
            if (node is YamlMappingNode split)
            {
                var u = Scalar(split, "urban");
                var r = Scalar(split, "rural");
                if (u is null || r is null || split.Children.Count != 2)
                {
                    Problem(node, $"{series.Def.Name} {scope}: a split value needs exactly 'urban' and 'rural'");
                    return;
                }
                if (!TryValue(series.Def, u, out urban) | !TryValue(series.Def, r, out rural)) return;
            }
            else if (node is YamlScalarNode scalar)
            {
                if (!TryValue(series.Def, scalar, out urban)) return;
                rural = urban;
            }
            else
            {
                Problem(node, $"{series.Def.Name} {scope}: expected a number");
                return;
            }
            if (!series.Timelines.TryGetValue(scope, out var timeline)) series.Timelines[scope] = timeline = [];
            var clash = timeline.FirstOrDefault(e => e.From == date);
            if (clash is not null)
            {
                Problem(node, $"{series.Def.Name}: two values for {scope} on {date.Iso()} (the other is at {clash.Origin})");
                return;
            }
            var index = timeline.FindIndex(e => e.From > date);
            var entry = new Entry(date, urban, rural, meta.Reference, meta.Status, _file, (int)node.Start.Line);
            if (index < 0) timeline.Add(entry); else timeline.Insert(index, entry);
        }

        private bool TryValue(ParameterDef def, YamlScalarNode node, out decimal value)
        {
            if (!decimal.TryParse(node.Value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
            {
                Problem(node, $"{def.Name}: '{node.Value}' is not a number");
                return false;
            }
            string? error = null;
            if (value < 0) error = "must not be negative";
            else if (Units.IsInteger(def.Unit) && value != decimal.Truncate(value)) error = $"must be a whole number ({def.Unit})";
            else if (def.Unit == Units.Class && value is < 1 or > 4) error = "an area class is 1 to 4";
            else if (def.Unit == Units.Rate && value > 1) error = "a rate is between 0 and 1 (write 0.20 for 20%)";
            if (error is null) return true;
            Problem(node, $"{def.Name}: {node.Value} {error}");
            return false;
        }

        private static YamlScalarNode? Scalar(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node as YamlScalarNode : null;

        /// <summary>
        /// A city's or county's own figure replaces the class figure and may not be lower (rules §0): checked
        /// on every date either side changes, so a city figure left behind by a provincial rise is caught too.
        /// </summary>
        public void CheckFloors()
        {
            if (Problems.Count > 0) return;
            foreach (var b in FloorBreach.Find(Series, regions))
            {
                Problems.Add($"{b.Own.Origin}: {b.Def.Name} for {b.Scope} is {b.Own.Urban.ToString(CultureInfo.InvariantCulture)} on {b.Date.Iso()}, below the provincial minimum {b.Floor.Urban.ToString(CultureInfo.InvariantCulture)} in force for county {b.County} ({b.Floor.Origin})");
            }
        }
    }
}
