using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using Doudi.Eligibility;
using Doudi.Eligibility.Recompute;
using Doudi.Persistence;
using Doudi.Policy;
using Doudi.Registry.Demo;
using Doudi.Registry.Import;

namespace Doudi.Bench;

/// <summary>
/// <c>--recompute N</c>: times the whole-registry evaluation of N demo households (the in-memory step the
/// target is about: build situations, evaluate, compare, trace the changes; parallel over the cores), then
/// the baseline (the same households one at a time through the single-situation JSON path, on a sample),
/// and with <c>--db</c> also the real <c>eligibility recompute</c> run against an imported database
/// (load + evaluate, then store, timed separately).
/// </summary>
internal static class RecomputeBench
{
    private static readonly DateOnly On = new(2026, 6, 1);

    public static async Task RunAsync(int n, bool withDatabase, int baselineSample)
    {
        var region = DemoRegion.Generate(new DemoOptions(n, Seed: 7, AsOf: new DateOnly(2026, 10, 31)));
        var households = new List<RegistryHousehold>(n);
        long id = 0, memberId = 0;
        foreach (var h in region.Households)
        {
            var members = h.Members.Select(m => new RegistryMember(++memberId, m.IdNumber, m.Sex, m.BirthDate, m.DisabilityCategory, m.DisabilityGrade,
                m.SeriousIllness, m.CountedIncome, m.FullTimeStudent, m.Childless, false, m.SpecialOutpatient, m.UnableToWorkCertified,
                m.AdlUnable, m.Supporter, m.Parent1, m.Parent2, "scattered", string.Join(';', m.Programs))).ToList();
            households.Add(new RegistryHousehold(++id, h.HouseholdNo, region.County.Code, h.Area, h.Program, h.MonthlyAmount,
                h.FinancialAssets, h.ResidentialProperties, 0, h.Vehicles, 0, h.RigidSpending12m, 12 * h.CountedIncome, members));
        }
        var people = households.Sum(h => h.Members.Count);
        string? work = null;
        if (withDatabase)
        {
            work = Directory.CreateTempSubdirectory("doudi-bench-").FullName;
            var files = DemoFiles.WriteAll(region, work);
            var location = new DatabaseLocation(Path.Combine(work, "bench.db"), null);
            await location.MigrateAsync();
            await using var db = location.Open();
            await new RegistryImportHandler(db, TimeProvider.System).Handle(
                new RegistryImportRequest(Doudi.Imports.ImportSource.FromFile(files[0]), Doudi.Imports.ImportSource.FromFile(files[1])), null, CancellationToken.None);
        }
        region = null;
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"data: {n} households, {people} members (demo generate seed 7), date {On:yyyy-MM-dd}, {Environment.ProcessorCount} cores"));
        var loaded = PeakMemory.Reset();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"loaded (held by the benchmark, not counted as the step's work): resident {loaded / 1048576.0:0} MiB, GC heap {GC.GetTotalMemory(false) / 1048576.0:0} MiB; peak while generating {PeakMemory.ProcessPeak / 1048576.0:0} MiB"));

        // The run's own step, in memory: batches of 8,192 households evaluated in parallel on the fast path
        // (amounts only) and compared with the enrolment, exactly as RecomputeRegistry does.
        var figures = new FigureCache(ParameterBook.Shipped);
        var engine = new EligibilityEngine(figures);
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        var gcBefore = GC.CollectionCount(0);
        var clock = Stopwatch.StartNew();
        long evaluated = 0, incomplete = 0;
        var changed = new List<Situation>();
        var outcome = new int[RecomputeRegistry.BatchSize];
        var built = new Situation?[RecomputeRegistry.BatchSize];
        for (var start = 0; start < households.Count; start += RecomputeRegistry.BatchSize)
        {
            var count = Math.Min(RecomputeRegistry.BatchSize, households.Count - start);
            Parallel.For(0, count, i =>
            {
                var h = households[start + i];
                var situation = RegistrySituations.Build(h, On, figures).Situation;
                built[i] = situation;
                if (situation is null)
                {
                    outcome[i] = 0;
                    return;
                }
                var e = engine.Evaluate(situation, explain: false);
                var change = HouseholdDecision.Current(h).ChangeTo(HouseholdDecision.From(e, situation.Members.Count));
                outcome[i] = change is null ? 1 : 2;
            });
            for (var i = 0; i < count; i++)
            {
                if (outcome[i] == 0) incomplete++;
                else evaluated++;
                if (outcome[i] == 2) changed.Add(built[i]!);
            }
        }
        var elapsed = clock.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - before;
        var stepPeak = PeakMemory.Resident;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"evaluate (fast path, parallel, in memory): {elapsed.TotalSeconds:0.00} s, CPU {cpu.TotalSeconds:0.00} s, {GC.CollectionCount(0) - gcBefore} gen0 GCs; evaluated {evaluated}, incomplete {incomplete}, changed {changed.Count}; {1e6 * elapsed.TotalSeconds / n:0.0} µs/household; peak resident during the step {stepPeak / 1048576.0:0} MiB"));

        // What storing adds before the insert: each changed household explained again and its trace written.
        PeakMemory.Reset();
        before = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        long traceChars = 0;
        const int chunk = 1024;
        var traces = new string[chunk];
        for (var start = 0; start < changed.Count; start += chunk)
        {
            var count = Math.Min(chunk, changed.Count - start);
            Parallel.For(0, count, i => traces[i] = RecomputeRegistry.Trace(engine.Evaluate(changed[start + i])));
            for (var i = 0; i < count; i++) traceChars += traces[i].Length;
        }
        cpu = Process.GetCurrentProcess().TotalProcessorTime - before;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"explain the {changed.Count} changes and write their traces (part of storing, parallel): {clock.Elapsed.TotalSeconds:0.00} s, CPU {cpu.TotalSeconds:0.00} s, {traceChars / 1048576.0:0} M chars; peak resident during it {PeakMemory.Resident / 1048576.0:0} MiB"));
        PeakMemory.Reset();
        changed.Clear();

        // Where one household's time goes (one thread, the baseline sample).
        {
            var part = households.Take(baselineSample).ToList();
            var t = new CpuClock();
            var situations = part.Select(h => RegistrySituations.Build(h, On, figures).Situation).ToList();
            var buildTime = t.Elapsed;
            t.Restart();
            var fast = situations.Select(x => x is null ? null : engine.Evaluate(x, explain: false)).ToList();
            var fastTime = t.Elapsed;
            t.Restart();
            var evaluations = situations.Select(x => x is null ? null : engine.Evaluate(x)).ToList();
            var evalTime = t.Elapsed;
            t.Restart();
            var decisions = part.Select((h, i) => evaluations[i] is null ? null : HouseholdDecision.Current(h).ChangeTo(HouseholdDecision.From(fast[i]!, situations[i]!.Members.Count))).ToList();
            var compareTime = t.Elapsed;
            t.Restart();
            var traced = evaluations.Where(x => x is not null).Select(x => RecomputeRegistry.Trace(x!).Length).Sum();
            var traceTime = t.Elapsed;
            double Us(TimeSpan x) => 1e6 * x.TotalSeconds / part.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"per household, one thread, CPU time: build {Us(buildTime):0.0} µs, evaluate fast {Us(fastTime):0.0} µs (explained {Us(evalTime):0.0} µs), compare {Us(compareTime):0.0} µs, trace (if changed) {Us(traceTime):0.0} µs ({traced / part.Count} chars)"));
            GC.KeepAlive(decisions);
        }

        // Baseline: one at a time through the single-situation JSON path (JSON in, checked, evaluated, JSON out).
        var handler = new EvaluateSituationHandler(new EligibilityEngine(ParameterBook.Shipped));
        var sample = households.Take(baselineSample).Select(h => RegistrySituations.Build(h, On, figures).Situation).Where(s => s is not null).ToList();
        clock.Restart();
        var baselineCpu = new CpuClock();
        foreach (var s in sample)
        {
            var one = handler.Handle(ToJson(s!));
            _ = EvaluationWriter.ToUtf8(one.Evaluation!);
        }
        var perOne = clock.Elapsed.TotalSeconds / sample.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"baseline (one at a time, JSON path, one thread): {sample.Count} households in {clock.Elapsed.TotalSeconds:0.00} s (CPU {baselineCpu.Elapsed.TotalSeconds:0.00} s) = {1e6 * perOne:0.0} µs/household → {perOne * n:0.0} s for {n} (CPU {baselineCpu.Elapsed.TotalSeconds / sample.Count * n:0.0} s)"));

        if (work is not null)
        {
            households.Clear();
            GC.Collect();
            var location = new DatabaseLocation(Path.Combine(work, "bench.db"), null);
            await using var db = location.Open();
            var report = await new RecomputeRegistry(ParameterBook.Shipped, TimeProvider.System).RunAsync(db, On, "bench");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"eligibility recompute on SQLite: load + evaluate {report.EvaluationTime.TotalSeconds:0.00} s, store {report.Changes.Count} changes {report.StoreTime.TotalSeconds:0.00} s"));
            Directory.Delete(work, recursive: true);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak resident during the breakdown, the baseline{(work is null ? "" : " and the SQLite run")}: {PeakMemory.Resident / 1048576.0:0} MiB"));
    }

    private static byte[] ToJson(Situation s)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("date", s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("county", s.County);
            w.WriteString("area", s.Area == Area.Rural ? "rural" : "urban");
            w.WriteStartArray("members");
            foreach (var m in s.Members)
            {
                w.WriteStartObject();
                w.WriteString("key", m.Key);
                w.WriteString("sex", m.Sex == Doudi.Kernel.Sex.Female ? "female" : "male");
                w.WriteString("birth_date", m.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                if (m.Disability is { } d)
                {
                    w.WriteStartObject("disability");
                    w.WriteString("category", d.Category.ToString().ToLowerInvariant());
                    w.WriteNumber("grade", d.Grade);
                    w.WriteEndObject();
                }
                w.WriteBoolean("serious_illness", m.SeriousIllness);
                w.WriteBoolean("special_outpatient", m.SpecialOutpatient);
                w.WriteBoolean("full_time_student", m.FullTimeStudent);
                w.WriteBoolean("childless", m.Childless);
                w.WriteBoolean("unable_to_work_certified", m.UnableToWorkCertified);
                w.WriteNumber("adl_unable", m.AdlUnable);
                w.WriteString("supporter", m.Supporter.ToString().ToLowerInvariant());
                w.WriteStartObject("income");
                w.WriteNumber("wages", m.CountedIncome);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("assets");
            w.WriteNumber("financial", s.Assets.Financial);
            w.WriteNumber("residential_properties", s.Assets.ResidentialProperties);
            w.WriteNumber("vehicles", s.Assets.Vehicles);
            w.WriteEndObject();
            w.WriteNumber("rigid_spending_12m", s.RigidSpending12m);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>CPU time of the process (user + system) since the last restart: steadier than wall time on a loaded machine.</summary>
internal sealed class CpuClock
{
    private TimeSpan _start = Process.GetCurrentProcess().TotalProcessorTime;

    public TimeSpan Elapsed => Process.GetCurrentProcess().TotalProcessorTime - _start;

    public void Restart() => _start = Process.GetCurrentProcess().TotalProcessorTime;
}

/// <summary>
/// Peak resident memory (Linux VmHWM). <see cref="Reset"/> clears the high-water mark (clear_refs 5) so the
/// peak of one step can be read apart from the peak of generating the data; elsewhere it falls back to the
/// process's peak working set.
/// </summary>
internal static class PeakMemory
{
    public static long ProcessPeak { get; private set; }

    public static long Resident => Status("VmHWM:") ?? Process.GetCurrentProcess().PeakWorkingSet64;

    /// <summary>Clears the high-water mark; returns the resident size now.</summary>
    public static long Reset()
    {
        ProcessPeak = Math.Max(ProcessPeak, Resident);
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return Status("VmRSS:") ?? Environment.WorkingSet;
    }

    private static long? Status(string field)
    {
        if (!File.Exists("/proc/self/status")) return null;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
            var kb = line[field.Length..].Trim().Split(' ')[0];
            return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
        }
        return null;
    }
}
