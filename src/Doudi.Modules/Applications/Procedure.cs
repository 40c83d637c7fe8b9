using System.Globalization;
using YamlDotNet.Serialization;

namespace Doudi.Applications;

/// <summary>A step of the procedure: a state with its Chinese name and time limit (none = no limit of its own).</summary>
public sealed record ProcedureState(string Code, string Name, int? WorkingDays, int? CalendarDays, bool Final);

/// <summary>
/// An action moving a case from one of <see cref="From"/> to <see cref="To"/> (<c>earlier</c>: a state the officer
/// chooses among those listed before the current one). <see cref="Roles"/> may hold <c>decider</c>.
/// </summary>
public sealed record ProcedureAction(string Code, string Name, IReadOnlyList<string> From, string To, IReadOnlyList<string> Roles, bool ReasonRequired)
{
    public const string Earlier = "earlier";

    /// <summary><c>to: same</c>: the case stays in its step (an extension of the time limit), whose clock keeps running.</summary>
    public const string Same = "same";
    public const string Decider = "decider";
}

/// <summary>
/// The procedure in force on a date (policy/procedure/steps.yaml): steps, limits, actions, checklist. Workflows
/// read it; nothing in code names a limit.
/// </summary>
public sealed record Procedure(
    DateOnly Since,
    string Reference,
    int TotalWorkingDays,
    int ExtendedTotalWorkingDays,
    int DueSoonWorkingDays,
    int PaidFromMonthsAfterDecision,
    int ReviewMonths,
    int ReviewMonthsIrregular,
    int GradualExitMonths,
    int AppealReviewDays,
    int AppealLawsuitMonths,
    IReadOnlyList<ProcedureState> States,
    IReadOnlyList<ProcedureAction> Actions,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Documents,
    IReadOnlyDictionary<string, string> DocumentNames)
{
    private static readonly Lazy<IReadOnlyList<Procedure>> Shipped = new(LoadShipped);

    public static Procedure InForce(DateOnly day) => InForce(Shipped.Value, day);

    public static Procedure InForce(IReadOnlyList<Procedure> versions, DateOnly day) =>
        versions.Where(v => v.Since <= day).OrderByDescending(v => v.Since).FirstOrDefault()
        ?? throw new InvalidOperationException($"no application procedure in force on {day:yyyy-MM-dd}");

    public ProcedureState State(string code) => States.FirstOrDefault(s => s.Code == code)
        ?? throw new InvalidOperationException($"unknown application state '{code}'");

    public ProcedureAction? Action(string code) => Actions.FirstOrDefault(a => a.Code == code);

    public int IndexOf(string state) => States.ToList().FindIndex(s => s.Code == state);

    /// <summary>The documents an application for this program must include: the common ones, then the program's own.</summary>
    public IReadOnlyList<string> RequiredDocuments(string program) =>
        [.. Documents.GetValueOrDefault("common", []), .. Documents.GetValueOrDefault(program, [])];

    public string DocumentName(string kind) => DocumentNames.GetValueOrDefault(kind, kind);

    /// <summary>The states an action <c>to: earlier</c> may lead to from <paramref name="current"/>.</summary>
    public IEnumerable<ProcedureState> EarlierStates(string current) =>
        States.Take(Math.Max(0, Final(current) ? IndexOfLastOpen() + 1 : IndexOf(current))).Where(s => !s.Final);

    private bool Final(string state) => State(state).Final;

    private int IndexOfLastOpen() => States.ToList().FindLastIndex(s => !s.Final);

    private static IReadOnlyList<Procedure> LoadShipped()
    {
        using var stream = typeof(Procedure).Assembly.GetManifestResourceStream("procedure/steps.yaml")
            ?? throw new InvalidOperationException("procedure/steps.yaml is not embedded");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    public static IReadOnlyList<Procedure> Parse(string yaml)
    {
        var file = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(yaml);
        var result = new List<Procedure>();
        foreach (var (date, raw) in (Dictionary<object, object>)file["values"])
        {
            var v = (Dictionary<object, object>)raw;
            var states = List(v["states"]).Select(s =>
            {
                var m = Map(s);
                var limit = m.TryGetValue("limit", out var l) ? Map(l) : new Dictionary<string, object>();
                return new ProcedureState(Text(m["code"]), Text(m["name"]),
                    limit.TryGetValue("working_days", out var w) ? Int(w) : null,
                    limit.TryGetValue("calendar_days", out var c) ? Int(c) : null,
                    m.TryGetValue("final", out var f) && Text(f) == "true");
            }).ToList();
            var actions = List(v["actions"]).Select(a =>
            {
                var m = Map(a);
                return new ProcedureAction(Text(m["code"]), Text(m["name"]), List(m["from"]).Select(Text).ToList(), Text(m["to"]),
                    List(m["roles"]).Select(Text).ToList(), m.TryGetValue("reason", out var r) && Text(r) == "true");
            }).ToList();
            var codes = states.Select(s => s.Code).ToHashSet();
            foreach (var a in actions)
            {
                foreach (var from in a.From)
                {
                    if (!codes.Contains(from)) throw new InvalidOperationException($"action {a.Code}: unknown state '{from}'");
                }
                if (a.To != ProcedureAction.Earlier && a.To != ProcedureAction.Same && !codes.Contains(a.To)) throw new InvalidOperationException($"action {a.Code}: unknown state '{a.To}'");
            }
            result.Add(new Procedure(
                DateOnly.ParseExact(Text(date), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                v.TryGetValue("reference", out var reference) ? Text(reference) : "",
                Int(v["total_working_days"]), Int(v["extended_total_working_days"]), Int(v["due_soon_working_days"]), Int(v["paid_from_months_after_decision"]),
                Int(v["review_months"]), Int(v["review_months_irregular"]), Int(v["gradual_exit_months"]),
                Int(v["appeal_review_days"]), Int(v["appeal_lawsuit_months"]),
                states, actions,
                Map(v["documents"]).ToDictionary(p => p.Key, p => (IReadOnlyList<string>)List(p.Value).Select(Text).ToList()),
                Map(v["document_names"]).ToDictionary(p => p.Key, p => Text(p.Value))));
        }
        return result;
    }

    private static Dictionary<string, object> Map(object o) => ((Dictionary<object, object>)o).ToDictionary(p => Text(p.Key), p => p.Value);
    private static List<object> List(object o) => (List<object>)o;
    private static string Text(object o) => Convert.ToString(o, CultureInfo.InvariantCulture) ?? "";
    private static int Int(object o) => int.Parse(Text(o), CultureInfo.InvariantCulture);
}
