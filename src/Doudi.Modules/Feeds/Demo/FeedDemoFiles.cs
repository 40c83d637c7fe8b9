using System.Globalization;
using Doudi.Kernel;
using Doudi.Registry.Demo;

namespace Doudi.Feeds.Demo;

/// <summary>
/// One <c>TYPE.csv</c> per feed type for <c>demo generate</c>: about 30 feed rows per household, most about
/// people outside the registry (as real department extracts are), and a small share about registry members
/// that gives every monitoring rule something to find. Deterministic for the region's seed.
/// </summary>
public static class FeedDemoFiles
{
    public static IReadOnlyList<IDemoFileWriter> All => FeedTypes.All.Select(t => (IDemoFileWriter)new FeedDemoFile(t)).ToList();
}

internal sealed class FeedDemoFile(FeedType type) : IDemoFileWriter
{
    private static readonly string[] AddressCodes = ["440118", "440183", "440106", "440303", "441302", "445102", "452122", "360121", "431021", "510104"];
    private static readonly string[] Institutions = ["工商银行增城支行", "农业银行增城支行", "建设银行荔城支行", "广州农商银行", "中国人寿广州分公司", "广发证券"];

    public string FileName => type.Name + ".csv";

    private sealed class Context(DemoRegion region, Random random)
    {
        private int _serial;
        public DemoRegion Region { get; } = region;
        public Random Random { get; } = random;
        public HashSet<string> Registry { get; } = region.People.Select(p => p.IdNumber).ToHashSet(StringComparer.Ordinal);
        public DateOnly MonthStart { get; } = new(region.AsOf.Year, region.AsOf.Month, 1);
        public int Next() => ++_serial;
        public bool Chance(double p) => Random.NextDouble() < p;

        /// <summary>How many rows for a per-household average (e.g. 1.5 → 1 or 2).</summary>
        public int Count(double average) => (int)average + (Random.NextDouble() < average - (int)average ? 1 : 0);

        public DateOnly DayBetween(DateOnly from, DateOnly to) => from.AddDays(Random.Next(to.DayNumber - from.DayNumber + 1));

        public DateOnly Recent(int days) => DayBetween(Region.AsOf.AddDays(-days), Region.AsOf);

        public (string Id, string Name) Outsider()
        {
            while (true)
            {
                var birth = DayBetween(new DateOnly(1940, 1, 1), new DateOnly(2005, 12, 31));
                var male = Random.Next(2) == 0;
                var seq = Random.Next(100) * 10 + Random.Next(5) * 2 + (male ? 1 : 0);
                var first17 = AddressCodes[Random.Next(AddressCodes.Length)] + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture)
                    + seq.ToString("000", CultureInfo.InvariantCulture);
                var id = first17 + IdNumber.ComputeCheckCharacter(first17);
                if (Registry.Contains(id)) continue;
                var given = male ? DemoNames.MaleGiven : DemoNames.FemaleGiven;
                return (id, DemoNames.Surnames[Random.Next(DemoNames.Surnames.Length)] + given[Random.Next(given.Length)]);
            }
        }

        /// <summary>A feed often spells a name its own way: now and then with a space or another character.</summary>
        public string Spelling(string name) => Chance(0.02) ? name[..1] + " " + name[1..] : Chance(0.01) ? name[..^1] + "某" : name;

        public string Pick(params string[] items) => items[Random.Next(items.Length)];
    }

    public void Write(DemoRegion region, TextWriter writer)
    {
        DemoFiles.Row(writer, [.. type.Columns.Select(c => c.Name)]);
        var c = new Context(region, region.RandomFor("feed:" + type.Name));
        foreach (var household in region.Households)
        {
            for (var i = c.Count(OutsidersPerHousehold); i > 0; i--)
            {
                var (id, name) = c.Outsider();
                DemoFiles.Row(writer, [id, name, .. Values(c, household, registry: false)]);
            }
            foreach (var member in household.Members)
            {
                if (!c.Chance(RegistryShare(member, household))) continue;
                DemoFiles.Row(writer, [member.IdNumber, c.Spelling(member.Name), .. Values(c, household, registry: true, member)]);
            }
        }
    }

    /// <summary>Rows about outsiders per household (together about 27 of the 30).</summary>
    private double OutsidersPerHousehold => type.Name switch
    {
        "medical" => 7,
        "employment" => 6,
        "pension" => 3.5,
        "financial" => 2.5,
        "vehicle" => 1.6,
        "property" => 1.6,
        "business" => 0.9,
        "disability" => 0.7,
        "death" => 0.4,
        "unemployment" => 0.4,
        "poverty_watch" => 0.3,
        "official_kin" => 0.3,
        "detention" => 0.15,
        _ => 0,
    };

    /// <summary>The chance that a registry member has a row in this feed.</summary>
    private double RegistryShare(DemoMember member, DemoHousehold household) => type.Name switch
    {
        "disability" => member.DisabilityCategory is not null ? 0.9 : household.Program == "dibao_edge" ? 0.05 : 0,
        "medical" => member.SeriousIllness ? 0.8 : 0.25,
        "property" => member.Relation == "head" && household.ResidentialProperties > 0 ? 0.9 : 0.015,
        "financial" => 0.3,
        "employment" => 0.06,
        "pension" => member.BirthDate.Year < 1964 ? 0.5 : 0,
        "vehicle" => 0.03,
        "business" => 0.02,
        "poverty_watch" => household.Program == "none" ? 0.08 : 0.01,
        "unemployment" => 0.015,
        "death" => 0.004,
        "detention" => 0.002,
        "official_kin" => 0.003,
        _ => 0,
    };

    private string[] Values(Context c, DemoHousehold household, bool registry, DemoMember? member = null)
    {
        var asOf = c.Region.AsOf;
        string D(DateOnly d) => DemoFiles.Date(d);
        string Y(decimal v) => DemoFiles.Yuan(v);
        var month = c.MonthStart;
        switch (type.Name)
        {
            case "death":
                return [D(c.Recent(registry ? 90 : 3000))];
            case "vehicle":
                return [$"粤{c.Pick("A", "A", "B", "E", "S")}{c.Next():D6}", registry ? c.Pick("car", "car", "truck", "e_bike", "motorcycle", "motorcycle") : c.Pick("car", "car", "car", "truck", "bus", "motorcycle", "e_bike", "disabled_mobility"), D(c.Recent(5000))];
            case "property":
                {
                    var kind = c.Chance(registry ? 0.03 : 0.2) ? "non_residential" : "residential";
                    var registered = c.Recent(7000);
                    var gone = c.Chance(0.08) ? D(c.DayBetween(registered, asOf)) : "";
                    return [kind, $"粤({registered.Year})增城区不动产权第{c.Next():D7}号", D(registered), gone];
                }
            case "business":
                return [$"增城区{c.Pick("荔城", "新塘", "石滩", "派潭")}{c.Pick("五金", "食品", "服装", "运输", "建材")}{c.Next():D5}{c.Pick("店", "商行", "有限公司")}",
                    Y(c.Random.Next(1, 500) * 1000m), D(c.Recent(4000)), c.Chance(registry ? 0.5 : 0.8) ? "active" : "cancelled"];
            case "medical":
                {
                    var total = member?.SeriousIllness == true || c.Chance(0.03) ? c.Random.Next(8000, 60000) : c.Random.Next(50, 3000);
                    var own = Math.Round(total * (decimal)(0.2 + c.Random.NextDouble() * 0.4), 2);
                    return [$"YB{c.Next():D10}", D(c.Recent(400)), Y(total), Y(own)];
                }
            case "disability":
                // A member without a recorded disability gets a new certificate: the edge household's 单人保 candidates.
                return registry && member!.DisabilityCategory is not null
                    ? [member.DisabilityCategory, DemoFiles.Number(member.DisabilityGrade ?? 4), D(c.Recent(3000))]
                    : registry ? [c.Pick(FeedTypes.DisabilityCategories), DemoFiles.Number(c.Random.Next(1, 4)), D(c.Recent(60))]
                    : [c.Pick(FeedTypes.DisabilityCategories), DemoFiles.Number(c.Random.Next(1, 5)), D(c.Recent(5000))];
            case "employment":
                {
                    var m = c.Chance(0.6) ? month : month.AddMonths(-c.Random.Next(1, 12));
                    var basis = registry && c.Chance(0.4) ? 0 : c.Random.Next(2300, 12000);
                    return [m.ToString("yyyy-MM", CultureInfo.InvariantCulture), Y(basis)];
                }
            case "pension":
                {
                    var kind = c.Pick("basic", "basic", "employee", "civil_servant");
                    return [month.AddMonths(-c.Random.Next(0, 3)).ToString("yyyy-MM", CultureInfo.InvariantCulture), kind, Y(kind == "basic" ? 200 + c.Random.Next(100) : c.Random.Next(2000, 8000))];
                }
            case "unemployment":
                return [D(registry && c.Chance(0.5) ? c.DayBetween(month, asOf) : c.Recent(700))];
            case "detention":
                {
                    var start = c.Recent(registry ? 120 : 2000);
                    return [D(start), c.Chance(0.5) ? "" : D(c.DayBetween(start, asOf))];
                }
            case "poverty_watch":
                {
                    var flagged = c.Recent(900);
                    var resolved = c.Chance(registry ? 0.3 : 0.7) ? D(c.DayBetween(flagged, asOf)) : "";
                    return [c.Region.County.Code, D(flagged), c.Pick("illness", "illness", "disability", "education", "disaster", "accident", "unemployment", "other"), resolved];
                }
            case "financial":
                return [c.Pick(Institutions), c.Pick("deposit", "deposit", "deposit", "securities", "fund", "insurance", "wealth_management"),
                    Y(c.Random.Next(0, 200000) / 10m), D(c.Recent(60))];
            case "official_kin":
                {
                    var (officialId, officialName) = c.Outsider();
                    return [officialId, officialName, c.Pick("科员", "副科长", "科长", "副镇长", "村支书"), c.Region.County.Code,
                        c.Pick("spouse", "parent", "child", "sibling", "grandparent", "grandchild", "other")];
                }
            default:
                throw new InvalidOperationException(type.Name);
        }
    }
}
