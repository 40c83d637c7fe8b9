using System.Net;
using System.Text.RegularExpressions;
using Doudi.Monitoring;
using Doudi.Oversight;
using Doudi.TestData;
using Microsoft.EntityFrameworkCore;

namespace Doudi.IntegrationTests.Monitoring;

/// <summary>Who may open and close alerts through the web host, posting the close form as a browser does.</summary>
public partial class AlertInboxWebTests
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private static async Task<long> SeedAlertAsync(WebHarness web)
    {
        await using var db = web.Database.Open();
        var alert = new Alert
        {
            Rule = Rules.VehicleOwner,
            IdNumber = RegistrySamples.Id("44018319750312001"),
            HouseholdNo = "ZC-0001",
            County = RegistrySamples.County,
            Township = RegistrySamples.Township,
            Severity = "medium",
            Month = "2024-05",
            DetectedOn = new DateOnly(2024, 6, 3),
            DueOn = new DateOnly(2024, 6, 18),
            Evidence = [new AlertEvidence { Key = "vehicle:粤A12345", Text = "vehicle 粤A12345", Month = "2024-05" }],
        };
        db.Alerts.Add(alert);
        await db.SaveChangesAsync();
        return alert.Id;
    }

    private static async Task<HttpResponseMessage> PostCloseAsync(HttpClient client, long id, string finding, string action)
    {
        var page = await client.GetStringAsync("/Alerts");
        var token = TokenPattern().Match(page).Groups[1].Value;
        return await client.PostAsync("/Alerts?handler=Close", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["finding"] = finding,
            ["action"] = action,
            ["__RequestVerificationToken"] = token,
        }));
    }

    private static async Task<string> StatusAsync(WebHarness web, long id)
    {
        await using var db = web.Database.Open();
        return await db.Alerts.Where(a => a.Id == id).Select(a => a.Status).SingleAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Only_a_caseworker_or_approver_in_scope_can_close_an_alert_and_the_close_and_refusals_are_audited(string kind)
    {
        await using var web = await WebHarness.StartAsync(kind);
        var id = await SeedAlertAsync(web);

        using var anonymous = web.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/Alerts")).StatusCode);

        using var city = web.NewClient();
        await WebHarness.SignInAsync(city, "city", web.PasswordOf("city"));
        Assert.Contains("粤A12345", await city.GetStringAsync($"/Alerts?township={RegistrySamples.Township}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostCloseAsync(city, id, "confirmed", "查实")).StatusCode);

        using var outsider = web.NewClient();
        await WebHarness.SignInAsync(outsider, "other-caseworker", web.PasswordOf("other-caseworker"));
        Assert.Equal(HttpStatusCode.NotFound, (await PostCloseAsync(outsider, id, "confirmed", "查实")).StatusCode);
        Assert.Equal(AlertStatus.Open, await StatusAsync(web, id));

        using var caseworker = web.NewClient();
        await WebHarness.SignInAsync(caseworker, "caseworker", web.PasswordOf("caseworker"));
        var refused = await PostCloseAsync(caseworker, id, "", "已核实");
        Assert.Contains("请选择“核查结果”", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(AlertStatus.Open, await StatusAsync(web, id));
        var closed = await PostCloseAsync(caseworker, id, "data_error", "车辆登记信息有误，已反馈公安");
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);

        await using var db = web.Database.Open();
        var alert = await db.Alerts.SingleAsync(a => a.Id == id);
        Assert.Equal((AlertStatus.Closed, "data_error", "车辆登记信息有误，已反馈公安", "caseworker"), (alert.Status, alert.Finding, alert.Action, alert.ClosedBy));
        var record = await db.AuditRecords.SingleAsync(r => r.Action == AuditActions.AlertClosed);
        Assert.Equal(("caseworker", AuditActions.AlertSubject(id)), (record.Actor, record.Subject));
        var refusal = await db.AuditRecords.SingleAsync(r => r.Action == AuditActions.AlertCloseRefused);
        Assert.Equal(("other-caseworker", AuditActions.AlertSubject(id)), (refusal.Actor, refusal.Subject));
        Assert.Contains(await db.AuditRecords.Where(r => r.Action == AuditActions.AlertInboxView).Select(r => r.Actor).ToListAsync(), a => a == "city");
        Assert.True((await AuditTrail.VerifyChainAsync(db)).Intact);
    }
}
