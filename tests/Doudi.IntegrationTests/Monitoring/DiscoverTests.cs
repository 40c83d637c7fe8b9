using System.Net;
using Doudi.Eligibility;
using Doudi.Monitoring;
using Doudi.Monitoring.Discover;
using Doudi.Oversight;
using Doudi.Persistence;
using Doudi.Policy;
using Doudi.Registry;
using Doudi.TestData;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static Doudi.IntegrationTests.Monitoring.MonitoringWorld;

namespace Doudi.IntegrationTests.Monitoring;

/// <summary>政策找人: the engine over recorded facts and the open alerts of the relevant rules, ranked.</summary>
public class DiscoverTests
{
    private static readonly DateOnly On = new(2024, 6, 3);

    private static async Task<long> CompleteHousehold(DatabaseLocation location, string no, string program, string idNumber, decimal income)
    {
        await using var db = location.Open();
        var h = new Household
        {
            HouseholdNo = no,
            CountyCode = "440106",
            TownshipCode = "440106001",
            Area = "urban",
            Program = program,
            ProgramSince = new DateOnly(2020, 1, 1),
            FinancialAssets = 0,
            ResidentialProperties = 1,
            NonResidentialProperties = 0,
            Vehicles = 0,
            Businesses = 0,
            RigidSpending12m = 0,
        };
        h.Members.Add(new Doudi.Registry.Member
        {
            IdNumber = idNumber,
            Name = "某",
            Sex = "male",
            BirthDate = new DateOnly(1980, 1, 1),
            Relation = "head",
            MonthlyIncome = income,
            SeriousIllness = false,
            FullTimeStudent = false,
            Childless = false,
            RefusesWork = false,
            SpecialOutpatient = false,
            UnableToWorkCertified = false,
            AdlUnable = 0,
            Supporter = "able",
            JoinedOn = new DateOnly(2020, 1, 1),
        });
        db.Households.Add(h);
        await db.SaveChangesAsync();
        return h.Id;
    }

    private static async Task Alert(DatabaseLocation location, long householdId, string no, string township, string rule, string severity, string idNumber)
    {
        await using var db = location.Open();
        db.Alerts.Add(new Alert
        {
            Rule = rule,
            IdNumber = idNumber,
            HouseholdId = householdId,
            HouseholdNo = no,
            County = township[..6],
            Township = township,
            Severity = severity,
            Month = "2024-05",
            DetectedOn = On,
            DueOn = On.AddDays(14),
            Evidence = [new AlertEvidence { Key = "x:" + idNumber, Text = "x", Month = "2024-05" }],
        });
        await db.SaveChangesAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Engine_findings_rank_above_alerts_and_signals_for_the_same_program_add_up(string kind)
    {
        var w = await CreateAsync(kind);
        var standard = ParameterBook.Shipped.Get(Parameters.DibaoStandard, "440106", Area.Urban, On)!.Value;
        var poor = await CompleteHousehold(w.Location, "P1", "none", Id(1), 500m);
        var watched = await CompleteHousehold(w.Location, "P2", "none", Id(2), 400m);
        await CompleteHousehold(w.Location, "P3", "none", Id(3), standard * 2);              // well off: not listed
        var edge = await w.Household("E1", "dibao_edge", new Person(Id(4), "残"));            // facts never given: engine skips it
        var enrolled = await w.Household("D1", "dibao", new Person(Id(5), "保"));
        await Alert(w.Location, watched, "P2", "440106001", Rules.PovertyWatchUnassisted, "high", Id(2));
        await Alert(w.Location, edge, "E1", "440106001", Rules.SevereDisabilityCandidate, "medium", Id(4));
        await Alert(w.Location, enrolled, "D1", "440106001", Rules.PovertyWatchUnassisted, "high", Id(5));   // already in 低保

        await using var db = w.Location.Open();
        var list = await new DiscoverCandidatesHandler(EligibilityEngine.Shipped).Handle(db, new DiscoverCandidates(On), CancellationToken.None);
        Assert.Equal(
            [("P2", "dibao", 130, standard - 400m), ("P1", "dibao", 100, standard - 500m), ("E1", "dibao_individual", 20, (decimal?)null)],
            list.Select(c => (c.HouseholdNo, c.Program, c.Score, c.MonthlyAmount)).ToList());
        Assert.Equal([Id(4)], list[2].IdNumbers);
        Assert.Contains("预警：防返贫监测对象未获救助", list[0].Signals[1], StringComparison.Ordinal);

        db.ScopePrefix = "440183";
        Assert.Empty(await new DiscoverCandidatesHandler(EligibilityEngine.Shipped).Handle(db, new DiscoverCandidates(On), CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_page_links_each_row_to_a_new_application_and_the_export_masks_id_numbers(string kind)
    {
        await using var web = await WebHarness.StartAsync(kind);
        var edge = web.Samples.Zengjiang;
        var person = edge.Members.Single();
        await Alert(web.Database, edge.Id, edge.HouseholdNo, RegistrySamples.SecondTownship, Rules.SevereDisabilityCandidate, "medium", person.IdNumber);

        using var approver = web.NewClient();
        await WebHarness.SignInAsync(approver, "approver", web.PasswordOf("approver"));
        var html = await approver.GetStringAsync("/Monitoring/Discover");
        Assert.Contains($"href=\"/Applications/New?householdId={edge.Id}&amp;program=dibao_individual\">发起申请</a>", html, StringComparison.Ordinal);
        Assert.Contains(person.IdNumber[..6] + "********" + person.IdNumber[14..], html, StringComparison.Ordinal);
        Assert.DoesNotContain(person.IdNumber, html, StringComparison.Ordinal);

        var export = await approver.GetAsync("/Monitoring/Discover?handler=Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var file = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        var row = Assert.Single(file.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList());
        Assert.Equal((edge.HouseholdNo, "dibao_individual", person.IdNumber[..6] + "********" + person.IdNumber[14..]),
            ((string)row["户编号"]!, (string)row["项目代码"]!, (string)row["相关人员身份证号"]!));

        using var caseworker = web.NewClient();   // another township of the same county: not in its scope
        await WebHarness.SignInAsync(caseworker, "caseworker", web.PasswordOf("caseworker"));
        Assert.Contains("data-testid=\"no-candidates\"", await caseworker.GetStringAsync("/Monitoring/Discover"), StringComparison.Ordinal);

        await using var db = web.Database.Open();
        Assert.Equal(2, await db.AuditRecords.CountAsync(r => r.Action == AuditActions.DiscoverView));
        Assert.Equal(1, await db.AuditRecords.CountAsync(r => r.Action == AuditActions.DiscoverExport && r.Actor == "approver"));
    }
}
