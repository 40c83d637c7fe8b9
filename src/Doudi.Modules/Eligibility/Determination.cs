using Doudi.Policy;

namespace Doudi.Eligibility;

/// <summary>The nine programs, in the order the contract lists them.</summary>
public static class Programs
{
    public const string Dibao = "dibao";
    public const string DibaoIndividual = "dibao_individual";
    public const string DibaoEdge = "dibao_edge";
    public const string ExpenditureHardship = "expenditure_hardship";
    public const string Tekun = "tekun";
    public const string DisabilityCare = "disability_care_subsidy";
    public const string DisabilityLiving = "disability_living_subsidy";
    public const string Orphan = "orphan_allowance";
    public const string UnsupportedChild = "unsupported_child_allowance";

    public static readonly string[] All = [Dibao, DibaoIndividual, DibaoEdge, ExpenditureHardship, Tekun, DisabilityCare, DisabilityLiving, Orphan, UnsupportedChild];
}

/// <summary>
/// One program's answer: eligible or not, who, how much, why, and with which figures. It is also the
/// rules' reason sink: when <see cref="Explains"/> is false (the batch's fast path) <see cref="Because(ref ReasonText)"/>
/// and <see cref="Used"/> record nothing, and the text of a reason is never even formatted (see <see cref="ReasonText"/>).
/// The decision itself (eligible, members, amounts) is the same either way.
/// </summary>
public sealed class Determination(string program, bool explains = true)
{
    public string Program { get; } = program;

    /// <summary>Whether reasons and figures are recorded (the trace); the amounts are computed either way.</summary>
    public bool Explains { get; } = explains;

    // Allocated when first needed: most of a batch's 9 × 1,000,000 determinations grant nothing and explain nothing.
    private List<string>? _members;
    private List<KeyValuePair<string, decimal>>? _perMember;
    private List<string>? _reasons;
    private List<Figure>? _parameters;

    public bool Eligible { get; private set; }
    public IReadOnlyList<string> Members => _members ?? (IReadOnlyList<string>)[];
    public decimal MonthlyAmount { get; private set; }
    public IReadOnlyList<KeyValuePair<string, decimal>> PerMember => _perMember ?? (IReadOnlyList<KeyValuePair<string, decimal>>)[];
    public IReadOnlyList<string> Reasons => _reasons ?? (IReadOnlyList<string>)[];
    public IReadOnlyList<Figure> Parameters => _parameters ?? (IReadOnlyList<Figure>)[];

    /// <summary>A reason with figures in it: formatted only when this determination explains.</summary>
    public void Because([System.Runtime.CompilerServices.InterpolatedStringHandlerArgument("")] ref ReasonText reason)
    {
        if (Explains) (_reasons ??= []).Add(reason.ToStringAndClear());
    }

    /// <summary>A fixed reason.</summary>
    public void Because(string reason)
    {
        if (Explains) (_reasons ??= []).Add(reason);
    }

    /// <summary>Records a figure consulted (once). Figures are shared from the cache, so identity is enough.</summary>
    public void Used(Figure? figure)
    {
        if (figure is null || !Explains) return;
        _parameters ??= [];
        foreach (var used in _parameters)
        {
            if (ReferenceEquals(used, figure)) return;
        }
        _parameters.Add(figure);
    }

    /// <summary>
    /// Grants the program to these members with these shares (already rounded to the fen). The total
    /// is rounded once; any difference between it and the shares goes to the first member.
    /// </summary>
    public void Grant(List<KeyValuePair<string, decimal>> shares, decimal total)
    {
        Eligible = true;
        MonthlyAmount = total;
        var sum = 0m;
        foreach (var share in shares) sum += share.Value;
        _members = new List<string>(shares.Count);
        _perMember = new List<KeyValuePair<string, decimal>>(shares.Count);
        for (var i = 0; i < shares.Count; i++)
        {
            var value = i == 0 ? shares[i].Value + (total - sum) : shares[i].Value;
            _members.Add(shares[i].Key);
            _perMember.Add(new(shares[i].Key, value));
        }
    }
}

public sealed record Evaluation(
    DateOnly Date,
    string County,
    decimal? Standard,
    decimal? PerCapitaIncome,
    IReadOnlyList<Determination> Determinations)
{
    public Determination this[string program]
    {
        get
        {
            foreach (var d in Determinations)
            {
                if (string.Equals(d.Program, program, StringComparison.Ordinal)) return d;
            }
            throw new KeyNotFoundException(program);
        }
    }
}
