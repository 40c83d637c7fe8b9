using Doudi.Monitoring;
using Doudi.Oversight;
using Doudi.TestData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Doudi.BrowserTests;

/// <summary>A township caseworker works through its alert inbox; another county's caseworker sees none of it.</summary>
public class AlertInboxJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string ZhangWei = RegistrySamples.Id("44018319750312001");
    private static readonly string ZhangMin = RegistrySamples.Id("44010619800505006");

    // Alerts as a monitoring run leaves them, written straight into the fixture's database.
    private async Task<(long Vehicle, long Death, long Other)> SeedAlertsAsync()
    {
        await using var db = fixture.Database.Open();
        Alert New(string rule, string idNumber, string householdNo, string township, DateOnly detected, string evidenceKey, string evidence) => new()
        {
            Rule = rule,
            IdNumber = idNumber,
            HouseholdNo = householdNo,
            County = township[..6],
            Township = township,
            Severity = "high",
            Month = "2024-05",
            DetectedOn = detected,
            DueOn = detected.AddDays(14),
            Evidence = [new AlertEvidence { Key = evidenceKey, Text = evidence, Month = "2024-05" }],
        };
        var recent = DateOnly.FromDateTime(DateTime.UtcNow);
        var vehicle = New(Rules.VehicleOwner, ZhangWei, "ZC-0001", RegistrySamples.Township, recent, "vehicle:粤A12345",
            $"vehicle 粤A12345 owner {ZhangWei} 张伟 car registered 2020-01-01");
        var death = New(Rules.DeceasedRecipient, ZhangWei, "ZC-0001", RegistrySamples.Township, new DateOnly(2024, 6, 3), "death:" + ZhangWei,
            "death 张伟 2024-05-02");
        var other = New(Rules.VehicleOwner, ZhangMin, "TH-0001", RegistrySamples.OtherTownship, recent, "vehicle:粤A99999",
            "vehicle 粤A99999 张敏 car");
        db.Alerts.AddRange(vehicle, death, other);
        await db.SaveChangesAsync();
        return (vehicle.Id, death.Id, other.Id);
    }

    [Fact]
    public async Task A_caseworker_closes_its_townships_alert_with_a_finding_and_an_action_and_another_county_sees_none_of_it()
    {
        var (vehicleId, deathId, otherId) = await SeedAlertsAsync();
        var page = await fixture.SignedInPageAsync("caseworker");
        await page.GetByRole(AriaRole.Link, new() { Name = "预警处置" }).ClickAsync();

        // One township: its list opens at once, oldest due first, the overdue one marked.
        var open = page.GetByTestId("open-alerts");
        await Assertions.Expect(open.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(open.Locator("tbody tr").First).ToHaveAttributeAsync("data-testid", $"alert-{deathId}");
        await Assertions.Expect(page.GetByTestId($"alert-{deathId}")).ToContainTextAsync("已逾期");
        await Assertions.Expect(page.GetByTestId($"alert-{vehicleId}")).Not.ToContainTextAsync("已逾期");
        var row = page.GetByTestId($"alert-{vehicleId}");
        await Assertions.Expect(row).ToContainTextAsync("名下有车辆");
        await Assertions.Expect(row.Locator("ul.evidence")).ToContainTextAsync("粤A12345");
        await Assertions.Expect(row.Locator("td.id")).ToHaveTextAsync("440183********0013");
        await Assertions.Expect(row.Locator("ul.evidence")).ToContainTextAsync("440183********0013");
        Assert.DoesNotContain(ZhangWei, await page.ContentAsync(), StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("open-alerts")).Not.ToContainTextAsync("张敏");
        await Assertions.Expect(page.GetByTestId("townships")).Not.ToContainTextAsync(RegistrySamples.OtherTownship);
        await BrowserFixture.ScreenshotAsync(page, "alerts-inbox");

        // A finding without an action is refused, naming the field; the chosen finding stays.
        await row.GetByLabel("核查结果").SelectOptionAsync(new SelectOptionValue { Label = "不属实" });
        await row.GetByRole(AriaRole.Button, new() { Name = "办结" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("close-error")).ToContainTextAsync("处理措施");
        await Assertions.Expect(page.GetByTestId($"alert-{vehicleId}").GetByLabel("核查结果")).ToHaveValueAsync("not_confirmed");
        await BrowserFixture.ScreenshotAsync(page, "alerts-close-refused");

        row = page.GetByTestId($"alert-{vehicleId}");
        await row.GetByLabel("处理措施").FillAsync("车辆已于2023年过户，核实不属实");
        await row.GetByRole(AriaRole.Button, new() { Name = "办结" }).ClickAsync();
        var closed = page.GetByTestId($"closed-{vehicleId}");
        await Assertions.Expect(closed).ToContainTextAsync("不属实");
        await Assertions.Expect(closed).ToContainTextAsync("车辆已于2023年过户");
        await Assertions.Expect(closed).ToContainTextAsync("caseworker");
        await Assertions.Expect(page.GetByTestId("open-alerts").Locator("tbody tr")).ToHaveCountAsync(1);
        // The chart of the region's alerts by rule: its labels are text in the page.
        await Assertions.Expect(page.GetByTestId("alerts-chart").Locator("svg")).ToContainTextAsync("名下有车辆");
        await Assertions.Expect(page.GetByTestId("alerts-chart").Locator("svg")).ToContainTextAsync("已逾期");
        await BrowserFixture.ScreenshotAsync(page, "alerts-closed");

        // The township's lists as Excel: every open and closed alert, ID numbers masked as on the page.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-alerts").ClickAsync());
        var file = Path.Combine(BrowserFixture.ArtifactsDir, download.SuggestedFilename);
        await download.SaveAsAsync(file);
        var openSheet = MiniExcelLibs.MiniExcel.Query(file, useHeaderRow: true, sheetName: "未办结").Cast<IDictionary<string, object?>>().ToList();
        var closedSheet = MiniExcelLibs.MiniExcel.Query(file, useHeaderRow: true, sheetName: "已处置").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("已逾期", Assert.Single(openSheet)["是否逾期"]);
        Assert.Equal(("不属实", "440183********0013", "caseworker"),
            ((string?)closedSheet.Single()["核查结果"], (string?)closedSheet.Single()["身份证号"], (string?)closedSheet.Single()["办结人"]));
        Assert.DoesNotContain(ZhangWei, string.Join("|", closedSheet.Single().Values), StringComparison.Ordinal);

        await using (var db = fixture.Database.Open())
        {
            var record = await db.AuditRecords.AsNoTracking().SingleAsync(r => r.Action == AuditActions.AlertClosed && r.Subject == AuditActions.AlertSubject(vehicleId));
            Assert.Equal("caseworker", record.Actor);
            Assert.Contains("finding=not_confirmed", record.Detail, StringComparison.Ordinal);
        }

        var intruder = await fixture.SignedInPageAsync("other-caseworker");
        await intruder.GetByRole(AriaRole.Link, new() { Name = "预警处置" }).ClickAsync();
        await Assertions.Expect(intruder.GetByTestId($"alert-{otherId}")).ToBeVisibleAsync();
        await Assertions.Expect(intruder.Locator("main")).Not.ToContainTextAsync("粤A12345");
        await intruder.GotoAsync($"{fixture.BaseUrl}/Alerts?township={RegistrySamples.Township}");
        await Assertions.Expect(intruder.Locator("main")).Not.ToContainTextAsync("粤A12345");
        await Assertions.Expect(intruder.GetByTestId("open-alerts").Locator("tbody tr")).ToHaveCountAsync(0);
        // Nor does an export of that township name any of its alerts.
        var theirs = await intruder.APIRequest.GetAsync($"{fixture.BaseUrl}/Alerts?handler=Export&township={RegistrySamples.Township}");
        Assert.Equal(200, theirs.Status);
        using (var xlsx = new MemoryStream(await theirs.BodyAsync()))
            Assert.Empty(MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "已处置"));
        await BrowserFixture.ScreenshotAsync(intruder, "alerts-other-county");
    }
}
