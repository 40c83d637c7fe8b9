using System.Threading.Channels;
using Doudi.Imports;
using Doudi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Monitoring;

/// <summary>What a run did for one rule.</summary>
public sealed record RuleCount(string Rule, int Matched, int Raised, int Updated);

/// <summary>
/// The alert life (monitoring-rules.md): an open alert for (rule, person, household) takes new evidence
/// instead of a second alert; a repeat run raises nothing; after closing, only unseen evidence raises anew.
/// A run's alerts and evidence are written in one transaction with the bulk writer: a province-wide first run
/// raises hundreds of thousands of them.
/// </summary>
public sealed class AlertBook(DoudiDb db, IWorkingDays workingDays)
{
    // "DoudiMon" in ASCII: monitoring runs take turns on PostgreSQL (SQLite's write lock already serialises them).
    private const long RunLock = 0x446F7564694D6F6E;

    private sealed class Stored(long id, bool open)
    {
        public long Id { get; } = id;
        public bool Open { get; } = open;
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>
    /// Applies a run's hits as they arrive in parts (<see cref="IMonitoringEngine.FindAsync"/>) and commits once the
    /// reader completes; a reader completed with an error rolls everything back. The transaction starts with the
    /// first part, so the engine's registry read is not held up.
    /// </summary>
    public async Task<IReadOnlyList<RuleCount>> ApplyAsync(ChannelReader<IReadOnlyList<Hit>> parts, MonitoringMonth month, DateOnly runDate,
        MonitoringParameters parameters, CancellationToken ct)
    {
        var counts = Rules.All.ToDictionary(r => r.Rule, r => (Matched: 0, Raised: 0, Updated: 0));
        IReadOnlyList<RuleCount> Counted() =>
            Rules.All.Select(r => new RuleCount(r.Rule, counts[r.Rule].Matched, counts[r.Rule].Raised, counts[r.Rule].Updated)).ToList();
        if (!await parts.WaitToReadAsync(ct)) return Counted();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.IsPostgres) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RunLock})", ct);
        // A 32 MB cache rather than the imports' 256 MB: the pages are written to the log while the engine still runs,
        // not all at the commit (full size: the writing left after the engine 4.3-5.0 -> 2.7-3.0 s, docs/benchmarks.md).
        var bulk = BulkWriter.For(db, cacheMiB: 32);
        var existing = await Existing(bulk, ct);
        var dueOn = workingDays.AddWorkingDays(runDate, parameters.DueWorkingDays);
        // An engine gives each (rule, person, household) in one part only: a part's new alerts are not in `existing`.
        var raised = new HashSet<(string, string, string)>();
        await foreach (var hits in parts.ReadAllAsync(ct))
        {
            if (hits.FirstOrDefault(h => raised.Contains((h.Rule, h.IdNumber, h.HouseholdNo))) is { } again)
                throw new InvalidOperationException($"{again.Rule} {again.IdNumber} {again.HouseholdNo} came in two parts of one run");
            foreach (var key in await ApplyPart(bulk, existing, counts, hits, month, runDate, dueOn, ct))
            {
                if (!raised.Add(key)) throw new InvalidOperationException($"{key.Item1} {key.Item2} {key.Item3} came twice in one part of a run");
            }
        }
        await transaction.CommitAsync(ct);
        return Counted();
    }

    /// <summary>Applies one part's hits; the keys of the alerts it raised.</summary>
    private static async Task<IEnumerable<(string, string, string)>> ApplyPart(BulkWriter bulk, Dictionary<(string, string, string), List<Stored>> existing,
        Dictionary<string, (int Matched, int Raised, int Updated)> counts, IReadOnlyList<Hit> hits, MonitoringMonth month, DateOnly runDate,
        DateOnly dueOn, CancellationToken ct)
    {
        var newAlerts = new List<Hit>();
        var newEvidence = new List<object?[]>();
        foreach (var hit in hits)
        {
            var c = counts[hit.Rule];
            c.Matched++;
            var alerts = existing.TryGetValue((hit.Rule, hit.IdNumber, hit.HouseholdNo), out var found) ? found : [];
            var open = alerts.FirstOrDefault(a => a.Open);
            if (open is not null)
            {
                var added = hit.Evidence.Where(e => open.Keys.Add(e.Key)).ToList();
                foreach (var e in added) newEvidence.Add([open.Id, e.Key, e.Text, month.Text]);
                if (added.Count > 0) c.Updated++;
            }
            else if (hit.Evidence.Any(e => !alerts.Any(a => a.Keys.Contains(e.Key))))
            {
                newAlerts.Add(hit);
                c.Raised++;
            }
            counts[hit.Rule] = c;
        }

        string[] columns = ["Rule", "IdNumber", "HouseholdId", "HouseholdNo", "County", "Township", "Severity", "Month", "DetectedOn", "DueOn", "Status"];
        var rows = newAlerts.Select(h => (object?[])[h.Rule, h.IdNumber, h.Member?.HouseholdId, h.HouseholdNo, h.County, h.Member?.Township ?? "",
            Rules.Severity(h.Rule), month.Text, runDate, dueOn, AlertStatus.Open]);
        List<long> ids;
        if (bulk.TellsIds)
        {
            ids = new List<long>(newAlerts.Count);
            await bulk.InsertAsync("alerts", columns, rows, ids, ct);
        }
        else
        {
            // The new alerts are read back by their keys (an engine gives each key once per run).
            var before = Convert.ToInt64(await bulk.ScalarAsync("SELECT COALESCE(MAX(\"Id\"), 0) FROM \"alerts\"", ct) ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
            await bulk.InsertAsync("alerts", columns, rows, ct);
            var byKey = (await bulk.QueryAsync("SELECT \"Id\", \"Rule\", \"IdNumber\", \"HouseholdNo\" FROM \"alerts\" WHERE \"Id\" > @p0",
                r => (Id: r.GetInt64(0), Key: (r.GetString(1), r.GetString(2), r.GetString(3))), ct, before)).ToDictionary(a => a.Key, a => a.Id);
            ids = newAlerts.Select(h => byKey[(h.Rule, h.IdNumber, h.HouseholdNo)]).ToList();
        }
        for (var i = 0; i < newAlerts.Count; i++)
        {
            foreach (var e in newAlerts[i].Evidence) newEvidence.Add([ids[i], e.Key, e.Text, month.Text]);
        }
        await bulk.InsertAsync("alert_evidence", ["AlertId", "Key", "Text", "Month"], newEvidence, ct);
        return newAlerts.Select(h => (h.Rule, h.IdNumber, h.HouseholdNo));
    }

    /// <summary>Every stored alert by (rule, person, household), with the evidence keys it holds.</summary>
    private static async Task<Dictionary<(string, string, string), List<Stored>>> Existing(BulkWriter bulk, CancellationToken ct)
    {
        var byId = new Dictionary<long, Stored>();
        var byKey = new Dictionary<(string, string, string), List<Stored>>();
        foreach (var (key, alert) in await bulk.QueryAsync("SELECT \"Id\", \"Rule\", \"IdNumber\", \"HouseholdNo\", \"Status\" FROM \"alerts\"",
            r => (Key: (r.GetString(1), r.GetString(2), r.GetString(3)), Alert: new Stored(r.GetInt64(0), r.GetString(4) == AlertStatus.Open)), ct))
        {
            byId[alert.Id] = alert;
            if (!byKey.TryGetValue(key, out var list)) byKey[key] = list = [];
            list.Add(alert);
        }
        foreach (var (alertId, key) in await bulk.QueryAsync("SELECT \"AlertId\", \"Key\" FROM \"alert_evidence\"", r => (r.GetInt64(0), r.GetString(1)), ct))
            byId[alertId].Keys.Add(key);
        return byKey;
    }
}
