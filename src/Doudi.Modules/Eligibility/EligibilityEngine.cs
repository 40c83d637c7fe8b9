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

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ParameterBook, EligibilityEngine> ByBook = [];

    /// <summary>
    /// The engine for a book (the figures in force in a database), kept as long as the book lives, so its
    /// figure cache survives between requests until the figures change.
    /// </summary>
    public static EligibilityEngine For(ParameterBook book) =>
        ReferenceEquals(book, ParameterBook.Shipped) ? Shipped : ByBook.GetValue(book, b => new EligibilityEngine(b));

    public ParameterBook Book => figures.Book;

    private static readonly HashSet<string> NoKeys = [];

    /// <summary>
    /// Evaluates the situation. With <paramref name="explain"/> false (the fast path of batch runs) the very
    /// same rules run but no reason is formatted and no figure recorded: eligibility, members and amounts
    /// are identical, reasons and parameters empty. Re-evaluate with reasons whatever must be shown or stored.
    /// </summary>
    public Evaluation Evaluate(Situation s, bool explain = true)
    {
        var f = figures.For(s.County, s.Area, s.Date);
        if (f.Standard is null) throw new InvalidOperationException($"no 低保 standard in force on {s.Date.Iso()} for {s.County}");
        var dibao = new Determination(Programs.Dibao, explain);
        var dibaoIndividual = new Determination(Programs.DibaoIndividual, explain);
        var edge = new Determination(Programs.DibaoEdge, explain);
        var expenditure = new Determination(Programs.ExpenditureHardship, explain);
        var tekun = new Determination(Programs.Tekun, explain);
        var care = new Determination(Programs.DisabilityCare, explain);
        var living = new Determination(Programs.DisabilityLiving, explain);
        var orphan = new Determination(Programs.Orphan, explain);
        var unsupported = new Determination(Programs.UnsupportedChild, explain);

        var all = new List<(Member, int)>(s.Members.Count);
        foreach (var m in s.Members) all.Add((m, MemberRules.Age(m.BirthDate, s.Date)));
        var assets = AssetTest.Check(s, f);

        // 特困 first: its members are assessed alone and leave the household programs (rules §3).
        tekun.Used(f.AreaClass);
        tekun.Used(f.Standard);
        assets.Record(tekun, f);
        List<KeyValuePair<string, decimal>>? tekunShares = null; // few households have a 特困 member
        var tekunKeys = NoKeys;
        var assessed = new List<(Member, int)>(all.Count);
        foreach (var (m, age) in all)
        {
            var outcome = TekunRule.Assess(m, age, assets, f, tekun);
            if (outcome.Eligible)
            {
                (tekunShares ??= []).Add(new(m.Key, outcome.Amount));
                if (tekunKeys == NoKeys) tekunKeys = new HashSet<string>(StringComparer.Ordinal);
                tekunKeys.Add(m.Key);
            }
            else assessed.Add((m, age));
        }
        foreach (var (m, age) in all)
        {
            if (tekunKeys.Contains(m.Key) && (IndividualPrograms.IsOrphan(m, age, f) || IndividualPrograms.IsUnsupported(m, age, f)))
                tekun.Because($"{m.Key}: 同时符合孤儿或事实无人抚养儿童保障条件，须选择其一 (以申请记录为准)");
        }
        if (tekunShares is not null)
        {
            var total = 0m;
            foreach (var share in tekunShares) total += share.Value;
            tekun.Grant(tekunShares, total);
        }

        var household = assessed.Count == 0 ? null : Household.Build(assessed, tekunKeys.Count, assets, f);
        HouseholdPrograms.Dibao(household, dibao);
        HouseholdPrograms.Edge(household, edge);
        HouseholdPrograms.Individual(household, edge, dibaoIndividual);
        HouseholdPrograms.Expenditure(household, s.AnnualIncome, s.RigidSpending12m, expenditure);
        IndividualPrograms.CareSubsidy(all, f, care);
        IndividualPrograms.LivingSubsidy(household, dibao, edge, f, living);
        IndividualPrograms.Orphan(all, f, tekunKeys, orphan);
        IndividualPrograms.Unsupported(all, f, tekunKeys, unsupported);

        return new Evaluation(s.Date, s.County,
            household is null ? null : f.Standard.Value,
            household is null ? null : Doudi.Kernel.Money.RoundToFen(household.PerCapitaIncome),
            [dibao, dibaoIndividual, edge, expenditure, tekun, care, living, orphan, unsupported]); // the order of Programs.All
    }
}
