using System.Globalization;
using YamlDotNet.Serialization;

namespace Doudi.Monitoring;

/// <summary>The monitoring thresholds in force on one day (policy/monitoring/thresholds.yaml).</summary>
public sealed record MonitoringParameters(
    DateOnly Since,
    string Reference,
    decimal MedicalOutOfPocket12m,
    int ResidentialPropertiesAllowed,
    int NonResidentialPropertiesAllowed,
    int SevereDisabilityAnyCategoryMaxGrade,
    int DueWorkingDays)
{
    private static readonly Lazy<IReadOnlyList<MonitoringParameters>> Shipped = new(LoadShipped);

    /// <summary>The shipped version in force on <paramref name="day"/>.</summary>
    public static MonitoringParameters InForce(DateOnly day) => InForce(Shipped.Value, day);

    public static MonitoringParameters InForce(IReadOnlyList<MonitoringParameters> versions, DateOnly day) =>
        versions.Where(v => v.Since <= day).OrderByDescending(v => v.Since).FirstOrDefault()
        ?? throw new InvalidOperationException($"no monitoring parameters in force on {day:yyyy-MM-dd}");

    private static IReadOnlyList<MonitoringParameters> LoadShipped()
    {
        using var stream = typeof(MonitoringParameters).Assembly.GetManifestResourceStream("monitoring/thresholds.yaml")
            ?? throw new InvalidOperationException("monitoring/thresholds.yaml is not embedded");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    public static IReadOnlyList<MonitoringParameters> Parse(string yaml)
    {
        var file = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(yaml);
        var values = (Dictionary<object, object>)file["values"];
        var result = new List<MonitoringParameters>();
        foreach (var (date, raw) in values)
        {
            var v = ((Dictionary<object, object>)raw).ToDictionary(p => (string)p.Key, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? "");
            result.Add(new MonitoringParameters(
                DateOnly.ParseExact((string)date, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                v.GetValueOrDefault("reference", ""),
                decimal.Parse(v["medical_out_of_pocket_12m"], CultureInfo.InvariantCulture),
                int.Parse(v["residential_properties_allowed"], CultureInfo.InvariantCulture),
                int.Parse(v["non_residential_properties_allowed"], CultureInfo.InvariantCulture),
                int.Parse(v["severe_disability_any_category_max_grade"], CultureInfo.InvariantCulture),
                int.Parse(v["due_working_days"], CultureInfo.InvariantCulture)));
        }
        return result;
    }
}
