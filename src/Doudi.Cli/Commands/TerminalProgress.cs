using System.Diagnostics;
using System.Globalization;
using Doudi.Registry.Import;

namespace Doudi.Cli.Commands;

/// <summary>
/// Progress of a long command on stderr, redrawn in place at most four times a second: phase, rows done,
/// rate. Silent when stderr is not a terminal, so logs and pipes get only the summary.
/// </summary>
internal sealed class TerminalProgress : IProgress<ImportProgress>, IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private TimeSpan _lastDrawn = TimeSpan.MinValue;
    private string? _phase;
    private TimeSpan _phaseStart;
    private bool _drawn;

    public static TerminalProgress? ForStderr() => Console.IsErrorRedirected ? null : new TerminalProgress();

    public void Report(ImportProgress value)
    {
        lock (_gate)
        {
            var now = _clock.Elapsed;
            if (value.Phase != _phase) { _phase = value.Phase; _phaseStart = now; }
            else if (now - _lastDrawn < TimeSpan.FromMilliseconds(250)) return;
            _lastDrawn = now;
            var seconds = Math.Max((now - _phaseStart).TotalSeconds, 0.001);
            var rate = value.Done / seconds;
            var line = string.Create(CultureInfo.InvariantCulture, $"{value.Phase}: {value.Done:N0} rows, {rate:N0} rows/s, {now.TotalSeconds:0.0} s");
            if (value.Total is { } total && value.Done > 0 && rate > 0)
                line += string.Create(CultureInfo.InvariantCulture, $", about {(total - value.Done) / rate:0} s left");
            Console.Error.Write("\r" + line.PadRight(70));
            _drawn = true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_drawn) Console.Error.Write("\r" + new string(' ', 70) + "\r");
            _drawn = false;
        }
    }
}
