namespace Doudi.Kernel;

/// <summary>
/// Money is yuan in <see cref="decimal"/>. Intermediate values stay exact; a final amount is rounded once.
/// </summary>
public static class Money
{
    /// <summary>Half-up to the fen (分): 0.005 becomes 0.01.</summary>
    public static decimal RoundToFen(decimal yuan) => Math.Round(yuan, 2, MidpointRounding.AwayFromZero);

    /// <summary>Rounded up to the whole yuan, as 特困 basic living and care are.</summary>
    public static decimal CeilingToYuan(decimal yuan) => Math.Ceiling(yuan);

    public static string Format(decimal yuan) => RoundToFen(yuan).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
