using System.Net;
using System.Text.RegularExpressions;
using Doudi.Monitoring;
using Doudi.Oversight;
using Doudi.TestData;
using Microsoft.EntityFrameworkCore;

namespace Doudi.IntegrationTests.Monitoring;

/// <summary>The alert detail page: evidence in full, scoped, audited, and closable from there.</summary>
public partial class AlertDetailWebTests
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_caseworker_opens_an_alert_of_its_township_with_every_evidence_item_and_closes_it_there(string kind)
    {
        await using var web = await WebHarness.StartAsync(kind);
        var idNumber = RegistrySamples.Id("44018319750312001");
        long id;
        await using (var db = web.Database.Open())
        {
            var alert = new Alert
            {
                Rule = Rules.PropertyOverLimit,
                IdNumber = idNumber,
                HouseholdId = web.Samples.Licheng.Id,
                HouseholdNo = "ZC-0001",
                County = RegistrySamples.County,
                Township = RegistrySamples.Township,
                Severity = "medium",
                Month = "2024-05",
                DetectedOn = new DateOnly(2024, 6, 3),
                DueOn = new DateOnly(2024, 6, 18),
                Evidence =
                [
                    new AlertEvidence { Key = $"property:粤房-1+{idNumber}", Text = $"property:粤房-1+{idNumber} property_kind=residential", Month = "2024-05" },
                    new AlertEvidence { Key = $"property:粤房-2+{idNumber}", Text = $"property:粤房-2+{idNumber} property_kind=residential", Month = "2024-06" },
                ],
            };
            db.Alerts.Add(alert);
            await db.SaveChangesAsync();
            id = alert.Id;
        }

        using var caseworker = web.NewClient();
        await WebHarness.SignInAsync(caseworker, "caseworker", web.PasswordOf("caseworker"));
        Assert.Contains($"href=\"/Alerts/{id}\"", await caseworker.GetStringAsync("/Alerts"), StringComparison.Ordinal);
        var html = await caseworker.GetStringAsync($"/Alerts/{id}");
        Assert.Contains("依据（2 条）", html, StringComparison.Ordinal);
        Assert.Contains("粤房-2", html, StringComparison.Ordinal);
        Assert.Contains("<td>2024-06</td>", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Verification/Household/{web.Samples.Licheng.Id}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(idNumber, html, StringComparison.Ordinal);

        using var outsider = web.NewClient();
        await WebHarness.SignInAsync(outsider, "other-caseworker", web.PasswordOf("other-caseworker"));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Alerts/{id}")).StatusCode);

        var token = TokenPattern().Match(html).Groups[1].Value;
        var closed = await caseworker.PostAsync("/Alerts?handler=Close", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["finding"] = "data_error",
            ["action"] = "不动产登记已更正",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Contains("已办结：数据错误", await caseworker.GetStringAsync($"/Alerts/{id}"), StringComparison.Ordinal);

        await using var check = web.Database.Open();
        var records = await check.AuditRecords.Where(r => r.Subject == AuditActions.AlertSubject(id)).Select(r => new { r.Action, r.Actor }).ToListAsync();
        Assert.Equal(2, records.Count(r => r.Action == AuditActions.AlertView && r.Actor == "caseworker"));
        Assert.Single(records, r => r.Action == AuditActions.AlertViewRefused && r.Actor == "other-caseworker");
        Assert.Single(records, r => r.Action == AuditActions.AlertClosed);
    }
}
