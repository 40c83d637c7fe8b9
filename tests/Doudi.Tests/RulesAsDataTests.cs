using System.Text;
using Doudi.Eligibility;
using Doudi.Kernel;
using Doudi.Policy;

namespace Doudi.Tests;

/// <summary>The engine reads nothing but the figures it is given: change the data, the answers follow.</summary>
public class RulesAsDataTests
{
    private static readonly string Shipped = Path.Combine(Repository.Root, "policy", "parameters");

    private static ParameterBook WithExtra(string file, string yaml)
    {
        var files = Directory.EnumerateFiles(Shipped, "*.yaml", SearchOption.AllDirectories)
            .Select(f => (Path.GetRelativePath(Shipped, f), File.ReadAllText(f)))
            .Append((file, yaml));
        return ParameterLoader.Load(files, RegionCatalog.Guangdong2022);
    }

    private static Evaluation Evaluate(ParameterBook book, string json)
    {
        var outcome = new EvaluateSituationHandler(new EligibilityEngine(book)).Handle(Encoding.UTF8.GetBytes(json));
        return outcome.Evaluation ?? throw new InvalidOperationException(string.Join("; ", outcome.Problems));
    }

    [Fact]
    public void A_city_add_on_entered_as_data_is_paid_and_rounded_half_up_to_the_fen()
    {
        // 珠海 2022: 1001 × 12.5% = 125.125 → 125.13 (banker's rounding would give 125.12).
        var book = WithExtra("cities/zhuhai.yaml", """
            dibao.addon_rate:
              unit: rate
              values:
                2022-01-01: { reference: test figure, status: default, cities: { "440400": 0.125 } }
            """);
        var e = Evaluate(book, """{"date":"2022-07-01","county":"440402","area":"urban","members":[{"key":"a","sex":"male","birth_date":"2003-01-01","full_time_student":true}]}""");
        Assert.Equal(1126.13m, e[Programs.Dibao].MonthlyAmount);
        Assert.Contains(e[Programs.Dibao].Parameters, p => p.Name == "dibao.addon_rate" && p.Value == 0.125m && p.Reference == "test figure");
    }

    [Fact]
    public void A_county_standard_overrides_its_city_and_class()
    {
        var book = WithExtra("counties/taishan.yaml", """
            dibao.standard:
              unit: yuan_per_month
              values:
                2022-01-01: { reference: test figure, status: default, counties: { "440781": { urban: 900.50, rural: 700 } } }
            """);
        var urban = Evaluate(book, """{"date":"2022-07-01","county":"440781","area":"urban","members":[{"key":"a","sex":"male","birth_date":"1980-01-01"}]}""");
        var rural = Evaluate(book, """{"date":"2022-07-01","county":"440781","area":"rural","members":[{"key":"a","sex":"male","birth_date":"1980-01-01"}]}""");
        Assert.Equal(900.50m, urban[Programs.Dibao].MonthlyAmount);
        Assert.Equal(700m, rural[Programs.Dibao].MonthlyAmount);
        // 特困 basic living ⌈1.6 × 900.50 = 1440.8⌉ = 1441, care ⌈2% × 1720 = 34.4⌉ = 35 (江门's minimum wage).
        var tekun = Evaluate(book, """{"date":"2022-07-01","county":"440781","area":"urban","members":[{"key":"a","sex":"male","birth_date":"1940-01-01","supporter":"none"}]}""");
        Assert.Equal(1476m, tekun[Programs.Tekun].MonthlyAmount);
    }
}
