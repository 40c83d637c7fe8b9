using System.Text;

namespace Doudi.Monitoring;

/// <summary>
/// Compares a feed row's name with the registry's: after NFKC, trimming, removing inner spaces and unifying
/// the middle dot of minority names (阿依古丽·买买提 written with ·, •, ・ or ．).
/// </summary>
public static class PersonName
{
    public static string Comparable(string name)
    {
        var text = name.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF') continue;
            builder.Append(c is '\u00B7' or '\u2022' or '\u2027' or '\u30FB' or '\uFF65' or '\u2219' or '\u22C5' or '.' or '\u318D' ? '\u00B7' : c);
        }
        return builder.ToString();
    }

    public static bool Differs(string registry, string feed) =>
        !string.Equals(registry, feed, StringComparison.Ordinal) && Comparable(registry) != Comparable(feed);
}
