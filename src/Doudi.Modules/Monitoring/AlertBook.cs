using Doudi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Monitoring;

/// <summary>What a run did for one rule.</summary>
public sealed record RuleCount(string Rule, int Matched, int Raised, int Updated);

/// <summary>
/// The alert life (monitoring-rules.md): an open alert for (rule, person, household) takes new evidence
/// instead of a second alert; a repeat run raises nothing; after closing, only unseen evidence raises anew.
/// </summary>
public sealed class AlertBook(DoudiDb db, IWorkingDays workingDays)
{
    public async Task<IReadOnlyList<RuleCount>> ApplyAsync(IReadOnlyList<Hit> hits, MonitoringMonth month, DateOnly runDate,
        MonitoringParameters parameters, CancellationToken ct)
    {
        var existing = (await db.Alerts.Include(a => a.Evidence).ToListAsync(ct))
            .ToLookup(a => (a.Rule, a.IdNumber, a.HouseholdNo));
        var dueOn = workingDays.AddWorkingDays(runDate, parameters.DueWorkingDays);
        var counts = Rules.All.ToDictionary(r => r.Rule, r => (Matched: 0, Raised: 0, Updated: 0));

        foreach (var hit in hits)
        {
            var c = counts[hit.Rule];
            c.Matched++;
            var alerts = existing[(hit.Rule, hit.IdNumber, hit.HouseholdNo)].ToList();
            var open = alerts.FirstOrDefault(a => a.Status == AlertStatus.Open);
            if (open is not null)
            {
                var seen = open.Evidence.Select(e => e.Key).ToHashSet();
                var added = hit.Evidence.Where(e => !seen.Contains(e.Key)).ToList();
                foreach (var e in added) open.Evidence.Add(new AlertEvidence { Key = e.Key, Text = e.Text, Month = month.Text });
                if (added.Count > 0) c.Updated++;
            }
            else
            {
                var seenBefore = alerts.SelectMany(a => a.Evidence).Select(e => e.Key).ToHashSet();
                if (hit.Evidence.Any(e => !seenBefore.Contains(e.Key)))
                {
                    db.Alerts.Add(new Alert
                    {
                        Rule = hit.Rule,
                        IdNumber = hit.IdNumber,
                        HouseholdId = hit.Member?.HouseholdId,
                        HouseholdNo = hit.HouseholdNo,
                        County = hit.County,
                        Township = hit.Member?.Township ?? "",
                        Severity = Rules.Severity(hit.Rule),
                        Month = month.Text,
                        DetectedOn = runDate,
                        DueOn = dueOn,
                        Evidence = hit.Evidence.Select(e => new AlertEvidence { Key = e.Key, Text = e.Text, Month = month.Text }).ToList(),
                    });
                    c.Raised++;
                }
            }
            counts[hit.Rule] = c;
        }
        await db.SaveChangesAsync(ct);
        return Rules.All.Select(r => new RuleCount(r.Rule, counts[r.Rule].Matched, counts[r.Rule].Raised, counts[r.Rule].Updated)).ToList();
    }
}
