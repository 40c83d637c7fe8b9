using Doudi.Oversight;
using Doudi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Policy;

/// <summary>An administrator adds a dated figure for a scope (the form of <c>/Policy/Parameters</c>).</summary>
public sealed record AddParameterValue(
    string Name, string ScopeKind, string ScopeCode, DateOnly EffectiveFrom, decimal Value, decimal? RuralValue, string Unit,
    string Reference, string Status, string AddedBy);

/// <summary>Saved (with its id), or refused with every problem; nothing is written when refused.</summary>
public sealed record AddParameterValueOutcome(ParameterAddition? Saved, IReadOnlyList<AdditionProblem> Problems);

/// <summary>
/// Checks the new figure together with the shipped files and every earlier addition (the same rules as the
/// loader), then stores it and its audit record in one transaction. Refusals are audited too.
/// </summary>
public sealed class AddParameterValueHandler(EffectiveParameters parameters, TimeProvider clock)
{
    public async Task<AddParameterValueOutcome> HandleAsync(DoudiDb db, AddParameterValue command, string? from, CancellationToken ct = default)
    {
        var addition = new ParameterAddition
        {
            Name = command.Name.Trim(),
            ScopeKind = command.ScopeKind,
            ScopeCode = command.ScopeKind is ScopeKinds.Province ? "" : command.ScopeCode.Trim(),
            EffectiveFrom = command.EffectiveFrom,
            Value = command.Value,
            RuralValue = command.RuralValue == command.Value ? null : command.RuralValue,
            Unit = command.Unit.Trim(),
            Reference = command.Reference.Trim(),
            Status = command.Status,
            AddedBy = command.AddedBy,
            AddedAt = clock.GetUtcNow(),
        };
        var trail = new AuditTrail(clock);
        var problems = await CheckAsync(db, addition, ct);
        if (problems.Count == 0)
        {
            db.ParameterAdditions.Add(addition);
            try
            {
                // The audit trail saves the addition and its record in one transaction.
                await trail.AppendAsync(db, new AuditEntry(command.AddedBy, AuditActions.ParameterValueAdded, Subject(addition), Describe(addition), from), ct);
                return new AddParameterValueOutcome(addition, []);
            }
            catch (DbUpdateException)
            {
                // Another administrator stored a figure for the same scope and date meanwhile (unique index).
                db.ChangeTracker.Clear();
                problems = await CheckAsync(db, addition, ct);
                if (problems.Count == 0) throw;
            }
        }
        await trail.AppendAsync(db, new AuditEntry(command.AddedBy, AuditActions.ParameterValueRefused, Subject(addition),
            Describe(addition) + "; " + string.Join(" ", problems.Select(p => p.Message)), from), ct);
        return new AddParameterValueOutcome(null, problems);
    }

    private async Task<List<AdditionProblem>> CheckAsync(DoudiDb db, ParameterAddition addition, CancellationToken ct)
    {
        var stored = await db.ParameterAdditions.AsNoTracking().OrderBy(a => a.Id).ToListAsync(ct);
        var outcome = ParameterAdditions.Apply(parameters.Shipped, [.. stored, addition]);
        return [.. outcome.Problems];
    }

    private static string Subject(ParameterAddition a) => "parameter:" + a.Name;

    private static string Describe(ParameterAddition a)
    {
        var scope = a.ScopeCode.Length > 0 ? a.ScopeKind + " " + a.ScopeCode : a.ScopeKind;
        var rural = a.RuralValue is { } r ? " / rural " + r.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{scope}; from {a.EffectiveFrom:yyyy-MM-dd}; value {a.Value}{rural} {a.Unit}; status {a.Status}; reference {a.Reference}");
    }
}
