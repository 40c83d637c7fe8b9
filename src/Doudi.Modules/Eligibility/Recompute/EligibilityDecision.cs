namespace Doudi.Eligibility.Recompute;

/// <summary>
/// One household whose recomputed decision differs from its current enrolment, as a recomputation run
/// found it: old and new program and amount, what changed, and the full trace (every program's
/// determination with its reasons and the figures used) so the decision can be replayed and audited.
/// Unchanged households are not stored.
/// </summary>
public sealed class EligibilityDecision
{
    public long Id { get; set; }

    /// <summary>The run that found it (one GUID per <c>eligibility recompute</c>).</summary>
    public required string RunId { get; set; }

    public long HouseholdId { get; set; }
    public required string HouseholdNo { get; set; }
    public required string CountyCode { get; set; }

    /// <summary>The assessment date (<c>--date</c>).</summary>
    public DateOnly Date { get; set; }

    /// <summary>newly_eligible | no_longer_eligible | program_changed | amount_changed | member_programs_changed.</summary>
    public required string ChangeKind { get; set; }

    public required string OldProgram { get; set; }
    public decimal OldAmount { get; set; }
    public required string NewProgram { get; set; }
    public decimal NewAmount { get; set; }

    /// <summary>Member programs before and after, as <c>id_number:program;program|…</c> (only members with any).</summary>
    public required string OldMemberPrograms { get; set; }
    public required string NewMemberPrograms { get; set; }

    /// <summary>The evaluation as the contract's JSON (programs, amounts, reasons, parameters).</summary>
    public required string Trace { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
