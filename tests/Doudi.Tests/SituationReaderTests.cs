using System.Text;
using Doudi.Eligibility;
using Doudi.Policy;

namespace Doudi.Tests;

public class SituationReaderTests
{
    private static ReadOutcome Read(string json) => new SituationReader(ParameterBook.Shipped).Read(Encoding.UTF8.GetBytes(json));

    private static string[] Problems(string json) => [.. Read(json).Problems.Select(p => p.ToString())];

    [Fact]
    public void Every_problem_is_reported_with_its_path_not_just_the_first()
    {
        var problems = Problems("""
            {
              "date": "2022-13-01",
              "county": 440106,
              "area": "suburban",
              "members": [
                { "key": "a", "sex": "m", "birth_date": "1980-01-01", "adl_unable": 7, "refuses_work": 1,
                  "disability": { "category": "physical", "grade": 5 }, "income": { "wages": "300", "lottery": 5 } },
                { "key": "a", "sex": "female", "birth_date": "1990-01-01", "parents": ["dead", "dead", "alive"],
                  "supporter": "rich", "care": "home", "income": { "wages": -1 } }
              ],
              "assets": { "financial": -5, "vehicles": 1.5 },
              "rigid_spending_12m": true
            }
            """);
        Assert.Equal(
        [
            "$.date: '2022-13-01' is not a date (YYYY-MM-DD)",
            "$.county: expected a string, got the number 440106",
            "$.area: unknown value 'suburban' (expected one of: urban, rural)",
            "$.members[0].sex: unknown value 'm' (expected one of: male, female)",
            "$.members[0].disability.grade: 5 is out of range (1–4)",
            "$.members[0].income.wages: expected a number, got the string \"300\"",
            "$.members[0].income.lottery: unknown kind of income 'lottery'",
            "$.members[0].refuses_work: expected true or false, got the number 1",
            "$.members[0].adl_unable: 7 is out of range (0–6)",
            "$.members[1].parents: at most two parents, got 3",
            "$.members[1].income.wages: must not be negative (-1)",
            "$.members[1].supporter: unknown value 'rich' (expected one of: none, unable, able)",
            "$.members[1].care: unknown value 'home' (expected one of: institutional, scattered)",
            "$.members[1].key: duplicate member key 'a'",
            "$.assets.financial: must not be negative (-5)",
            "$.assets.vehicles: expected a whole number, got 1.5",
            "$.rigid_spending_12m: expected a number, got true",
        ], problems, StringComparer.Ordinal);
    }

    [Fact]
    public void Missing_required_fields_are_each_named()
    {
        Assert.Equal(["$.date: required", "$.county: required", "$.area: required", "$.members: required"], Problems("{}"));
        Assert.Equal(
            ["$.members[0].key: required", "$.members[0].sex: required", "$.members[0].birth_date: required"],
            Problems("""{"date":"2022-07-01","county":"440106","area":"urban","members":[{}]}"""));
        Assert.Equal(["$.members: at least one member is required"], Problems("""{"date":"2022-07-01","county":"440106","area":"urban","members":[]}"""));
    }

    [Fact]
    public void A_duplicated_key_is_an_error()
    {
        Assert.Equal(["$.area: duplicate key"], Problems("""{"date":"2022-07-01","county":"440106","area":"urban","area":"rural","members":[{"key":"a","sex":"male","birth_date":"1980-01-01"}]}"""));
    }

    [Fact]
    public void Malformed_json_is_one_problem_at_the_root()
    {
        var problems = Problems("""{"date": "2022-07-01",""");
        Assert.Single(problems);
        Assert.StartsWith("$: malformed JSON", problems[0]);
    }

    [Fact]
    public void An_unknown_county_a_late_birth_date_and_a_date_without_a_standard_are_errors()
    {
        Assert.Equal(["$.county: unknown county '449999' (a 6-digit county-level code of Guangdong)"],
            Problems("""{"date":"2022-07-01","county":"449999","area":"urban","members":[{"key":"a","sex":"male","birth_date":"1980-01-01"}]}"""));
        Assert.Equal(["$.members[0].birth_date: birth date 2022-07-02 is after the assessment date 2022-07-01"],
            Problems("""{"date":"2022-07-01","county":"440106","area":"urban","members":[{"key":"a","sex":"male","birth_date":"2022-07-02"}]}"""));
        Assert.Equal(["$.date: no 低保 standard is in force on 2020-12-31 for county 440106"],
            Problems("""{"date":"2020-12-31","county":"440106","area":"urban","members":[{"key":"a","sex":"male","birth_date":"1980-01-01"}]}"""));
    }

    [Fact]
    public void Unknown_fields_are_warnings_and_null_counts_as_absent()
    {
        var outcome = Read("""
            {"date":"2022-07-01","county":"440106","area":"urban","colour":"red","annual_income":null,"assets":null,
             "members":[{"key":"a","sex":"male","birth_date":"1980-01-01","nickname":"x","disability":null,"supporter":null,"adl_unable":null}]}
            """);
        Assert.Empty(outcome.Problems);
        Assert.Equal(["$.colour: unknown field, ignored", "$.members[0].nickname: unknown field, ignored"], outcome.Warnings.Select(w => w.ToString()));
        Assert.Equal(Supporter.Able, outcome.Situation!.Members[0].Supporter);
        Assert.Null(outcome.Situation.AnnualIncome);
    }

    [Fact]
    public void Numbers_are_read_as_decimals_never_through_double()
    {
        var outcome = Read("""{"date":"2022-07-01","county":"440106","area":"urban","members":[{"key":"a","sex":"male","birth_date":"1980-01-01","income":{"wages":1195.99,"pension":0.1,"business":0.2}}]}""");
        Assert.Equal(1196.29m, outcome.Situation!.Members[0].CountedIncome);
    }
}
