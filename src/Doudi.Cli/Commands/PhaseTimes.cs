using System.Diagnostics;
using System.Globalization;
using Doudi.Registry.Import;

namespace Doudi.Cli.Commands;

/// <summary>
/// Notes when each phase of a long command starts (and passes every report on to the terminal's progress line),
/// so <c>--timings</c> can print where the time went.
/// </summary>
internal sealed class PhaseTimes(IProgress<ImportProgress>? inner) : IProgress<ImportProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Phase, TimeSpan Start)> _starts = [];

    public void Report(ImportProgress value)
    {
        lock (_starts)
        {
            if (_starts.Count == 0 || _starts[^1].Phase != value.Phase) _starts.Add((value.Phase, _clock.Elapsed));
        }
        inner?.Report(value);
    }

    /// <summary>One line: each phase and its wall time, in the order they ran.</summary>
    public string Summary()
    {
        var end = _clock.Elapsed;
        lock (_starts)
        {
            var parts = _starts.Select((s, i) => (s.Phase, Took: (i + 1 < _starts.Count ? _starts[i + 1].Start : end) - s.Start));
            return "timings: " + string.Join(", ", parts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Phase} {p.Took.TotalSeconds:0.00} s")));
        }
    }
}
