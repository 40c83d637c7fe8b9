using System.Diagnostics;
using System.Globalization;
using Doudi.Monitoring.Discover;
using Doudi.Persistence;

namespace Doudi.Bench;

/// <summary>
/// <c>--discover FILE.db [--scope PREFIX] [--repeat N]</c>: times the 政策找人 handler on an existing SQLite
/// database (copy one: the handler only reads, but keep the original untouched), as the page calls it for a
/// user whose region is PREFIX (empty: province). Run <c>doudi eligibility recompute</c> on it first, or the
/// list holds the alert signals only.
/// </summary>
internal static class DiscoverBench
{
    public static async Task RunAsync(string path, string scope, int repeat)
    {
        var location = new DatabaseLocation(path, null);
        for (var i = 0; i < repeat; i++)
        {
            var clock = Stopwatch.StartNew();
            await using var db = location.Open();
            db.ScopePrefix = scope;
            var result = await new DiscoverCandidatesHandler().Handle(db, new DiscoverCandidates(), CancellationToken.None);
            var engine = result.Candidates.Count(c => c.EngineDate is not null);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"discover (scope '{scope}'): {clock.Elapsed.TotalSeconds:0.00} s, {result.Candidates.Count} rows ({engine} with an engine signal), "
                + $"latest run {result.LatestRun?.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none"}, "
                + $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MiB, digest {Digest(result.Candidates)}"));
        }
    }

    /// <summary>A digest of the list (order, household, program, score, amount, people, signals) to compare two builds.</summary>
    private static string Digest(IEnumerable<Candidate> list) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(string.Join("\n", list.Select(c => string.Join("|", c.HouseholdNo, c.Program, c.Score,
            c.MonthlyAmount?.ToString("0.00", CultureInfo.InvariantCulture), string.Join(",", c.IdNumbers), string.Join(",", c.Signals)))))))[..12];
}
