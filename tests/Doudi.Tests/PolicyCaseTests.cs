using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Doudi.Eligibility;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Doudi.Tests;

/// <summary>
/// Runs every case of <c>policy/cases/*.yaml</c>: a situation in the contract's shape (written as YAML),
/// and the determinations expected, worked out by hand from the rules. One theory, one row per case.
/// </summary>
public partial class PolicyCaseTests
{
    private static readonly Lazy<Dictionary<string, YamlMappingNode>> All = new(Load);

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var id in All.Value.Keys) data.Add(id);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Policy_case_gives_the_determinations_worked_out_by_hand(string id)
    {
        var node = All.Value[id];
        var json = SituationJson(node);
        var outcome = EvaluateSituationHandler.Shipped.Handle(json);
        Assert.True(outcome.Evaluation is not null, $"{id}: bad input: {string.Join("; ", outcome.Problems)}\n{Encoding.UTF8.GetString(json)}");
        var e = outcome.Evaluation!;

        Assert.Equal(Programs.All, e.Determinations.Select(d => d.Program));
        foreach (var d in e.Determinations)
        {
            Assert.Equal(d.MonthlyAmount, d.PerMember.Sum(p => p.Value));
            Assert.Equal(d.Members, d.PerMember.Select(p => p.Key));
        }

        var expect = (YamlMappingNode)node.Children[new YamlScalarNode("expect")];
        foreach (var (keyNode, valueNode) in expect.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value!;
            var value = ((YamlScalarNode)valueNode).Value!;
            if (key is "standard" or "per_capita_income")
            {
                var actual = key == "standard" ? e.Standard : e.PerCapitaIncome;
                Assert.True(Same(value, actual), $"{id}: {key} expected {value}, got {actual?.ToString(CultureInfo.InvariantCulture) ?? "null"}");
                continue;
            }
            var det = e[key];
            var why = $"{id}: {key}\n  " + string.Join("\n  ", det.Reasons);
            if (value == "no")
            {
                Assert.False(det.Eligible, $"expected not eligible. {why}");
                Assert.Equal(0m, det.MonthlyAmount);
                Assert.Empty(det.Members);
                continue;
            }
            Assert.True(det.Eligible, $"expected eligible with {value}. {why}");
            Assert.True(Same(value, det.MonthlyAmount), $"expected {value}, got {det.MonthlyAmount.ToString(CultureInfo.InvariantCulture)}. {why}");
        }

        if (node.Children.TryGetValue(new YamlScalarNode("per_member"), out var perMember))
        {
            foreach (var (programNode, shares) in (YamlMappingNode)perMember)
            {
                var det = e[((YamlScalarNode)programNode).Value!];
                var expected = ((YamlMappingNode)shares).Children.Select(s => $"{s.Key}={Decimal(((YamlScalarNode)s.Value).Value!):0.00}");
                var actual = det.PerMember.Select(p => $"{p.Key}={p.Value.ToString("0.00", CultureInfo.InvariantCulture)}");
                Assert.Equal(string.Join(", ", expected), string.Join(", ", actual));
            }
        }

        if (node.Children.TryGetValue(new YamlScalarNode("reason"), out var reasons))
        {
            foreach (var (programNode, text) in (YamlMappingNode)reasons)
            {
                var det = e[((YamlScalarNode)programNode).Value!];
                var fragment = ((YamlScalarNode)text).Value!;
                Assert.True(det.Reasons.Any(r => r.Contains(fragment, StringComparison.Ordinal)),
                    $"{id}: no reason of {det.Program} contains '{fragment}':\n  " + string.Join("\n  ", det.Reasons));
            }
        }
    }

    private static bool Same(string expected, decimal? actual) =>
        expected == "null" ? actual is null : actual == Decimal(expected);

    private static decimal Decimal(string text) => decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    // ---- reading the case files ----

    private static readonly string[] SituationKeys = ["date", "county", "area", "members", "assets", "annual_income", "rigid_spending_12m"];

    private static Dictionary<string, YamlMappingNode> Load()
    {
        var dir = Path.Combine(Repository.Root, "policy", "cases");
        var cases = new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(dir, "*.yaml").Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(file)));
            var root = (YamlMappingNode)stream.Documents[0].RootNode;
            var defaults = root.Children.TryGetValue(new YamlScalarNode("defaults"), out var d) ? (YamlMappingNode)d : new YamlMappingNode();
            foreach (var item in ((YamlSequenceNode)root.Children[new YamlScalarNode("cases")]).Cast<YamlMappingNode>())
            {
                var merged = new YamlMappingNode();
                foreach (var (k, v) in defaults.Children) merged.Add(k, v);
                foreach (var (k, v) in item.Children) merged.Children[k] = v;
                var name = ((YamlScalarNode)item.Children[new YamlScalarNode("name")]).Value!;
                var id = $"{Path.GetFileNameWithoutExtension(file)}: {name}";
                if (!cases.TryAdd(id, merged)) throw new InvalidOperationException($"duplicate case name: {id}");
            }
        }
        return cases;
    }

    /// <summary>The case's situation as contract JSON: plain YAML numbers, booleans and null keep their JSON type.</summary>
    private static byte[] SituationJson(YamlMappingNode node)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var key in SituationKeys)
            {
                if (!node.Children.TryGetValue(new YamlScalarNode(key), out var value)) continue;
                w.WritePropertyName(key);
                WriteNode(w, value);
            }
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteNode(Utf8JsonWriter w, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                w.WriteStartObject();
                foreach (var (k, v) in map.Children)
                {
                    w.WritePropertyName(((YamlScalarNode)k).Value!);
                    WriteNode(w, v);
                }
                w.WriteEndObject();
                break;
            case YamlSequenceNode seq:
                w.WriteStartArray();
                foreach (var item in seq) WriteNode(w, item);
                w.WriteEndArray();
                break;
            case YamlScalarNode { Style: ScalarStyle.Plain } s when s.Value is "true" or "false" or "null" || NumberPattern().IsMatch(s.Value ?? ""):
                w.WriteRawValue(s.Value!);
                break;
            case YamlScalarNode s:
                w.WriteStringValue(s.Value);
                break;
        }
    }

    [GeneratedRegex(@"^-?\d+(\.\d+)?$")]
    private static partial Regex NumberPattern();
}
