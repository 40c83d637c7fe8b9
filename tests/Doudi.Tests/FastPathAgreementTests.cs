using Doudi.Eligibility;
using Doudi.Kernel;
using Doudi.Policy;
using Doudi.Registry.Demo;

namespace Doudi.Tests;

/// <summary>
/// The batch fast path (<c>Evaluate(s, explain: false)</c>: no reason formatted, no figure recorded) must
/// decide exactly as the explained path: same eligibility, members and amounts for every program. Checked
/// over a varied generated population (demo households with facts the demo leaves plain made to vary:
/// work refusal, other property, businesses, parents, institutional care, declared annual income),
/// in counties of several cities, in both areas, on dates before and after the 边缘 program began, and over
/// every policy case.
/// </summary>
public partial class PolicyCaseTests
{
    [Fact]
    public void The_fast_path_decides_every_policy_case_as_the_explained_path()
    {
        var reader = new SituationReader(ParameterBook.Shipped);
        foreach (var (id, node) in All.Value)
        {
            var situation = reader.Read(SituationJson(node)).Situation;
            Assert.True(situation is not null, id);
            FastPathAgreementTests.AssertSameDecision(id, EligibilityEngine.Shipped.Evaluate(situation!), EligibilityEngine.Shipped.Evaluate(situation!, explain: false));
        }
    }

    [Fact]
    public void The_compact_trace_stored_by_recompute_holds_the_same_JSON_as_the_indented_output()
    {
        var reader = new SituationReader(ParameterBook.Shipped);
        foreach (var (id, node) in All.Value)
        {
            var e = EligibilityEngine.Shipped.Evaluate(reader.Read(SituationJson(node)).Situation!);
            var indented = System.Text.Json.Nodes.JsonNode.Parse(EvaluationWriter.ToUtf8(e));
            // Twice: the second trace copies each figure's JSON written by the first.
            for (var i = 0; i < 2; i++)
            {
                var compact = System.Text.Json.Nodes.JsonNode.Parse(Doudi.Eligibility.Recompute.RecomputeRegistry.Trace(e));
                Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(indented, compact), id);
            }
        }
    }
}

public class FastPathAgreementTests
{
    private static readonly DateOnly[] Dates = [new(2021, 6, 1), new(2023, 7, 15), new(2026, 6, 1)];

    [Fact]
    public void The_fast_path_decides_a_varied_generated_population_as_the_explained_path()
    {
        var engine = EligibilityEngine.Shipped;
        var counties = RegionCatalog.Guangdong2022.Counties.OrderBy(c => c.Code, StringComparer.Ordinal).Where((_, i) => i % 20 == 0).Select(c => c.Code)
            .Append("440118").Distinct().ToList();
        var region = DemoRegion.Generate(new DemoOptions(4000, Seed: 11, AsOf: new DateOnly(2026, 10, 31)));
        var random = new Random(5);
        var eligible = Programs.All.ToDictionary(p => p, _ => 0);
        var compared = 0;
        foreach (var h in region.Households)
        {
            var county = counties[random.Next(counties.Count)];
            var date = Dates[random.Next(Dates.Length)];
            var situation = Vary(h, county, date, random);
            if (situation is null) continue;
            var explained = engine.Evaluate(situation);
            var fast = engine.Evaluate(situation, explain: false);
            AssertSameDecision(h.HouseholdNo + " " + county + " " + date.Iso(), explained, fast);
            foreach (var d in explained.Determinations.Where(d => d.Eligible)) eligible[d.Program]++;
            compared++;
        }

        Assert.True(compared > 3500, $"only {compared} households compared");
        // The population reaches every program, so the agreement is tested where each rule grants.
        foreach (var (program, count) in eligible) Assert.True(count >= 5, $"{program}: only {count} eligible households in the sample");
    }

    internal static void AssertSameDecision(string what, Evaluation explained, Evaluation fast)
    {
        Assert.Equal(explained.Standard, fast.Standard);
        Assert.Equal(explained.PerCapitaIncome, fast.PerCapitaIncome);
        Assert.Equal(explained.Determinations.Select(d => d.Program), fast.Determinations.Select(d => d.Program));
        for (var i = 0; i < explained.Determinations.Count; i++)
        {
            var e = explained.Determinations[i];
            var f = fast.Determinations[i];
            Assert.True(e.Eligible == f.Eligible, $"{what} {e.Program}: eligible {e.Eligible} explained, {f.Eligible} fast");
            Assert.True(e.MonthlyAmount == f.MonthlyAmount, $"{what} {e.Program}: {e.MonthlyAmount} explained, {f.MonthlyAmount} fast");
            Assert.Equal(e.Members, f.Members);
            Assert.Equal(e.PerMember, f.PerMember);
            Assert.NotEmpty(e.Reasons);
            Assert.Empty(f.Reasons);
            Assert.Empty(f.Parameters);
        }
    }

    /// <summary>The demo household as a situation, with the facts the demo leaves plain made to vary.</summary>
    private static Situation? Vary(DemoHousehold h, string county, DateOnly date, Random random)
    {
        var members = new List<Member>(h.Members.Count);
        foreach (var m in h.Members)
        {
            if (m.BirthDate > date) return null;
            List<ParentStatus> parents = [];
            if (m.Parent1 is not null) parents.Add(Parent(m.Parent1));
            if (m.Parent2 is not null) parents.Add(Parent(m.Parent2));
            var minor = m.BirthDate > date.AddYears(-18);
            if (minor && random.NextDouble() < 0.25) parents = [Pick(random), Pick(random)];
            members.Add(new Member
            {
                Key = m.IdNumber,
                Sex = m.Sex == "female" ? Sex.Female : Sex.Male,
                BirthDate = m.BirthDate,
                Disability = m.DisabilityCategory is { } c && m.DisabilityGrade is { } g ? new Disability(Enum.Parse<DisabilityCategory>(c, ignoreCase: true), g) : null,
                SeriousIllness = m.SeriousIllness,
                SpecialOutpatient = m.SpecialOutpatient,
                FullTimeStudent = m.FullTimeStudent,
                Childless = m.Childless,
                RefusesWork = random.NextDouble() < 0.05,
                UnableToWorkCertified = m.UnableToWorkCertified,
                AdlUnable = m.AdlUnable,
                Supporter = m.Supporter switch { "none" => Supporter.None, "unable" => Supporter.Unable, _ => Supporter.Able },
                Parents = parents,
                Care = random.NextDouble() < 0.3 ? Care.Institutional : Care.Scattered,
                CountedIncome = m.CountedIncome,
            });
        }
        var assets = new Assets(h.FinancialAssets, h.ResidentialProperties, random.NextDouble() < 0.03 ? 1 : 0, h.Vehicles, random.NextDouble() < 0.03 ? 1 : 0);
        decimal? annual = random.NextDouble() < 0.5 ? null : Math.Round(12 * h.CountedIncome * (decimal)(0.5 + random.NextDouble()), 2);
        var area = random.NextDouble() < 0.5 ? Area.Urban : Area.Rural;
        return new Situation(date, county, area, members, assets, annual, h.RigidSpending12m);
    }

    private static readonly ParentStatus[] Statuses =
        [ParentStatus.Dead, ParentStatus.Missing, ParentStatus.Alive, ParentStatus.SevereDisability, ParentStatus.SeriousIllness, ParentStatus.Imprisoned, ParentStatus.OutOfContact];

    private static ParentStatus Pick(Random random) => Statuses[random.Next(Statuses.Length)];

    private static ParentStatus Parent(string code) => Enum.Parse<ParentStatus>(code.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);
}
