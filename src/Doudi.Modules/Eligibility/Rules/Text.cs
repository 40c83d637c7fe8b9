using System.Globalization;
using Doudi.Kernel;

namespace Doudi.Eligibility.Rules;

/// <summary>How figures read in the reasons: money with two decimals, multipliers and rates plainly.</summary>
internal static class Text
{
    public static string Yuan(decimal v) => Money.Format(v);

    public static string Number(decimal v) => v.ToString("0.##########", CultureInfo.InvariantCulture);

    public static string Percent(decimal rate) => (rate * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public const string NoFigure = "no figure in force";
}
