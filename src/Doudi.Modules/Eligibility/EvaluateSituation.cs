namespace Doudi.Eligibility;

/// <summary>The outcome of one evaluation request: the result, or every problem with the input.</summary>
public sealed record EvaluateOutcome(Evaluation? Evaluation, IReadOnlyList<InputProblem> Problems, IReadOnlyList<InputProblem> Warnings)
{
    public bool IsBadInput => Evaluation is null;
}

/// <summary>
/// The use case behind <c>doudi eligibility evaluate</c> and <c>POST /api/v1/eligibility/evaluate</c>:
/// JSON in, a checked situation, one determination per program out.
/// </summary>
public sealed class EvaluateSituationHandler(EligibilityEngine engine)
{
    public static EvaluateSituationHandler Shipped { get; } = new(EligibilityEngine.Shipped);

    /// <summary>The handler for a book (the figures in force in a database), on that book's cached engine.</summary>
    public static EvaluateSituationHandler For(Policy.ParameterBook book) =>
        ReferenceEquals(book, Policy.ParameterBook.Shipped) ? Shipped : new(EligibilityEngine.For(book));

    public EvaluateOutcome Handle(ReadOnlyMemory<byte> json)
    {
        var read = new SituationReader(engine.Book).Read(json);
        if (read.Situation is null) return new EvaluateOutcome(null, read.Problems, read.Warnings);
        return new EvaluateOutcome(engine.Evaluate(read.Situation), [], read.Warnings);
    }
}
