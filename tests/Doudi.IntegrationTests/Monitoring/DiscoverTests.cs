using System.Net;
using Doudi.Eligibility.Recompute;
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

/// <summary>政策找人: the decisions stored by the monthly recompute, checked against the registry now, and the open alerts of the relevant rules, ranked.</summary>
public class DiscoverTests
{
    private static readonly DateOnly On = new(2024, 6, 3);

    /// <summary>One member with every fact recorded; <paramref name="grade"/> a 肢体 disability grade, or none.</summary>
    private sealed record Adult(string IdNumber, decimal Income, int? Grade = null, string Programs = "");

    private static Task<long> CompleteHousehold(DatabaseLocation location, string no, string program, string idNumber, decimal income) =>
        CompleteHousehold(location, no, program, "440106001", new Adult(idNumber, income));

    private static async Task<long> CompleteHousehold(DatabaseLocation location, string no, string program, string township, params Adult[] adults)
    {
        await using var db = location.Open();
        var h = new Household
        {
            HouseholdNo = no,
            CountyCode = township[..6],
            TownshipCode = township,
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
        foreach (var a in adults)
        {
            var member = CompleteHouseholds.Recorded(a.IdNumber, "某", "male", new DateOnly(1980, 1, 1), h.Members.Count == 0 ? "head" : "other",
                a.Income, new DateOnly(2020, 1, 1));
            member.DisabilityCategory = a.Grade is null ? null : "physical";
            member.DisabilityGrade = a.Grade;
            member.MemberPrograms = a.Programs;
            h.Members.Add(member);
        }
        db.Households.Add(h);
        await db.SaveChangesAsync();
        return h.Id;
    }

    /// <summary>The monthly recompute, through its real handler, storing its decisions.</summary>
    private static async Task<RecomputeReport> Recompute(DatabaseLocation location)
    {
        await using var db = location.Open();
        return await new RecomputeRegistry(ParameterBook.Shipped, TimeProvider.System).RunAsync(db, On, "test");
    }

    private static async Task<DiscoverResult> Discover(DatabaseLocation location, string scope = "", DiscoverCandidates? query = null)
    {
        await using var db = location.Open();
        db.ScopePrefix = scope;
        return await new DiscoverCandidatesHandler().Handle(db, query ?? new DiscoverCandidates(), CancellationToken.None);
    }

    private static async Task Change(DatabaseLocation location, long householdId, Action<Household> change)
    {
        await using var db = location.Open();
        var h = await db.Households.Include(x => x.Members).SingleAsync(x => x.Id == householdId);
        change(h);
        await db.SaveChangesAsync();
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
    public async Task Engine_findings_of_the_stored_recompute_rank_above_alerts_and_signals_for_the_same_program_add_up(string kind)
    {
        var w = await CreateAsync(kind);
        var standard = ParameterBook.Shipped.Get(Parameters.DibaoStandard, "440106", Area.Urban, On)!.Value;
        await CompleteHousehold(w.Location, "P1", "none", Id(1), 500m);
        var watched = await CompleteHousehold(w.Location, "P2", "none", Id(2), 400m);
        await CompleteHousehold(w.Location, "P3", "none", Id(3), standard * 2);              // well off: not listed
        var edge = await w.Household("E1", "dibao_edge", new Person(Id(4), "残"));            // facts never given: recompute skips it
        var enrolled = await w.Household("D1", "dibao", new Person(Id(5), "保"));
        await Alert(w.Location, watched, "P2", "440106001", Rules.PovertyWatchUnassisted, "high", Id(2));
        await Alert(w.Location, edge, "E1", "440106001", Rules.SevereDisabilityCandidate, "medium", Id(4));
        await Alert(w.Location, enrolled, "D1", "440106001", Rules.PovertyWatchUnassisted, "high", Id(5));   // already in 低保
        var run = await Recompute(w.Location);

        var result = await Discover(w.Location);
        var list = result.Candidates;
        Assert.Equal(
            [("P2", "dibao", 130, standard - 400m), ("P1", "dibao", 100, standard - 500m), ("E1", "dibao_individual", 20, (decimal?)null)],
            list.Select(c => (c.HouseholdNo, c.Program, c.Score, c.MonthlyAmount)).ToList());
        Assert.Equal([Id(4)], list[2].IdNumbers);
        Assert.Equal([Id(2)], list[0].IdNumbers);
        Assert.Equal($"按登记的家庭情况试算，符合低保条件（月 {Doudi.Kernel.Money.Format(standard - 400m)} 元），现为未纳入", list[0].Signals[0]);
        Assert.Contains("预警：防返贫监测对象未获救助", list[0].Signals[1], StringComparison.Ordinal);
        Assert.Equal((run.RunId, (DateOnly?)On), (result.LatestRun!.RunId, result.LatestRun.Date));
        Assert.Equal([On], result.EngineDates);
        Assert.Equal([On, On, null], list.Select(c => c.EngineDate).ToList());

        // A second run finds the same changes and stores nothing: the decisions of the first still stand.
        var again = await Recompute(w.Location);
        Assert.Empty(again.Changes);
        var second = await Discover(w.Location);
        Assert.Equal(again.RunId, second.LatestRun!.RunId);
        Assert.Equal(list.Select(c => (c.HouseholdNo, c.Program, c.Score)), second.Candidates.Select(c => (c.HouseholdNo, c.Program, c.Score)));

        Assert.Empty((await Discover(w.Location, "440183")).Candidates);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_household_enrolled_after_the_run_drops_out(string kind)
    {
        var w = await CreateAsync(kind);
        var p1 = await CompleteHousehold(w.Location, "P1", "none", Id(1), 500m);
        await CompleteHousehold(w.Location, "P2", "none", Id(2), 400m);
        await Recompute(w.Location);
        Assert.Equal(["P2", "P1"], (await Discover(w.Location)).Candidates.Select(c => c.HouseholdNo));

        // An application approved since the run has enrolled P1 in 低保; no new run yet.
        await Change(w.Location, p1, h => (h.Program, h.MonthlyAmount) = ("dibao", 500m));
        Assert.Equal(["P2"], (await Discover(w.Location)).Candidates.Select(c => c.HouseholdNo));

        // Enrolled in a lesser program than the run found: 低保 is still better than 低保边缘, so it stays.
        await Change(w.Location, p1, h => h.Program = "dibao_edge");
        var list = (await Discover(w.Location)).Candidates;
        Assert.Equal([("P2", "dibao"), ("P1", "dibao")], list.Select(c => (c.HouseholdNo, c.Program)));
        Assert.EndsWith("现为低保边缘", list[1].Signals.Single(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_household_whose_facts_no_longer_qualify_drops_out_at_the_next_run(string kind)
    {
        var w = await CreateAsync(kind);
        var standard = ParameterBook.Shipped.Get(Parameters.DibaoStandard, "440106", Area.Urban, On)!.Value;
        var p1 = await CompleteHousehold(w.Location, "P1", "none", Id(1), 500m);
        await CompleteHousehold(w.Location, "P2", "none", Id(2), 400m);
        await Recompute(w.Location);

        // P1's income rose; its enrolment did not change. Until the next run the stored finding stands.
        await Change(w.Location, p1, h => h.Members.Single().MonthlyIncome = standard * 2);
        Assert.Equal(["P2", "P1"], (await Discover(w.Location)).Candidates.Select(c => c.HouseholdNo));

        // The next run finds P1 unchanged against its enrolment and stores that it no longer differs.
        var next = await Recompute(w.Location);
        var agrees = Assert.Single(next.Changes);
        Assert.Equal(("P1", ChangeKinds.NoLongerDiffers, "none", "none"), (agrees.HouseholdNo, agrees.ChangeKind, agrees.OldProgram, agrees.NewProgram));
        Assert.Equal(["P2"], (await Discover(w.Location)).Candidates.Select(c => c.HouseholdNo));

        // Once recorded, a further run on the same data stores nothing more.
        Assert.Empty((await Recompute(w.Location)).Changes);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Before_any_recompute_run_only_the_alerts_are_listed(string kind)
    {
        var w = await CreateAsync(kind);
        await CompleteHousehold(w.Location, "P1", "none", Id(1), 500m);
        var watched = await CompleteHousehold(w.Location, "P2", "none", Id(2), 4000m);
        await Alert(w.Location, watched, "P2", "440106001", Rules.PovertyWatchUnassisted, "high", Id(2));

        var before = await Discover(w.Location);
        Assert.Null(before.LatestRun);
        Assert.Empty(before.EngineDates);
        var only = Assert.Single(before.Candidates);
        Assert.Equal(("P2", "dibao", 30, (DateOnly?)null), (only.HouseholdNo, only.Program, only.Score, only.EngineDate));

        await Recompute(w.Location);
        var after = await Discover(w.Location);
        Assert.NotNull(after.LatestRun);
        Assert.Equal([("P1", 100), ("P2", 30)], after.Candidates.Select(c => (c.HouseholdNo, c.Score)));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Each_region_sees_only_the_candidates_of_its_households(string kind)
    {
        var w = await CreateAsync(kind);
        await CompleteHousehold(w.Location, "T1", "none", "440106001", new Adult(Id(1), 500m));
        await CompleteHousehold(w.Location, "T2", "none", "440106002", new Adult(Id(2), 400m));
        var other = await CompleteHousehold(w.Location, "C1", "none", "440104001", new Adult(Id(6), 300m));
        await Alert(w.Location, other, "C1", "440104001", Rules.PovertyWatchUnassisted, "low", Id(6));
        await Recompute(w.Location);

        async Task<List<(string, int)>> In(string scope) =>
            [.. (await Discover(w.Location, scope)).Candidates.Select(c => (c.HouseholdNo, c.Score))];
        Assert.Equal([("C1", 110), ("T2", 100), ("T1", 100)], await In(""));
        Assert.Equal([("T2", 100), ("T1", 100)], await In("440106"));
        Assert.Equal([("T1", 100)], await In("440106001"));
        Assert.Equal([("T2", 100)], await In("440106002"));
        Assert.Equal([("C1", 110)], await In("440104"));
        Assert.Empty(await In("440111"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_member_program_held_now_drops_that_member_and_then_the_signal(string kind)
    {
        var w = await CreateAsync(kind);
        var standard = ParameterBook.Shipped.Get(Parameters.DibaoStandard, "440106", Area.Urban, On)!.Value;
        var care = ParameterBook.Shipped.Get(Parameters.CareSubsidy, "440106", Area.Urban, On)!.Value;
        // Well off, so no household program; two members with a grade-1 disability: 重度残疾人护理补贴 has no means test.
        var h = await CompleteHousehold(w.Location, "M1", "none", "440106001",
            new Adult(Id(1), standard * 3, Grade: 1), new Adult(Id(2), standard * 3, Grade: 1), new Adult(Id(3), standard * 3));
        await Recompute(w.Location);

        var both = Assert.Single((await Discover(w.Location)).Candidates);
        Assert.Equal(("disability_care_subsidy", 100, (decimal?)(2 * care), "按登记的成员情况试算，2 人符合重度残疾人护理补贴条件但未享受"),
            (both.Program, both.Score, both.MonthlyAmount, both.Signals.Single()));
        Assert.Equal([Id(1), Id(2)], both.IdNumbers);

        await Change(w.Location, h, x => x.Members.Single(m => m.IdNumber == Id(1)).MemberPrograms = "disability_care_subsidy");
        var one = Assert.Single((await Discover(w.Location)).Candidates);
        Assert.Equal(((decimal?)care, "按登记的成员情况试算，1 人符合重度残疾人护理补贴条件但未享受"), (one.MonthlyAmount, one.Signals.Single()));
        Assert.Equal([Id(2)], one.IdNumbers);

        await Change(w.Location, h, x => x.Members.Single(m => m.IdNumber == Id(2)).MemberPrograms = "disability_living_subsidy;disability_care_subsidy");
        Assert.Empty((await Discover(w.Location)).Candidates);
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
        Assert.Contains("data-testid=\"no-run\"", html, StringComparison.Ordinal);
        Assert.Contains("尚未进行全量重新核算", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Applications/New?householdId={edge.Id}&amp;program=dibao_individual\">发起申请</a>", html, StringComparison.Ordinal);
        Assert.Contains(person.IdNumber[..6] + "********" + person.IdNumber[14..], html, StringComparison.Ordinal);
        Assert.DoesNotContain(person.IdNumber, html, StringComparison.Ordinal);
        // The township by its name, its code on hover.
        Assert.Contains($"<td title=\"{RegistrySamples.SecondTownship}\">增江街道</td>", html, StringComparison.Ordinal);

        await using (var store = web.Database.Open())
            await new RecomputeRegistry(ParameterBook.Shipped, TimeProvider.System).RunAsync(store, CompleteHouseholds.On, "test");
        html = await approver.GetStringAsync("/Monitoring/Discover");
        Assert.DoesNotContain("data-testid=\"no-run\"", html, StringComparison.Ordinal);
        Assert.Contains("试算结果来自 2025-07-01 的全量重新核算", html, StringComparison.Ordinal);

        var export = await approver.GetAsync("/Monitoring/Discover?handler=Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var file = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        var row = Assert.Single(file.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList());
        Assert.Equal((edge.HouseholdNo, "dibao_individual", person.IdNumber[..6] + "********" + person.IdNumber[14..]),
            ((string)row["户编号"]!, (string)row["项目代码"]!, (string)row["相关人员身份证号"]!));
        // 440183 is Zengcheng's code before 2014: not in the 2022 region list, so the county is named by its code.
        Assert.Equal(("440183", "440183", "增江街道", RegistrySamples.SecondTownship),
            ((string)row["县区"]!, (string)row["县区代码"]!, (string)row["乡镇街道"]!, (string)row["乡镇街道代码"]!));

        using var caseworker = web.NewClient();   // another township of the same county: not in its scope
        await WebHarness.SignInAsync(caseworker, "caseworker", web.PasswordOf("caseworker"));
        Assert.Contains("data-testid=\"no-candidates\"", await caseworker.GetStringAsync("/Monitoring/Discover"), StringComparison.Ordinal);

        await using var db = web.Database.Open();
        Assert.Equal(3, await db.AuditRecords.CountAsync(r => r.Action == AuditActions.DiscoverView));
        Assert.Equal(1, await db.AuditRecords.CountAsync(r => r.Action == AuditActions.DiscoverExport && r.Actor == "approver"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Pages_split_the_same_ranking_without_repeating_or_skipping_a_row_and_keep_the_filters(string kind)
    {
        var w = await CreateAsync(kind);
        var standard = ParameterBook.Shipped.Get(Parameters.DibaoStandard, "440106", Area.Urban, On)!.Value;
        // Two engine findings (100 points, amounts differ), then alerts: many ties on the score that the household
        // number has to break, in two counties and two programs.
        await CompleteHousehold(w.Location, "A07", "none", Id(1), 500m);
        await CompleteHousehold(w.Location, "A03", "none", Id(2), 300m);
        var severities = new[] { "low", "high", "low", "medium", "low", "high", "low" };
        for (var i = 0; i < severities.Length; i++)
        {
            var township = i % 2 == 0 ? "440106001" : "440104001";
            var no = "B" + (severities.Length - i).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            var h = await CompleteHousehold(w.Location, no, "dibao_edge", township, new Adult(Id(10 + i), standard * 3));
            await Alert(w.Location, h, no, township, i == 3 ? Rules.SevereDisabilityCandidate : Rules.PovertyWatchUnassisted, severities[i], Id(10 + i));
        }
        await Recompute(w.Location);

        var whole = await Discover(w.Location);
        List<(string, string, int)> expected =
        [
            ("A03", "dibao", 100), ("A07", "dibao", 100), ("B02", "dibao", 30), ("B06", "dibao", 30),
            ("B04", "dibao_individual", 20), ("B01", "dibao", 10), ("B03", "dibao", 10), ("B05", "dibao", 10), ("B07", "dibao", 10),
        ];
        Assert.Equal(expected, whole.Candidates.Select(c => (c.HouseholdNo, c.Program, c.Score)).ToList());
        Assert.Equal(standard - 300m, whole.Candidates[0].MonthlyAmount);
        Assert.Equal((9, 1), (whole.Total, whole.PageCount));

        var pages = new List<DiscoverResult>();
        for (var p = 1; p <= 4; p++)
            pages.Add(await Discover(w.Location, query: new DiscoverCandidates(p, PageSize: 4)));
        Assert.All(pages, r => Assert.Equal((9, 3, 4), (r.Total, r.PageCount, r.PageSize)));
        Assert.Equal([1, 2, 3, 3], pages.Select(r => r.Page));          // past the end: the last page
        Assert.Equal([4, 4, 1, 1], pages.Select(r => r.Candidates.Count));
        Assert.Equal(expected, pages.Take(3).SelectMany(r => r.Candidates).Select(c => (c.HouseholdNo, c.Program, c.Score)).ToList());
        Assert.Equal("B07", pages[3].Candidates.Single().HouseholdNo);
        Assert.Equal(1, (await Discover(w.Location, query: new DiscoverCandidates(0, PageSize: 4))).Page);

        // The filter values count the whole list; a filter narrows the total and the pages, the order is kept.
        Assert.Equal([("dibao", 8), ("dibao_individual", 1)], pages[0].Programs);
        Assert.Equal([("440104", 3), ("440106", 6)], pages[0].Counties);
        var county = await Discover(w.Location, query: new DiscoverCandidates(2, PageSize: 2, Program: "dibao", County: "440106"));
        Assert.Equal((6, 3, 2), (county.Total, county.PageCount, county.Page));
        Assert.Equal(["B01", "B03"], county.Candidates.Select(c => c.HouseholdNo));
        var last = await Discover(w.Location, query: new DiscoverCandidates(3, PageSize: 2, Program: "dibao", County: "440106"));
        Assert.Equal(["B05", "B07"], last.Candidates.Select(c => c.HouseholdNo));

        // The region scope applies before the paging.
        var scoped = await Discover(w.Location, "440104", new DiscoverCandidates(1, PageSize: 2));
        Assert.Equal((3, 2), (scoped.Total, scoped.PageCount));
        Assert.Equal(["B02", "B06"], scoped.Candidates.Select(c => c.HouseholdNo));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_page_shows_fifty_rows_a_page_with_a_pager_that_keeps_the_filters_and_the_export_holds_every_page(string kind)
    {
        await using var web = await WebHarness.StartAsync(kind);
        const int count = 53;
        for (var i = 0; i < count; i++)
        {
            var no = "PG" + i.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
            var h = await CompleteHousehold(web.Database, no, "dibao_edge", RegistrySamples.SecondTownship, new Adult(Id(100 + i), 90000m));
            await Alert(web.Database, h, no, RegistrySamples.SecondTownship, Rules.PovertyWatchUnassisted, i < 3 ? "high" : "low", Id(100 + i));
        }

        using var approver = web.NewClient();
        await WebHarness.SignInAsync(approver, "approver", web.PasswordOf("approver"));
        var first = await approver.GetStringAsync("/Monitoring/Discover?program=dibao&county=440183");
        Assert.Contains("第 1 / 2 页，共 53 条", first, StringComparison.Ordinal);
        Assert.Contains("href=\"?program=dibao&amp;county=440183&amp;p=2\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("上一页", first, StringComparison.Ordinal);
        Assert.Equal(50, Rows(first).Count);
        Assert.Equal(["PG000", "PG001", "PG002", "PG003"], Rows(first).Take(4));
        Assert.Contains("href=\"/Monitoring/Discover?handler=Export&amp;program=dibao&amp;county=440183\"", first, StringComparison.Ordinal);

        var second = await approver.GetStringAsync("/Monitoring/Discover?program=dibao&county=440183&p=2");
        Assert.Contains("第 2 / 2 页，共 53 条", second, StringComparison.Ordinal);
        Assert.Contains("href=\"?program=dibao&amp;county=440183&amp;p=1\" data-testid=\"pager-previous\">上一页", second, StringComparison.Ordinal);
        Assert.DoesNotContain("下一页", second, StringComparison.Ordinal);
        Assert.Equal(["PG050", "PG051", "PG052"], Rows(second));
        Assert.Contains("<td class=\"num\">51</td>", second, StringComparison.Ordinal);   // the rank goes on from page 1

        // Another program: none of these rows, no pager.
        var none = await approver.GetStringAsync("/Monitoring/Discover?program=expenditure_hardship");
        Assert.Contains("没有符合筛选条件的家庭", none, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"pager\"", none, StringComparison.Ordinal);

        var export = await approver.GetAsync("/Monitoring/Discover?handler=Export&program=dibao&county=440183");
        using var file = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        var rows = file.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(count, rows.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => "PG" + i.ToString("000", System.Globalization.CultureInfo.InvariantCulture)),
            rows.Select(r => (string)r["户编号"]!));

        static List<string> Rows(string html) =>
            [.. System.Text.RegularExpressions.Regex.Matches(html, "data-testid=\"candidate-(PG\\d+)-").Select(m => m.Groups[1].Value)];
    }
}
