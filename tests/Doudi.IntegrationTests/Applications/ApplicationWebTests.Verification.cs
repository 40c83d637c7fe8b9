using System.Globalization;
using System.Net;
using System.Text;
using Doudi.Feeds;
using Doudi.Imports;
using Doudi.Verification;
using Microsoft.EntityFrameworkCore;

namespace Doudi.IntegrationTests.Applications;

public sealed partial class ApplicationWebTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_verification_step_keeps_the_household_report_of_that_day_with_the_case_and_later_imports_do_not_change_it(string kind)
    {
        var (web, householdId) = await StartAsync(kind);
        await using var _ = web;
        var client = await SignedInAsync(web, "zc-cw");
        List<(long Id, string IdNumber, string Name)> members;
        await using (var db = web.Database.Open())
            members = (await db.Members.Where(m => m.HouseholdId == householdId).OrderBy(m => m.Id)
                .Select(m => new { m.Id, m.IdNumber, m.Name }).ToListAsync()).Select(m => (m.Id, m.IdNumber, m.Name)).ToList();
        await ImportVehicleAsync(web, members[0], "粤A-APP1", "vehicle-1.csv");

        var newUrl = $"/Applications/New?householdId={householdId}&program=dibao";
        var form = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", await TokenAsync(client, newUrl)),
            new("HouseholdId", Text(householdId)),
            new("Program", "dibao"),
            new("ApplicantMemberId", Text(members[0].Id)),
            new("AppliedOn", "2026-11-02"),
        };
        form.AddRange(members.Select(m => new KeyValuePair<string, string>("Consent", Text(m.Id))));
        var created = await client.PostAsync(newUrl, new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var caseUrl = created.Headers.Location!.OriginalString;
        var caseId = long.Parse(caseUrl[(caseUrl.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);

        var verified = await client.PostAsync(caseUrl + "?handler=Step", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await TokenAsync(client, caseUrl),
            ["action"] = "verify",
            ["on"] = "2026-11-03",
            ["verificationPassed"] = "no",
            ["verificationNote"] = "公安交管数据显示户主名下有小汽车一辆。",
            ["attachReport"] = "on",
        }));
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        await using (var db = web.Database.Open())
        {
            var stored = await db.Applications.Where(a => a.Id == caseId).Select(a => a.VerificationReport).SingleAsync();
            Assert.NotNull(stored);
            var report = VerificationReport.FromJson(stored);
            Assert.Equal(householdId, report.HouseholdId);
            Assert.Equal(new DateOnly(2026, 11, 3), report.Date);
            Assert.Equal(Verdict.Fail, report.Test(AssetTests.Vehicles).Verdict);
        }

        // A vehicle imported afterwards shows in a new verification, never in the one the case was decided on.
        await ImportVehicleAsync(web, members[0], "粤A-APP2", "vehicle-2.csv");
        Assert.Contains("存档的核对报告", await client.GetStringAsync(caseUrl), StringComparison.Ordinal);
        var storedPage = await client.GetStringAsync($"/Verification/Household/{householdId}?fromApplication={caseId}");
        Assert.Contains("data-testid=\"stored-report\"", storedPage, StringComparison.Ordinal);
        Assert.Contains("粤A-APP1", storedPage, StringComparison.Ordinal);
        Assert.DoesNotContain("粤A-APP2", storedPage, StringComparison.Ordinal);
        Assert.DoesNotContain(members[0].IdNumber, storedPage, StringComparison.Ordinal);
        Assert.Contains("粤A-APP2", await client.GetStringAsync($"/Verification/Household/{householdId}?date=2026-11-20"), StringComparison.Ordinal);
    }

    private static async Task ImportVehicleAsync(WebHarness web, (long Id, string IdNumber, string Name) owner, string plate, string name)
    {
        var dir = Directory.CreateTempSubdirectory("doudi-app-verify-");
        var file = Path.Combine(dir.FullName, name);
        await File.WriteAllTextAsync(file, $"id_number,name,plate,vehicle_type,registered_on\n{owner.IdNumber},{owner.Name},{plate},car,2023-01-01\n", new UTF8Encoding(false));
        var imported = await new ImportFeedHandler(web.Database, web.Feeds).Handle(new ImportFeed(FeedTypes.Get("vehicle"),
            ImportSource.FromFile(file), null, null, 0.05m, new DateOnly(2026, 11, 2), "test"), CancellationToken.None);
        Assert.IsType<ImportFeedOutcome.Imported>(imported);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
