using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Doudi.Access;
using Doudi.Feeds;
using Doudi.Persistence;
using Doudi.TestData;
using Microsoft.EntityFrameworkCore;

namespace Doudi.IntegrationTests.Feeds;

/// <summary>
/// 部门数据导入's month form as its script drives it: the upload starts a background import, the status tells each
/// file's state until it is done, the results page shows the outcome, and only the user who started it sees any of it.
/// </summary>
public partial class FeedImportJobTests
{
    [Fact]
    public async Task An_uploaded_set_is_imported_in_the_background_followed_to_the_end_and_shown_to_its_uploader_only()
    {
        await using var web = await WebHarness.StartAsync("sqlite");
        using var admin = await AdminAsync(web);
        // An upload a stopped server never imported goes with the next upload once a day old; a recent one stays.
        var abandoned = Directory.CreateTempSubdirectory(Doudi.Web.Pages.Feeds.FeedImportJobs.UploadPrefix);
        var recent = Directory.CreateTempSubdirectory(Doudi.Web.Pages.Feeds.FeedImportJobs.UploadPrefix);
        abandoned.LastWriteTimeUtc = DateTime.UtcNow.AddDays(-2);
        using var start = await admin.PostAsync("/Feeds/Import?handler=SetStart", await SetForm(admin, ("death.csv", Death), ("notes.txt", "x")));
        start.EnsureSuccessStatusCode();
        var job = JsonDocument.Parse(await start.Content.ReadAsStringAsync()).RootElement.GetProperty("job").GetString()!;

        await FollowAsync(admin, job, "death.csv");

        Assert.False(Directory.Exists(abandoned.FullName));
        Assert.True(Directory.Exists(recent.FullName));
        recent.Delete();

        var results = await admin.GetStringAsync($"/Feeds/Import?job={job}");
        Assert.Contains("data-testid=\"set-results\"", results, StringComparison.Ordinal);
        Assert.Contains("已导入（批次", results, StringComparison.Ordinal);
        Assert.Contains("notes.txt", results[results.IndexOf("data-testid=\"set-skipped\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
        await using (var db = web.Database.Open())
        {
            Assert.Equal(1, await db.ImportBatches.CountAsync(b => b.Kind == "death"));
            var audit = await db.AuditRecords.Where(a => a.Action == Doudi.Oversight.AuditActions.FeedImport).SingleAsync();
            Assert.Equal(("admin", "feed:death"), (audit.Actor, audit.Subject));
        }

        // Another administrator does not see it: no status, and the results page says it cannot find it.
        await using (var db = web.Database.Open())
        {
            var other = new StaffAccount { UserName = "admin2", DisplayName = "另一数据管理员", Role = Roles.Administrator, RegionCode = "440000", PasswordHash = "" };
            other.PasswordHash = StaffPasswords.Hash(other, "Other-password-1");
            db.StaffAccounts.Add(other);
            await db.SaveChangesAsync();
        }
        using var admin2 = web.NewClient();
        await WebHarness.SignInAsync(admin2, "admin2", "Other-password-1");
        Assert.Equal(HttpStatusCode.NotFound, (await admin2.GetAsync($"/Feeds/Import?handler=SetStatus&job={job}")).StatusCode);
        var theirs = await admin2.GetStringAsync($"/Feeds/Import?job={job}");
        Assert.Contains("找不到这次导入", theirs, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"set-results\"", theirs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_set_with_two_files_of_one_name_is_refused_before_any_import_starts()
    {
        await using var web = await WebHarness.StartAsync("sqlite");
        using var admin = await AdminAsync(web);
        using var start = await admin.PostAsync("/Feeds/Import?handler=SetStart", await SetForm(admin, ("death.csv", Death), ("death.csv", Death)));
        var answer = JsonDocument.Parse(await start.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("同名文件上传了不止一个", answer.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.False(answer.TryGetProperty("job", out _));
        await using var db = web.Database.Open();
        Assert.Equal(0, await db.ImportBatches.CountAsync());
    }

    [Fact]
    public async Task A_file_sent_with_the_form_of_its_type_is_imported_in_the_background_and_shown_as_that_form_s_report()
    {
        await using var web = await WebHarness.StartAsync("sqlite");
        using var admin = await AdminAsync(web);
        // Any name: the form says the type.
        using var start = await admin.PostAsync("/Feeds/Import?handler=TypeStart", await TypeForm(admin, "death", "死亡名单2024年5月.csv", Death));
        start.EnsureSuccessStatusCode();
        var job = JsonDocument.Parse(await start.Content.ReadAsStringAsync()).RootElement.GetProperty("job").GetString()!;
        await FollowAsync(admin, job, "死亡名单2024年5月.csv");

        var report = await admin.GetStringAsync($"/Feeds/Import?job={job}");
        Assert.Contains("data-testid=\"report\"", report, StringComparison.Ordinal);
        Assert.Contains("死亡名单2024年5月.csv", report, StringComparison.Ordinal);
        Assert.Contains("已导入（批次", report, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"set-results\"", report, StringComparison.Ordinal);
        await using (var db = web.Database.Open())
        {
            Assert.Equal("死亡名单2024年5月.csv", (await db.ImportBatches.SingleAsync(b => b.Kind == "death")).FileName);
            var audit = await db.AuditRecords.Where(a => a.Action == Doudi.Oversight.AuditActions.FeedImport).SingleAsync();
            Assert.Equal(("admin", "feed:death"), (audit.Actor, audit.Subject));
        }

        // A type the page does not know is refused before anything is saved.
        using var unknown = await admin.PostAsync("/Feeds/Import?handler=TypeStart", await TypeForm(admin, "weather", "weather.csv", Death));
        var answer = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("未知的数据类型", answer.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.False(answer.TryGetProperty("job", out _));
    }

    /// <summary>Follows a job as the page does, until it says it is done (each answer names the one file and a known state).</summary>
    private static async Task FollowAsync(HttpClient client, string job, string fileName)
    {
        JsonElement status;
        var polls = 0;
        do
        {
            if (polls++ > 0) await Task.Delay(100);
            status = JsonDocument.Parse(await client.GetStringAsync($"/Feeds/Import?handler=SetStatus&job={job}")).RootElement;
            var file = Assert.Single(status.GetProperty("files").EnumerateArray());
            Assert.Equal(fileName, file.GetProperty("name").GetString());
            Assert.Contains(file.GetProperty("state").GetString(), new[] { "等待", "检查中", "写入中", "完成" });
        }
        while (!status.GetProperty("done").GetBoolean() && polls < 600);
        Assert.True(status.GetProperty("done").GetBoolean());
        Assert.Equal(100, status.GetProperty("percent").GetInt32());
        Assert.Equal("完成", status.GetProperty("files")[0].GetProperty("state").GetString());
    }

    private static async Task<MultipartFormDataContent> TypeForm(HttpClient client, string type, string name, string content)
    {
        var form = await SetForm(client);
        form.Add(new StringContent(type), "type");
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", name);
        return form;
    }

    private static readonly string Death = $"id_number,name,death_date\n{RegistrySamples.Id("44011819500101801")},逝者甲,2024-03-01\n";

    private static async Task<HttpClient> AdminAsync(WebHarness web)
    {
        var admin = web.NewClient();
        await WebHarness.SignInAsync(admin, "admin", web.PasswordOf("admin"));
        return admin;
    }

    private static async Task<MultipartFormDataContent> SetForm(HttpClient client, params (string Name, string Content)[] files)
    {
        var page = await client.GetStringAsync("/Feeds/Import");
        var form = new MultipartFormDataContent { { new StringContent(TokenPattern().Match(page).Groups[1].Value), "__RequestVerificationToken" } };
        foreach (var (name, content) in files) form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "files", name);
        return form;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
