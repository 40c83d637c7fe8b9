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

    public bool Eligible { get; private set; }
    public List<string> Members { get; } = [];
    public decimal MonthlyAmount { get; private set; }
    public List<KeyValuePair<string, decimal>> PerMember { get; } = [];
    public List<string> Reasons { get; } = [];
    public List<Figure> Parameters { get; } = [];

    /// <summary>A reason with figures in it: formatted only when this determination explains.</summary>
    public void Because([System.Runtime.CompilerServices.InterpolatedStringHandlerArgument("")] ref ReasonText reason)
    {
        if (Explains) Reasons.Add(reason.ToStringAndClear());
    }

    /// <summary>A fixed reason.</summary>
    public void Because(string reason)
    {
        if (Explains) Reasons.Add(reason);
    }

    /// <summary>Records a figure consulted (once). Figures are shared from the cache, so identity is enough.</summary>
    public void Used(Figure? figure)
    {
        if (figure is null || !Explains) return;
        foreach (var used in Parameters)
        {
            if (ReferenceEquals(used, figure)) return;
        }
        Parameters.Add(figure);
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
        for (var i = 0; i < shares.Count; i++)
        {
            var value = i == 0 ? shares[i].Value + (total - sum) : shares[i].Value;
            Members.Add(shares[i].Key);
            PerMember.Add(new(shares[i].Key, value));
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
