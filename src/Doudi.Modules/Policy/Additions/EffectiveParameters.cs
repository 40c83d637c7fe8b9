using Doudi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Policy;

/// <summary>
/// The figures in force in one database: the shipped files plus the administrators' additions stored there.
/// The book is rebuilt only when the additions change: additions are append-only, so the highest id is the
/// version, checked with one small query per use. A figure added by any process (this web host, another
/// one, a command) is used from the next request on, without a restart.
/// </summary>
public sealed class EffectiveParameters(ParameterBook shipped)
{
    private sealed record Snapshot(long Version, ParameterBook Book);

    private volatile Snapshot _snapshot = new(0, shipped);

    public ParameterBook Shipped => shipped;

    /// <summary>
    /// The book in force. Stored additions that no longer fit the shipped files (a newer release shipped a
    /// figure for the same scope and date, or raised a floor above them) are an error naming each one, not
    /// something to guess around.
    /// </summary>
    public async Task<ParameterBook> GetAsync(DoudiDb db, CancellationToken ct = default)
    {
        var version = await db.ParameterAdditions.MaxAsync(a => (long?)a.Id, ct) ?? 0;
        var current = _snapshot;
        if (current.Version == version) return current.Book;
        var additions = await db.ParameterAdditions.AsNoTracking().Where(a => a.Id <= version).OrderBy(a => a.Id).ToListAsync(ct);
        var outcome = ParameterAdditions.Apply(shipped, additions);
        if (outcome.Book is null)
            throw new PolicyDataException([.. outcome.Problems.Select(p => "数据库中的政策参数新增记录与随版本发布的参数冲突：" + p.Message)]);
        _snapshot = new Snapshot(version, outcome.Book);
        return outcome.Book;
    }
}
