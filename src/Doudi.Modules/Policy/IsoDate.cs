using System.Globalization;

namespace Doudi.Policy;

/// <summary>Dates in messages and output always read YYYY-MM-DD, whatever the machine's culture.</summary>
internal static class IsoDate
{
    public static string Iso(this DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
