using System.Text.Encodings.Web;
using System.Text.Json;
using Doudi.Imports;
using Doudi.Oversight;
using Doudi.Persistence;
using Doudi.Policy;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Eligibility.Recompute;

/// <summary>A household that could not be evaluated, and the facts never given.</summary>
public sealed record IncompleteHousehold(string HouseholdNo, string County, IReadOnlyList<string> Missing);

/// <summary>Counts for one county (or the whole run).</summary>
public sealed class RecomputeCounts
{
    public long Evaluated { get; set; }
    public long Incomplete { get; set; }
    public long Unchanged { get; set; }
    public long NewlyEligible { get; set; }
    public long NoLongerEligible { get; set; }
    public long ProgramChanged { get; set; }
    public long AmountChanged { get; set; }
    public long MemberProgramsChanged { get; set; }

    /// <summary>
    /// Unchanged households (counted in <see cref="Unchanged"/> too) whose last stored decision was a change this
    /// run no longer finds: stored again as <see cref="ChangeKinds.NoLongerDiffers"/>.
    /// </summary>
    public long NoLongerDiffers { get; set; }

    public void Add(RecomputeCounts o)
    {
        Evaluated += o.Evaluated;
        Incomplete += o.Incomplete;
        Unchanged += o.Unchanged;
        NewlyEligible += o.NewlyEligible;
        NoLongerEligible += o.NoLongerEligible;
        ProgramChanged += o.ProgramChanged;
        AmountChanged += o.AmountChanged;
        MemberProgramsChanged += o.MemberProgramsChanged;
        NoLongerDiffers += o.NoLongerDiffers;
    }

    public void Count(string? change)
    {
        Evaluated++;
        switch (change)
        {
            case null: Unchanged++; break;
            case ChangeKinds.NewlyEligible: NewlyEligible++; break;
            case ChangeKinds.NoLongerEligible: NoLongerEligible++; break;
            case ChangeKinds.ProgramChanged: ProgramChanged++; break;
            case ChangeKinds.AmountChanged: AmountChanged++; break;
            default: MemberProgramsChanged++; break;
        }
    }
}

public sealed record RecomputeReport(
    string RunId, DateOnly Date, SortedDictionary<string, RecomputeCounts> ByCounty, RecomputeCounts Total,
    IReadOnlyList<EligibilityDecision> Changes, IReadOnlyList<IncompleteHousehold> Incomplete,
    TimeSpan EvaluationTime, TimeSpan StoreTime)
{
    /// <summary>Changes found again whose decision was stored by an earlier run (not stored twice).</summary>
    public long AlreadyRecorded { get; init; }
}

/// <summary>No 低保 standard in force on the date for a county of the registry: bad input, nothing is stored.</summary>
public sealed class NoStandardException(string message) : Exception(message);

/// <summary>
/// <c>eligibility recompute</c>: streams the registry, evaluates every complete household (in parallel),
/// compares with the current enrolment and stores only the decisions that changed, each with its trace, in
/// one transaction with an audit record. A decision already stored for the household (same old and new
/// enrolment) is not stored again: a second run on unchanged data stores nothing ("already recorded").
/// A household that agrees with its enrolment again while its last stored decision was a change gets a
/// <see cref="ChangeKinds.NoLongerDiffers"/> row, so a household's last stored decision is the newest run's finding.
/// </summary>
public sealed class RecomputeRegistry(ParameterBook book, TimeProvider clock)
{
    public const int BatchSize = 8192;

    private static readonly JsonWriterOptions TraceOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<RecomputeReport> RunAsync(DoudiDb db, DateOnly date, string actor, bool store = true, CancellationToken ct = default)
    {
        var runId = Guid.NewGuid().ToString("D");
        var figures = new FigureCache(book);
        var engine = new EligibilityEngine(figures);
        var byCounty = new SortedDictionary<string, RecomputeCounts>(StringComparer.Ordinal);
        var changes = new List<EligibilityDecision>();
        var situations = new List<Situation>(); // of the changes, to explain them when storing
        var incomplete = new List<IncompleteHousehold>();
        var now = clock.GetUtcNow();
        var recorded = store ? await LatestDecisionsAsync(db, ct) : [];
        long alreadyRecorded = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // Reading is one thread; while it reads the next batch, the last one is evaluated on the cores.
        Task<Outcome[]>? evaluating = null;
        List<RegistryHousehold>? evaluatingBatch = null;
        await foreach (var batch in RegistrySituations.ReadAsync(db, BatchSize, ct))
        {
            var next = Task.Run(() => EvaluateBatch(batch, date, figures, engine, ct), ct);
            if (evaluating is not null) Collect(evaluatingBatch!, await evaluating);
            (evaluating, evaluatingBatch) = (next, batch);
        }
        if (evaluating is not null) Collect(evaluatingBatch!, await evaluating);

        void Collect(List<RegistryHousehold> batch, Outcome[] results)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var h = batch[i];
                if (!byCounty.TryGetValue(h.County, out var counts)) byCounty[h.County] = counts = new RecomputeCounts();
                var r = results[i];
                if (r.Built.Situation is null)
                {
                    counts.Incomplete++;
                    incomplete.Add(new IncompleteHousehold(h.HouseholdNo, h.County, r.Built.Missing));
                    continue;
                }
                counts.Count(r.Change);
                var hasLast = recorded.TryGetValue(h.Id, out var last);
                string kind;
                if (r.Change is null)
                {
                    // The household agrees with its enrolment, but its last stored decision is a change this run no
                    // longer finds (its facts changed, not its enrolment): store that it agrees again, so that the
                    // last stored decision is always the newest run's finding (政策找人 reads it).
                    if (!hasLast || !last.Differs || last.New == r.New) continue;
                    kind = ChangeKinds.NoLongerDiffers;
                    counts.NoLongerDiffers++;
                }
                else if (hasLast && last.Key == Key(r.Old!, r.New!))
                {
                    alreadyRecorded++;
                    continue;
                }
                else
                {
                    kind = r.Change;
                }
                changes.Add(new EligibilityDecision
                {
                    RunId = runId,
                    HouseholdId = h.Id,
                    HouseholdNo = h.HouseholdNo,
                    CountyCode = h.County,
                    Date = date,
                    ChangeKind = kind,
                    OldProgram = r.Old!.Program,
                    OldAmount = r.Old.Amount,
                    NewProgram = r.New!.Program,
                    NewAmount = r.New.Amount,
                    OldMemberPrograms = r.Old.MemberPrograms,
                    NewMemberPrograms = r.New.MemberPrograms,
                    Trace = "", // written when stored (see Rows)
                    CreatedAt = now,
                });
                situations.Add(r.Built.Situation);
            }
        }

        var evaluationTime = watch.Elapsed;
        var total = new RecomputeCounts();
        foreach (var c in byCounty.Values) total.Add(c);

        watch.Restart();
        if (store)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var bulk = BulkWriter.For(db);
            await bulk.InsertAsync("eligibility_decisions",
                ["RunId", "HouseholdId", "HouseholdNo", "CountyCode", "Date", "ChangeKind", "OldProgram", "OldAmount", "NewProgram",
                 "NewAmount", "OldMemberPrograms", "NewMemberPrograms", "Trace", "CreatedAt"],
                Rows(changes, situations, engine), ct);
            await new AuditTrail(clock).AppendAsync(db, new AuditEntry(actor, AuditActions.EligibilityRecompute, "run:" + runId,
                Summary(date, total, changes.Count), "command line"), ct);
            await transaction.CommitAsync(ct);
        }
        return new RecomputeReport(runId, date, byCounty, total, changes, incomplete, evaluationTime, watch.Elapsed) { AlreadyRecorded = alreadyRecorded };
    }

    private readonly record struct Outcome(RegistrySituation Built, string? Change, HouseholdDecision? Old, HouseholdDecision? New);

    /// <summary>Builds, evaluates on the fast path (amounts only) and compares one batch, in parallel.</summary>
    private static Outcome[] EvaluateBatch(List<RegistryHousehold> batch, DateOnly date, FigureCache figures, EligibilityEngine engine, CancellationToken ct)
    {
        var results = new Outcome[batch.Count];
        try
        {
            Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = ct }, i =>
            {
                var h = batch[i];
                var built = RegistrySituations.Build(h, date, figures);
                if (built.Situation is null)
                {
                    results[i] = new Outcome(built, null, null, null);
                    return;
                }
                // The changed households are explained again when stored (Rows).
                var evaluation = Evaluate(engine, built.Situation, explain: false);
                var old = HouseholdDecision.Current(h);
                var next = HouseholdDecision.From(evaluation, built.Situation.Members.Count);
                results[i] = new Outcome(built, old.ChangeTo(next), old, next);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<NoStandardException>().FirstOrDefault() is { } first)
        {
            throw first;
        }
        return results;
    }

    private const int TraceChunk = 1024;

    /// <summary>
    /// The rows to store, each with its trace: the household is evaluated again with reasons, and its trace
    /// written, a chunk at a time in parallel while the previous chunk is being inserted. Traces are never
    /// all held at once (about 10 KB each), so storing a third of a million-household registry fits in memory.
    /// </summary>
    private static IEnumerable<object?[]> Rows(List<EligibilityDecision> changes, List<Situation> situations, EligibilityEngine engine)
    {
        Task<string[]> TracesFrom(int start) => Task.Run(() =>
        {
            var traces = new string[Math.Min(TraceChunk, changes.Count - start)];
            Parallel.For(0, traces.Length, i => traces[i] = Trace(engine.Evaluate(situations[start + i])));
            return traces;
        });

        var next = changes.Count > 0 ? TracesFrom(0) : null;
        for (var start = 0; start < changes.Count; start += TraceChunk)
        {
            var traces = next!.GetAwaiter().GetResult();
            next = start + TraceChunk < changes.Count ? TracesFrom(start + TraceChunk) : null;
            for (var i = 0; i < traces.Length; i++)
            {
                var d = changes[start + i];
                yield return
                [
                    d.RunId, d.HouseholdId, d.HouseholdNo, d.CountyCode, d.Date, d.ChangeKind, d.OldProgram, d.OldAmount, d.NewProgram,
                    d.NewAmount, d.OldMemberPrograms, d.NewMemberPrograms, traces[i], d.CreatedAt,
                ];
            }
        }
    }

    private static string Key(HouseholdDecision old, HouseholdDecision next) => string.Join('\u001f',
        old.Program, old.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), old.MemberPrograms,
        next.Program, next.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), next.MemberPrograms);

    /// <summary>A household's last stored decision: its comparison key, the new decision, and whether it was a change.</summary>
    private readonly record struct Recorded(string Key, HouseholdDecision New, bool Differs);

    /// <summary>The last stored decision of each household that has one.</summary>
    private static async Task<Dictionary<long, Recorded>> LatestDecisionsAsync(DoudiDb db, CancellationToken ct)
    {
        var latest = new Dictionary<long, Recorded>();
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"HouseholdId\", \"OldProgram\", \"OldAmount\", \"OldMemberPrograms\", \"NewProgram\", \"NewAmount\", "
                + "\"NewMemberPrograms\" FROM \"eligibility_decisions\" ORDER BY \"Id\"";
            await using var r = await command.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var old = new HouseholdDecision(r.GetString(1), r.GetDecimal(2), r.GetString(3));
                var next = new HouseholdDecision(r.GetString(4), r.GetDecimal(5), r.GetString(6));
                latest[r.GetInt64(0)] = new Recorded(Key(old, next), next, old.ChangeTo(next) is not null);
            }
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
        return latest;
    }

    public static string Summary(DateOnly date, RecomputeCounts t, long stored) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"date {date.Iso()}: evaluated {t.Evaluated}, incomplete {t.Incomplete}, unchanged {t.Unchanged}, newly eligible {t.NewlyEligible}, "
        + $"no longer eligible {t.NoLongerEligible}, program changed {t.ProgramChanged}, amount changed {t.AmountChanged}, "
        + $"member programs changed {t.MemberProgramsChanged}; stored {stored} changed decisions");

    /// <summary>The assessment date a <see cref="Summary"/> names (the run's audit record), or null.</summary>
    public static DateOnly? DateOf(string? summary) =>
        summary is { Length: >= 15 } && summary.StartsWith("date ", StringComparison.Ordinal)
        && DateOnly.TryParseExact(summary.AsSpan(5, 10), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var date) ? date : null;

    internal static Evaluation Evaluate(EligibilityEngine engine, Situation s, bool explain)
    {
        try
        {
            return engine.Evaluate(s, explain);
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("no 低保 standard", StringComparison.Ordinal))
        {
            throw new NoStandardException(e.Message);
        }
    }

    public static string Trace(Evaluation e)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, TraceOptions)) EvaluationWriter.Write(w, e);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
