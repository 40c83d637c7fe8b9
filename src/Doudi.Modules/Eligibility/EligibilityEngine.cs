using Doudi.Eligibility.Rules;
using Doudi.Policy;

namespace Doudi.Eligibility;

/// <summary>
/// Evaluates a situation against the nine programs. Pure: the same situation and figures give the same
/// determinations. Thread-safe; keep one per process (its figure cache is what makes batches fast).
/// </summary>
public sealed class EligibilityEngine(FigureCache figures)
{
    public EligibilityEngine(ParameterBook book) : this(new FigureCache(book)) { }

    public static EligibilityEngine Shipped { get; } = new(ParameterBook.Shipped);

    public ParameterBook Book => figures.Book;

    public Evaluation Evaluate(Situation s)
    {
        var f = figures.For(s.County, s.Area, s.Date);
        if (f.Standard is null) throw new InvalidOperationException($"no 低保 standard in force on {s.Date.Iso()} for {s.County}");
        var d = Programs.All.ToDictionary(p => p, p => new Determination(p), StringComparer.Ordinal);

        var all = new List<(Member, int)>(s.Members.Count);
        foreach (var m in s.Members) all.Add((m, MemberRules.Age(m.BirthDate, s.Date)));
        var assets = AssetTest.Check(s, f);

        // 特困 first: its members are assessed alone and leave the household programs (rules §3).
        var tekun = d[Programs.Tekun];
        tekun.Used(f.AreaClass);
        tekun.Used(f.Standard);
        assets.Record(tekun, f);
        var tekunShares = new List<KeyValuePair<string, decimal>>();
        var tekunKeys = new HashSet<string>(StringComparer.Ordinal);
        var assessed = new List<(Member, int)>(all.Count);
        foreach (var (m, age) in all)
        {
            var outcome = TekunRule.Assess(m, age, assets, f, tekun);
            tekun.Because(outcome.Reason);
            if (outcome.Eligible)
            {
                tekunShares.Add(new(m.Key, outcome.Amount));
                tekunKeys.Add(m.Key);
            }
            else assessed.Add((m, age));
        }
        foreach (var (m, age) in all)
        {
            if (tekunKeys.Contains(m.Key) && (IndividualPrograms.IsOrphan(m, age, f) || IndividualPrograms.IsUnsupported(m, age, f)))
                tekun.Because($"{m.Key}: 同时符合孤儿或事实无人抚养儿童保障条件，须选择其一 (以申请记录为准)");
        }
        if (tekunShares.Count > 0)
        {
            var total = 0m;
            foreach (var share in tekunShares) total += share.Value;
            tekun.Grant(tekunShares, total);
        }

        var household = assessed.Count == 0 ? null : Household.Build(assessed, tekunKeys.Count, assets, f);
        HouseholdPrograms.Dibao(household, d[Programs.Dibao]);
        HouseholdPrograms.Edge(household, d[Programs.DibaoEdge]);
        HouseholdPrograms.Individual(household, d[Programs.DibaoEdge], d[Programs.DibaoIndividual]);
        HouseholdPrograms.Expenditure(household, s.AnnualIncome, s.RigidSpending12m, d[Programs.ExpenditureHardship]);
        IndividualPrograms.CareSubsidy(all, f, d[Programs.DisabilityCare]);
        IndividualPrograms.LivingSubsidy(household, d[Programs.Dibao], d[Programs.DibaoEdge], f, d[Programs.DisabilityLiving]);
        IndividualPrograms.Orphan(all, f, tekunKeys, d[Programs.Orphan]);
        IndividualPrograms.Unsupported(all, f, tekunKeys, d[Programs.UnsupportedChild]);

        return new Evaluation(s.Date, s.County,
            household is null ? null : f.Standard.Value,
            household is null ? null : Doudi.Kernel.Money.RoundToFen(household.PerCapitaIncome),
            [.. Programs.All.Select(p => d[p])]);
    }
}
