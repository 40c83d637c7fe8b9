using Doudi.Monitoring;
using static Doudi.IntegrationTests.Monitoring.MonitoringWorld;

namespace Doudi.IntegrationTests.Monitoring;

/// <summary>
/// Each rule of monitoring-rules.md on a hand-made registry, at its boundaries, for May 2024. Every check runs
/// both engines and asserts they agree (<see cref="MonitoringWorld.Found"/>).
/// </summary>
public class RuleTests
{
    /// <summary>True when a hit was raised for the person (evidence may name other people).</summary>
    private static bool For(List<string> found, int person) => found.Any(f => f.Split(' ')[1] == Id(person));

    [Fact]
    public async Task Deceased_recipient_is_raised_for_a_paid_person_who_died_by_the_months_end()
    {
        var w = await CreateAsync();
        await w.Household("H1", "none", new Person(Id(1), "甲", "disability_care_subsidy"), new Person(Id(2), "乙"));
        await w.Household("H2", "dibao", new Person(Id(3), "丙"));
        await w.Feed("death", [Id(1), "甲", "2024-05-31"], [Id(2), "乙", "2024-05-01"], [Id(3), "丙", "2024-06-01"]);
        var found = await w.Found(Rules.DeceasedRecipient);
        Assert.True(For(found, 1));   // paid by an individual program, died on the last day
        Assert.False(For(found, 2));  // member of a household with no program and no own program: not paid
        Assert.False(For(found, 3));  // died after the month
        Assert.Single(found);
    }

    [Fact]
    public async Task Vehicle_owner_needs_an_enrolled_person_and_a_car_truck_or_bus_registered_by_the_months_end()
    {
        var w = await CreateAsync();
        await w.Household("H1", "dibao", new Person(Id(1), "甲"), new Person(Id(2), "乙"), new Person(Id(3), "丙"));
        await w.Household("H2", "none", new Person(Id(4), "丁", "orphan_allowance"));
        await w.Feed("vehicle",
            [Id(1), "甲", "粤A00001", "truck", "2024-05-31"],
            [Id(2), "乙", "粤A00002", "motorcycle", "2020-01-01"],
            [Id(3), "丙", "粤A00003", "car", "2024-06-01"],
            [Id(4), "丁", "粤A00004", "car", "2020-01-01"]);
        var found = await w.Found(Rules.VehicleOwner);
        Assert.Equal([1], new[] { 1, 2, 3, 4 }.Where(p => For(found, p)));
    }

    [Fact]
    public async Task Property_over_limit_counts_distinct_certificates_of_all_members_and_alerts_every_enrolled_member()
    {
        var w = await CreateAsync();
        // H1: two residential certificates held by two members, one of them not enrolled himself.
        await w.Household("H1", "none", new Person(Id(1), "甲", "dibao_individual"), new Person(Id(2), "乙"));
        // H2: the same certificate held jointly by two members is one property; a second one deregistered before May.
        await w.Household("H2", "dibao", new Person(Id(3), "丙"), new Person(Id(4), "丁"));
        // H3: one non-residential certificate, deregistered on May 1st (still held in May).
        await w.Household("H3", "dibao_edge", new Person(Id(5), "戊"));
        // 己 is in H4 and H5. H4 is over the limit with 庚's certificate; H5 (己 alone with one home) is not, though
        // DuckDB hands over 己's rows for H4's sake.
        await w.Household("H4", "dibao", new Person(Id(6), "己"), new Person(Id(7), "庚"));
        await w.Household("H5", "dibao", new Person(Id(6), "己"));
        await w.Feed("property",
            [Id(1), "甲", "residential", "C1", "2010-01-01", ""],
            [Id(2), "乙", "residential", "C2", "2024-05-31", ""],
            [Id(3), "丙", "residential", "C3", "2010-01-01", ""],
            [Id(4), "丁", "residential", "C3", "2010-01-01", ""],
            [Id(4), "丁", "residential", "C4", "2010-01-01", "2024-04-30"],
            [Id(5), "戊", "non_residential", "C5", "2010-01-01", "2024-05-01"],
            [Id(6), "己", "residential", "C6", "2010-01-01", ""],
            [Id(7), "庚", "residential", "C7", "2010-01-01", ""]);
        var found = await w.Found(Rules.PropertyOverLimit);
        Assert.True(For(found, 1));
        Assert.False(For(found, 2));  // not enrolled: his property counts, but he is not alerted
        Assert.False(For(found, 3));
        Assert.False(For(found, 4));
        Assert.True(For(found, 5));
        Assert.Contains(found, f => f.Contains("property:C2+" + Id(2), StringComparison.Ordinal));
        Assert.Equal(["H4"], found.Where(f => f.Contains(Id(6), StringComparison.Ordinal) && f.StartsWith(Rules.PropertyOverLimit + " " + Id(6), StringComparison.Ordinal))
            .Select(f => f.Split(' ')[2]));
        Assert.True(For(found, 7));
    }

    [Fact]
    public async Task Business_owner_needs_an_active_business_registered_by_the_months_end()
    {
        var w = await CreateAsync();
        await w.Household("H1", "tekun", new Person(Id(1), "甲"), new Person(Id(2), "乙"), new Person(Id(3), "丙"));
        await w.Feed("business",
            [Id(1), "甲", "甲商行", "10000", "2024-05-31", "active"],
            [Id(2), "乙", "乙商行", "10000", "2020-01-01", "cancelled"],
            [Id(3), "丙", "丙商行", "10000", "2024-06-01", "active"]);
        var found = await w.Found(Rules.BusinessOwner);
        Assert.Equal([1], new[] { 1, 2, 3 }.Where(p => For(found, p)));
    }

    [Fact]
    public async Task Employment_income_needs_dibao_or_tekun_and_a_positive_base_in_the_month()
    {
        var w = await CreateAsync();
        await w.Household("H1", "dibao", new Person(Id(1), "甲"), new Person(Id(2), "乙"), new Person(Id(3), "丙"));
        await w.Household("H2", "dibao_edge", new Person(Id(4), "丁"), new Person(Id(5), "戊", "tekun"));
        await w.Feed("employment",
            [Id(1), "甲", "2024-05", "3000"],
            [Id(2), "乙", "2024-04", "3000"],
            [Id(3), "丙", "2024-05", "0"],
            [Id(4), "丁", "2024-05", "3000"],
            [Id(5), "戊", "2024-05", "0.01"]);
        var found = await w.Found(Rules.EmploymentIncome);
        Assert.Equal([1, 5], new[] { 1, 2, 3, 4, 5 }.Where(p => For(found, p)));
    }

    [Fact]
    public async Task High_medical_cost_sums_own_out_of_pocket_over_the_12_months_ending_with_the_month()
    {
        var w = await CreateAsync();
        await w.Household("H1", "none", new Person(Id(1), "甲"), new Person(Id(2), "乙"), new Person(Id(3), "丙"));
        await w.Feed("medical",
            [Id(1), "甲", "S1", "2023-06-01", "9000", "6000"],
            [Id(1), "甲", "S2", "2024-05-31", "5000", "4000"],
            [Id(2), "乙", "S3", "2023-05-31", "9000", "6000"],
            [Id(2), "乙", "S4", "2024-05-31", "5000", "4000"],
            [Id(3), "丙", "S5", "2024-01-01", "20000", "9999.99"]);
        var found = await w.Found(Rules.HighMedicalCost);
        Assert.Equal([1], new[] { 1, 2, 3 }.Where(p => For(found, p)));
        Assert.DoesNotContain(found, f => f.Contains("S3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Severe_disability_candidate_looks_at_the_latest_certificate_of_an_edge_member_without_dibao_individual()
    {
        var w = await CreateAsync();
        await w.Household("H1", "dibao_edge",
            new Person(Id(1), "甲"), new Person(Id(2), "乙"), new Person(Id(3), "丙"), new Person(Id(4), "丁"), new Person(Id(5), "戊", "dibao_individual"));
        await w.Household("H2", "dibao", new Person(Id(6), "己"));
        await w.Feed("disability",
            [Id(1), "甲", "physical", "2", "2024-05-31"],
            [Id(2), "乙", "physical", "1", "2020-01-01"],
            [Id(2), "乙", "physical", "3", "2023-01-01"],
            [Id(2), "乙", "physical", "1", "2024-06-01"],
            [Id(3), "丙", "mental", "4", "2020-01-01"],
            [Id(4), "丁", "hearing", "3", "2020-01-01"],
            [Id(5), "戊", "physical", "1", "2020-01-01"],
            [Id(6), "己", "physical", "1", "2020-01-01"]);
        var found = await w.Found(Rules.SevereDisabilityCandidate);
        Assert.Equal([1, 3], new[] { 1, 2, 3, 4, 5, 6 }.Where(p => For(found, p)));
    }

    [Fact]
    public async Task Unemployed_edge_needs_a_registration_inside_the_month()
    {
        var w = await CreateAsync();
        await w.Household("H1", "dibao_edge", new Person(Id(1), "甲"), new Person(Id(2), "乙"));
        await w.Household("H2", "dibao", new Person(Id(3), "丙"));
        await w.Feed("unemployment", [Id(1), "甲", "2024-05-01"], [Id(2), "乙", "2024-04-30"], [Id(3), "丙", "2024-05-10"]);
        var found = await w.Found(Rules.UnemployedEdge);
        Assert.Equal([1], new[] { 1, 2, 3 }.Where(p => For(found, p)));
    }

    [Fact]
    public async Task Detained_member_needs_a_detention_overlapping_the_month_inclusive()
    {
        var w = await CreateAsync();
        await w.Household("H1", "dibao", new Person(Id(1), "甲"), new Person(Id(2), "乙"), new Person(Id(3), "丙"), new Person(Id(4), "丁"));
        await w.Household("H2", "none", new Person(Id(5), "戊"));
        await w.Feed("detention",
            [Id(1), "甲", "2024-04-01", "2024-05-01"],
            [Id(2), "乙", "2024-04-01", "2024-04-30"],
            [Id(3), "丙", "2024-05-31", ""],
            [Id(4), "丁", "2024-06-01", ""],
            [Id(5), "戊", "2024-05-01", ""]);
        var found = await w.Found(Rules.DetainedMember);
        Assert.Equal([1, 3], new[] { 1, 2, 3, 4, 5 }.Where(p => For(found, p)));
    }

    [Fact]
    public async Task Poverty_watch_unassisted_alerts_unenrolled_flagged_people_with_or_without_a_household()
    {
        var w = await CreateAsync();
        await w.Household("H1", "none", new Person(Id(1), "甲"), new Person(Id(2), "乙"), new Person(Id(3), "丙"));
        await w.Household("H2", "dibao", new Person(Id(4), "丁"));
        await w.Household("H3", "none", new Person(Id(4), "丁"));
        await w.Feed("poverty_watch",
            [Id(1), "甲", "440106", "2024-05-31", "illness", ""],
            [Id(2), "乙", "440106", "2024-01-01", "illness", "2024-04-30"],
            [Id(3), "丙", "440106", "2024-01-01", "illness", "2024-05-01"],
            [Id(4), "丁", "440106", "2024-01-01", "illness", ""],
            [Id(9), "庚", "440103", "2023-01-01", "disaster", ""],
            [Id(9), "庚", "440104", "2024-02-01", "accident", ""]);
        var found = await w.Found(Rules.PovertyWatchUnassisted);
        Assert.Equal([1, 3, 9], new[] { 1, 2, 3, 4, 9 }.Where(p => For(found, p)));
        var outside = Assert.Single(found, f => f.Contains(Id(9), StringComparison.Ordinal));
        Assert.StartsWith($"{Rules.PovertyWatchUnassisted} {Id(9)}  440104 ::", outside, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Official_kin_recipient_alerts_the_relative_not_the_official()
    {
        var w = await CreateAsync();
        await w.Household("H1", "dibao", new Person(Id(1), "甲"), new Person(Id(2), "乙"));
        await w.Feed("official_kin", [Id(1), "甲", Id(2), "乙", "科长", "440106", "child"]);
        var found = await w.Found(Rules.OfficialKinRecipient);
        Assert.Equal([1], new[] { 1, 2 }.Where(p => found.Any(f => f.StartsWith($"{Rules.OfficialKinRecipient} {Id(p)}", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Duplicate_enrolment_alerts_each_household_a_person_is_enrolled_in()
    {
        var w = await CreateAsync();
        await w.Household("H1", "dibao", new Person(Id(1), "甲"), new Person(Id(2), "乙"));
        await w.Household("H2", "tekun", new Person(Id(1), "甲"));
        await w.Household("H3", "none", new Person(Id(2), "乙"));
        var found = await w.Found(Rules.DuplicateEnrolment);
        Assert.Equal(2, found.Count);
        Assert.All(found, f => Assert.Contains(Id(1), f, StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains($"{Id(1)} H1 ", StringComparison.Ordinal) && f.Contains("registry:H2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_differing_name_still_matches_and_says_name_differs_but_spacing_and_middle_dots_do_not_count()
    {
        var w = await CreateAsync();
        await w.Household("H1", "dibao", new Person(Id(1), "张三"), new Person(Id(2), "阿依古丽·买买提"), new Person(Id(3), "李四"));
        await w.Feed("business",
            [Id(1), "张 三", "一号店", "1", "2020-01-01", "active"],
            [Id(2), "阿依古丽•买买提", "二号店", "1", "2020-01-01", "active"],
            [Id(3), "李肆", "三号店", "1", "2020-01-01", "active"]);
        var found = await w.Found(Rules.BusinessOwner);
        Assert.Equal(3, found.Count);
        Assert.Equal([Id(3)], found.Where(f => f.Contains("name differs", StringComparison.Ordinal)).Select(f => f.Split(' ')[1]));
    }
}
