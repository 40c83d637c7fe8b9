using Doudi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Monitoring;

/// <summary>The township (or county) closes an alert with its finding and the action taken (核查结果 / 处理措施).</summary>
public sealed record CloseAlert(long Id, string? Finding, string? Action, string By);

public enum CloseAlertRefusal
{
    None,

    /// <summary>No such alert in the user's region (the query filter hides the others).</summary>
    NotFound,
    AlreadyClosed,
    MissingFinding,
    MissingAction,
    ActionTooLong,

    /// <summary>Someone else closed the alert between this user's reading and saving it.</summary>
    Conflict,
}

public sealed record CloseAlertOutcome(CloseAlertRefusal Refusal, Alert? Alert)
{
    public bool Closed => Refusal == CloseAlertRefusal.None;
}

public static class CloseAlertHandler
{
    public const int MaxActionLength = 500;

    /// <summary>
    /// Closes the alert in the tracked context without saving: the caller saves it together with its audit
    /// record, so a close is never stored without one.
    /// </summary>
    public static async Task<CloseAlertOutcome> HandleAsync(DoudiDb db, CloseAlert command, DateTimeOffset at, CancellationToken ct = default)
    {
        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == command.Id, ct);
        if (alert is null) return new(CloseAlertRefusal.NotFound, null);
        var action = command.Action?.Trim();
        var refusal = alert.Status != AlertStatus.Open ? CloseAlertRefusal.AlreadyClosed
            : string.IsNullOrEmpty(command.Finding) || !AlertStatus.Findings.Contains(command.Finding) ? CloseAlertRefusal.MissingFinding
            : string.IsNullOrEmpty(action) ? CloseAlertRefusal.MissingAction
            : action.Length > MaxActionLength ? CloseAlertRefusal.ActionTooLong
            : CloseAlertRefusal.None;
        if (refusal == CloseAlertRefusal.None) alert.Close(command.Finding!, action!, command.By, at);
        return new(refusal, alert);
    }

    /// <summary>
    /// Saves a close through <paramref name="save"/> (which commits it with its audit record). The alert's status
    /// is a concurrency token: when another close was committed first, nothing of this one is stored, the
    /// context is cleared and the outcome is <see cref="CloseAlertRefusal.Conflict"/>.
    /// </summary>
    public static async Task<CloseAlertOutcome> CommitAsync(DoudiDb db, CloseAlertOutcome outcome, Func<Task> save)
    {
        if (!outcome.Closed) return outcome;
        try
        {
            await save();
            return outcome;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return outcome with { Refusal = CloseAlertRefusal.Conflict };
        }
    }
}
