using Doudi.Feeds;
using Doudi.Monitoring;
using Doudi.Persistence;
using Doudi.Policy;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Verification;

/// <summary>Verify one household's economic situation (家庭经济状况核对) on a date.</summary>
public sealed record VerifyHousehold(long HouseholdId, DateOnly Date);

/// <summary>
/// Builds a <see cref="VerificationReport"/>: the household and its members on the date from the caller's
/// <see cref="DoudiDb"/> (so the caller's region scope applies: a household outside it is not found), the
/// current feed rows about those members from the feed store, and the asset tests over them.
/// The feed store is opened read-only for the time of one query and closed before the report is built, so
/// a verification never keeps an import or a monitoring run (or another user) waiting (docs/adr/0003).
/// </summary>
public sealed class VerifyHouseholdHandler(FeedStore store, ParameterBook book, TimeProvider clock)
{
    /// <returns>The report, or null when the household does not exist or is outside the caller's scope.</returns>
    public async Task<VerificationReport?> Handle(DoudiDb db, VerifyHousehold command, CancellationToken ct)
    {
        var date = command.Date;
        var h = await db.Households.AsNoTracking().Include(x => x.Members).FirstOrDefaultAsync(x => x.Id == command.HouseholdId, ct);
        if (h is null) return null;
        var members = h.Members
            .Where(m => m.JoinedOn <= date && (m.LeftOn == null || m.LeftOn > date))
            .OrderBy(m => m.Relation == "head" ? 0 : 1).ThenBy(m => m.BirthDate).ThenBy(m => m.Id)
            .ToList();

        var kinds = FeedTypes.Names.ToList();
        var batches = await db.ImportBatches.AsNoTracking().Where(b => kinds.Contains(b.Kind))
            .Select(b => new { b.Id, b.Kind, b.ImportedAt }).ToListAsync(ct);
        var rows = await ReadRowsAsync(batches.Select(b => b.Id).ToList(), members.Select(m => m.IdNumber).Distinct().ToList(), ct);
        var relevant = rows.Where(r => FeedFacts.Relevant(r, date)).ToList();
        var byPerson = relevant.ToLookup(r => r.IdNumber);

        var memberReports = members.Select(m => new MemberReport(m.IdNumber, m.Name, m.Relation,
            [.. byPerson[m.IdNumber]
                .OrderBy(r => FeedTypes.All.ToList().IndexOf(r.Type)).ThenBy(r => r.Key, StringComparer.Ordinal)
                .Select(r =>
                {
                    var (counted, note) = FeedFacts.Counts(r, date);
                    return new FeedFinding(r.Type.Name, r.Key, FeedFacts.Describe(r), counted, note, PersonName.Differs(m.Name, r.Name));
                })])).ToList();

        var checks = new AssetChecks(book, h.CountyCode, h.Area == "rural" ? Area.Rural : Area.Urban, date);
        var counted = relevant.Where(r => FeedFacts.Counts(r, date).Counted).ToList();
        var imported = batches.Select(b => b.Kind).ToHashSet(StringComparer.Ordinal);
        var tests = checks.Run(counted, members.Count, imported.Contains);

        var coverage = FeedTypes.All.Select(t =>
        {
            var ofType = batches.Where(b => b.Kind == t.Name).ToList();
            return new FeedCoverage(t.Name, FeedFacts.FeedName(t.Name), ofType.Count,
                ofType.Count == 0 ? null : ofType.Max(b => b.ImportedAt), relevant.Count(r => r.Type == t));
        }).ToList();

        return new VerificationReport(h.Id, h.HouseholdNo, h.CountyCode, h.TownshipCode, h.Area, h.Program, date,
            clock.GetUtcNow(), coverage, memberReports, tests, checks.Used);
    }

    private async Task<List<FeedRow>> ReadRowsAsync(List<long> committed, List<string> idNumbers, CancellationToken ct)
    {
        var rows = new List<FeedRow>();
        if (committed.Count == 0 || idNumbers.Count == 0) return rows;
        await using var duck = await store.OpenAsync(write: false, ct: ct);
        await store.LoadCommitted(duck, committed, ct);
        await FeedStore.Execute(duck, "CREATE OR REPLACE TEMP TABLE wanted (id VARCHAR)", ct);
        using (var appender = duck.CreateAppender("temp", "main", "wanted"))
        {
            foreach (var id in idNumbers) appender.CreateRow().AppendValue(id).EndRow();
        }
        foreach (var type in FeedTypes.All)
        {
            await foreach (var row in FeedStore.ReadCurrentAboutWantedAsync(duck, type, ct)) rows.Add(row);
        }
        return rows;
    }
}
