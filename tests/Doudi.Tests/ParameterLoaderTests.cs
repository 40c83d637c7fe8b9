using Doudi.Kernel;
using Doudi.Policy;

namespace Doudi.Tests;

public class ParameterLoaderTests
{
    private static IReadOnlyList<string> Problems(params (string File, string Text)[] files)
    {
        var e = Assert.Throws<PolicyDataException>(() => ParameterLoader.Load(files, RegionCatalog.Guangdong2022));
        return e.Problems;
    }

    private const string Classes = """
        region.area_class:
          unit: class
          values:
            2020-01-01:
              reference: test
              status: confirmed
              counties: { "440106": 1, "440203": 4 }
        """;

    [Fact]
    public void The_shipped_figures_load_and_resolve_county_city_class_province_in_that_order()
    {
        var book = ParameterBook.Shipped;
        var date = new DateOnly(2022, 7, 1);
        Assert.Equal(1196m, book.Get(Parameters.DibaoStandard, "440106", Area.Urban, date)!.Value);
        Assert.Equal(579m, book.Get(Parameters.DibaoStandard, "440203", Area.Rural, date)!.Value);
        Assert.Equal(1620m, book.Get(Parameters.MinimumWage, "440203", Area.Urban, date)!.Value);
        Assert.Equal(1900m, book.Get(Parameters.MinimumWage, "441900", Area.Urban, date)!.Value);
        Assert.Equal(new DateOnly(2021, 12, 1), book.Get(Parameters.MinimumWage, "441900", Area.Urban, date)!.EffectiveFrom);
        Assert.Null(book.Get(Parameters.EdgeMultiplier, "440106", Area.Urban, new DateOnly(2022, 2, 28)));
        Assert.Equal(124, book.Regions.Counties.Count(c => book.Get(Parameters.AreaClass, c.Code, Area.Urban, date) is not null));
    }

    [Fact]
    public void Two_values_for_the_same_scope_and_date_name_both_places()
    {
        var problems = Problems(("a.yaml", Classes), ("b.yaml", """
            region.area_class:
              unit: class
              values:
                2020-01-01:
                  reference: again
                  status: default
                  counties: { "440106": 2 }
            """));
        Assert.Equal(["b.yaml:7: region.area_class: two values for county 440106 on 2020-01-01 (the other is at a.yaml:7)"], problems);
    }

    [Fact]
    public void A_unit_mismatch_an_unknown_region_and_a_bad_status_are_errors_with_their_line()
    {
        var problems = Problems(("p.yaml", """
            dibao.standard:
              unit: yuan_per_year
              values:
                2022-01-01:
                  reference: test
                  status: maybe
                  province: 800
                  cities: { "449900": 900 }
                  counties: { "440199": 900 }
            no.such_parameter:
              unit: rate
              values: {}
            """));
        Assert.Equal(
        [
            "p.yaml:2: dibao.standard: unit 'yuan_per_year' does not match the parameter's unit 'yuan_per_month'",
            "p.yaml:6: dibao.standard 2022-01-01: status must be 'confirmed' or 'default' (to confirm)",
            "p.yaml:8: dibao.standard: unknown city '449900'",
            "p.yaml:9: dibao.standard: unknown county '440199'",
            "p.yaml:10: unknown parameter 'no.such_parameter'",
        ], problems);
    }

    [Fact]
    public void A_city_figure_below_the_provincial_minimum_is_an_error_even_when_left_behind_by_a_rise()
    {
        var problems = Problems(("classes.yaml", Classes), ("standard.yaml", """
            dibao.standard:
              unit: yuan_per_month
              values:
                2021-01-01:
                  reference: test
                  status: confirmed
                  class_1: 1087
                  class_4: { urban: 800, rural: 551 }
                  cities: { "440100": 1120 }
                2022-01-01:
                  reference: test
                  status: confirmed
                  class_1: 1125
                  class_4: { urban: 828, rural: 579 }
                  counties: { "440203": { urban: 828, rural: 570 } }
            """));
        Assert.Equal(
        [
            "standard.yaml:9: dibao.standard for city 440100 is 1120 on 2022-01-01, below the provincial minimum 1125 in force for county 440106 (standard.yaml:13)",
            "standard.yaml:15: dibao.standard for county 440203 is 828 on 2022-01-01, below the provincial minimum 828 in force for county 440203 (standard.yaml:14)",
        ], problems);
    }

    [Fact]
    public void A_value_of_the_wrong_kind_is_refused()
    {
        var problems = Problems(("r.yaml", """
            dibao.addon_rate:
              unit: rate
              values:
                2021-01-01: { reference: test, status: default, province: 20 }
            region.area_class:
              unit: class
              values:
                2020-01-01: { reference: test, status: default, province: 5 }
            """));
        Assert.Equal(
        [
            "r.yaml:4: dibao.addon_rate: 20 a rate is between 0 and 1 (write 0.20 for 20%)",
            "r.yaml:8: region.area_class: 5 an area class is 1 to 4",
        ], problems);
    }
}
