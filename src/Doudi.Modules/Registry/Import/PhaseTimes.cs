using System.Diagnostics;
using System.Globalization;

namespace Doudi.Registry.Import;

/// <summary>
/// Notes when each phase of a long job starts (and passes every report on, e.g. to the terminal's progress line),
/// so a command's <c>--timings</c> or a benchmark can print where the time went.
/// </summary>
public sealed class PhaseTimes(IProgress<ImportProgress>? inner = null) : IProgress<ImportProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Phase, TimeSpan Start, TimeSpan Cpu)> _starts = [];

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    public void Report(ImportProgress value)
    {
        lock (_starts)
        {
            if (_starts.Count == 0 || _starts[^1].Phase != value.Phase) _starts.Add((value.Phase, _clock.Elapsed, Cpu()));
        }
        inner?.Report(value);
    }

    /// <summary>One line: each phase with its wall time and the process's CPU time (all threads) in it, in the order they ran.</summary>
    public string Summary()
    {
        var (end, cpu) = (_clock.Elapsed, Cpu());
        lock (_starts)
        {
            var parts = _starts.Select((s, i) => (s.Phase,
                Wall: (i + 1 < _starts.Count ? _starts[i + 1].Start : end) - s.Start,
                Cpu: (i + 1 < _starts.Count ? _starts[i + 1].Cpu : cpu) - s.Cpu));
            return "timings (wall/CPU): " + string.Join(", ", parts.Select(p =>
                string.Create(CultureInfo.InvariantCulture, $"{p.Phase} {p.Wall.TotalSeconds:0.00}/{p.Cpu.TotalSeconds:0.00} s"))) +
                string.Create(CultureInfo.InvariantCulture,
                    $"; garbage collection paused the process {GC.GetTotalPauseDuration().TotalSeconds:0.00} s ({GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} collections of generation 0/1/2, {GC.GetTotalAllocatedBytes() / 1e9:0.0} GB allocated)");
        }
    }
}
