using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Doudi.Policy;

namespace Doudi.Verification;

/// <summary>The outcome of one asset test: passes, fails, or cannot be checked (no data or no figure).</summary>
public enum Verdict
{
    Pass,
    Fail,
    NoData,
}

/// <summary>
/// A household economic verification (家庭经济状况核对) on a date: what every department feed says about each
/// member, and the asset tests of the rules applied to it, each with its verdict and a Chinese reason naming
/// the figures. A plain record: an application stores it as JSON (<see cref="ToJson"/>) as the snapshot of
/// what was known when it was decided, and reads it back with <see cref="FromJson"/>.
/// ID numbers are whole here (the snapshot must identify people); pages mask them.
/// </summary>
public sealed record VerificationReport(
    long HouseholdId,
    string HouseholdNo,
    string CountyCode,
    string TownshipCode,
    string Area,
    string Program,
    DateOnly Date,
    DateTimeOffset ProducedAt,
    IReadOnlyList<FeedCoverage> Feeds,
    IReadOnlyList<MemberReport> Members,
    IReadOnlyList<AssetTestResult> Tests,
    IReadOnlyList<Figure> Figures)
{
    /// <summary>Fails when any test fails; cannot be decided when none fails but one could not be checked.</summary>
    public Verdict Overall =>
        Tests.Any(t => t.Verdict == Verdict.Fail) ? Verdict.Fail
        : Tests.Any(t => t.Verdict == Verdict.NoData) ? Verdict.NoData
        : Verdict.Pass;

    public AssetTestResult Test(string code) => Tests.First(t => t.Code == code);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Chinese stays readable in the stored snapshot.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static VerificationReport FromJson(string json) =>
        JsonSerializer.Deserialize<VerificationReport>(json, Json) ?? throw new JsonException("empty verification report");

    public static string VerdictName(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "符合",
        Verdict.Fail => "不符合",
        _ => "无法核对",
    };
}

/// <summary>
/// One feed type as the report saw it: how many batches were on file (0 = never imported, so its tests cannot
/// be checked), when the latest was imported, and how many current rows concern the household's members.
/// </summary>
public sealed record FeedCoverage(string Feed, string Name, int Batches, DateTimeOffset? LatestImportAt, int Rows);

/// <summary>A member on the date and what the feeds say about them.</summary>
public sealed record MemberReport(string IdNumber, string Name, string Relation, IReadOnlyList<FeedFinding> Findings);

/// <summary>
/// One feed row about a member: its feed, natural key, a Chinese description, whether an asset test counted it
/// (with the reason when not), and whether the feed's name differs from the registry's.
/// </summary>
public sealed record FeedFinding(string Feed, string Key, string Text, bool Counted, string? Note, bool NameDiffers);

/// <summary>One asset test: its code, Chinese name, verdict, the measured value against the limit, and why.</summary>
public sealed record AssetTestResult(string Code, string Name, Verdict Verdict, decimal? Value, decimal? Limit, string Reason);

/// <summary>The asset tests of the rules (粤民规字〔2019〕9号), by code.</summary>
public static class AssetTests
{
    public const string Financial = "financial_assets";
    public const string Residential = "residential_properties";
    public const string NonResidential = "non_residential_properties";
    public const string Vehicles = "vehicles";
    public const string Businesses = "businesses";
}
