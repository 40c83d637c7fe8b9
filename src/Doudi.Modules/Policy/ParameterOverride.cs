using System.Globalization;
using System.Text.RegularExpressions;

namespace Doudi.Policy;

/// <summary>
/// A changed figure for a simulation (<c>--set NAME=VALUE</c>): a number replaces the figure in force for
/// every scope; <c>+5%</c> / <c>-5%</c> scales each scope's own figure. Applied on top of a
/// <see cref="ParameterBook"/> for one run; nothing is stored.
/// </summary>
public sealed partial record ParameterOverride(ParameterDef Parameter, decimal? Value, decimal? Percent)
{
    public string Text => Value is { } v
        ? Parameter.Name + "=" + v.ToString(CultureInfo.InvariantCulture)
        : Parameter.Name + "=" + (Percent >= 0 ? "+" : "") + Percent!.Value.ToString(CultureInfo.InvariantCulture) + "%";

    /// <summary>Parses <c>NAME=VALUE</c>; on failure returns null and says why (with the valid names when the name is unknown).</summary>
    public static ParameterOverride? TryParse(string text, out string? error)
    {
        error = null;
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            error = $"--set {text}: expected NAME=VALUE (VALUE a number, or +5% / -5%)";
            return null;
        }
        var name = text[..eq].Trim();
        var value = text[(eq + 1)..].Trim();
        if (!Parameters.ByName.TryGetValue(name, out var def))
        {
            error = $"--set {text}: unknown parameter '{name}'; valid names: {string.Join(", ", Parameters.ByName.Keys.Order(StringComparer.Ordinal))}";
            return null;
        }
        var percent = PercentPattern().Match(value);
        if (percent.Success)
        {
            var p = decimal.Parse(percent.Groups[2].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            if (percent.Groups[1].Value == "-") p = -p;
            if (Units.IsInteger(def.Unit))
            {
                error = $"--set {text}: {name} is a whole number ({def.Unit}); give the new value instead of a percentage";
                return null;
            }
            if (p <= -100)
            {
                error = $"--set {text}: a figure cannot fall by 100% or more";
                return null;
            }
            return new ParameterOverride(def, null, p);
        }
        if (!NumberPattern().IsMatch(value) || !decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            error = $"--set {text}: '{value}' is neither a number nor a percentage such as +5% or -5%";
            return null;
        }
        string? wrong = null;
        if (Units.IsInteger(def.Unit) && number != decimal.Truncate(number)) wrong = $"must be a whole number ({def.Unit})";
        else if (def.Unit == Units.Class && number is < 1 or > 4) wrong = "an area class is 1 to 4";
        else if (def.Unit == Units.Rate && number > 1) wrong = "a rate is between 0 and 1 (write 0.20 for 20%)";
        if (wrong is not null)
        {
            error = $"--set {text}: {name} {wrong}";
            return null;
        }
        return new ParameterOverride(def, number, null);
    }

    /// <summary>The figure this override makes of one scope's figure.</summary>
    public decimal Apply(decimal figure)
    {
        if (Value is { } v) return v;
        var scaled = figure * (100m + Percent!.Value) / 100m;
        // Money figures are paid in fen; rates and multipliers keep four decimals.
        var decimals = Parameter.Unit is Units.YuanPerMonth or Units.YuanPerYear ? 2 : 4;
        return Math.Round(scaled, decimals, MidpointRounding.AwayFromZero);
    }

    [GeneratedRegex(@"^([+-])(\d+(?:\.\d+)?)%$", RegexOptions.CultureInvariant)]
    private static partial Regex PercentPattern();

    [GeneratedRegex(@"^\d+(?:\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
