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

    public async Task<IReadOnlyList<RuleCount>> ApplyAsync(IReadOnlyList<Hit> hits, MonitoringMonth month, DateOnly runDate,
        MonitoringParameters parameters, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.IsPostgres) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RunLock})", ct);
        var bulk = BulkWriter.For(db);
        var existing = await Existing(bulk, ct);
        var dueOn = workingDays.AddWorkingDays(runDate, parameters.DueWorkingDays);
        var counts = Rules.All.ToDictionary(r => r.Rule, r => (Matched: 0, Raised: 0, Updated: 0));
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

        var before = Convert.ToInt64(await bulk.ScalarAsync("SELECT COALESCE(MAX(\"Id\"), 0) FROM \"alerts\"", ct) ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        await bulk.InsertAsync("alerts",
            ["Rule", "IdNumber", "HouseholdId", "HouseholdNo", "County", "Township", "Severity", "Month", "DetectedOn", "DueOn", "Status"],
            newAlerts.Select(h => (object?[])[h.Rule, h.IdNumber, h.Member?.HouseholdId, h.HouseholdNo, h.County, h.Member?.Township ?? "",
                Rules.Severity(h.Rule), month.Text, runDate, dueOn, AlertStatus.Open]), ct);
        var ids = (await bulk.QueryAsync("SELECT \"Id\", \"Rule\", \"IdNumber\", \"HouseholdNo\" FROM \"alerts\" WHERE \"Id\" > @p0",
            r => (Id: r.GetInt64(0), Key: (r.GetString(1), r.GetString(2), r.GetString(3))), ct, before)).ToDictionary(a => a.Key, a => a.Id);
        foreach (var hit in newAlerts)
        {
            var id = ids[(hit.Rule, hit.IdNumber, hit.HouseholdNo)];
            foreach (var e in hit.Evidence) newEvidence.Add([id, e.Key, e.Text, month.Text]);
        }
        await bulk.InsertAsync("alert_evidence", ["AlertId", "Key", "Text", "Month"], newEvidence, ct);
        await transaction.CommitAsync(ct);
        return Rules.All.Select(r => new RuleCount(r.Rule, counts[r.Rule].Matched, counts[r.Rule].Raised, counts[r.Rule].Updated)).ToList();
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
