using System.Globalization;
using System.Runtime.CompilerServices;

namespace Doudi.Eligibility;

/// <summary>
/// The text of a reason, written by a rule as an ordinary interpolated string
/// (<c>d.Because($"人均 {Text.Yuan(x)} 元")</c>). The compiler hands it to this handler, which asks the
/// determination whether it explains: if not, none of the holes is evaluated and nothing is formatted, so
/// the same rule code serves the fast path (amounts only) and the explained path (every reason and figure).
/// Numbers are formatted with the invariant culture.
/// </summary>
[InterpolatedStringHandler]
public ref struct ReasonText
{
    private DefaultInterpolatedStringHandler _text;

    public ReasonText(int literalLength, int formattedCount, Determination d, out bool explains)
    {
        explains = d.Explains;
        _text = explains ? new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.InvariantCulture) : default;
    }

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted(string? value) => _text.AppendFormatted(value);

    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);

    internal string ToStringAndClear() => _text.ToStringAndClear();
}
