using Doudi.Feeds;
using Doudi.Monitoring;

namespace Doudi.Tests;

public class MonitoringUnitTests
{
    [Theory]
    [InlineData("张三", " 张 三 ", false)]
    [InlineData("阿依古丽·买买提", "阿依古丽•买买提", false)]
    [InlineData("阿依古丽·买买提", "阿依古丽・买买提", false)]
    [InlineData("ＡＢＣ", "ABC", false)]
    [InlineData("张三", "张叁", true)]
    public void Names_are_compared_after_nfkc_spaces_and_middle_dots(string registry, string feed, bool differs) =>
        Assert.Equal(differs, PersonName.Differs(registry, feed));

    [Fact]
    public void Ten_working_days_after_a_monday_skip_two_weekends()
    {
        var due = WeekendOnlyWorkingDays.Instance.AddWorkingDays(new DateOnly(2024, 6, 3), 10);
        Assert.Equal(new DateOnly(2024, 6, 17), due);
        Assert.Equal(new DateOnly(2024, 6, 10), WeekendOnlyWorkingDays.Instance.AddWorkingDays(new DateOnly(2024, 6, 8), 1));
    }

    [Fact]
    public void The_threshold_in_force_on_the_months_last_day_applies()
    {
        var versions = MonitoringParameters.Parse("""
            values:
              2020-01-01:
                medical_out_of_pocket_12m: 10000
                residential_properties_allowed: 1
                non_residential_properties_allowed: 0
                severe_disability_any_category_max_grade: 2
                due_working_days: 10
              2024-05-31:
                medical_out_of_pocket_12m: 12000
                residential_properties_allowed: 1
                non_residential_properties_allowed: 0
                severe_disability_any_category_max_grade: 2
                due_working_days: 10
            """);
        Assert.Equal(12000m, MonitoringParameters.InForce(versions, new MonitoringMonth(2024, 5).Last).MedicalOutOfPocket12m);
        Assert.Equal(10000m, MonitoringParameters.InForce(versions, new MonitoringMonth(2024, 4).Last).MedicalOutOfPocket12m);
        Assert.Equal(10000m, MonitoringParameters.InForce(new DateOnly(2024, 5, 31)).MedicalOutOfPocket12m);
    }

    [Fact]
    public void The_12_months_ending_with_may_start_in_june_of_the_year_before()
    {
        Assert.True(MonitoringMonth.TryParse("2024-05", out var may));
        Assert.Equal((new DateOnly(2023, 6, 1), new DateOnly(2024, 5, 31)), (may.WindowStart, may.Last));
        Assert.False(MonitoringMonth.TryParse("2024-13", out _));
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("-H1", "'-H1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("plain", "plain")]
    public void Export_cells_are_neutralised_and_quoted(string value, string cell) => Assert.Equal(cell, ExportAlerts.Cell(value));

    [Fact]
    public void Every_feed_type_of_the_contract_is_defined_with_its_natural_key()
    {
        Assert.Equal(13, FeedTypes.All.Count);
        Assert.Equal(["certificate_no", "id_number"], FeedTypes.Get("property").Key);
        Assert.Equal(["id_number", "official_id_number"], FeedTypes.Get("official_kin").Key);
        Assert.All(FeedTypes.All, t => Assert.All(t.Key, k => Assert.Contains(t.Columns, c => c.Name == k)));
    }
}
