using System.Text;
using Doudi.Applications;
using Microsoft.EntityFrameworkCore;
using static Doudi.IntegrationTests.Applications.ApplicationWorld;

namespace Doudi.IntegrationTests.Applications;

/// <summary>Bad input is refused with a Chinese message naming the field and the reason, and nothing changes.</summary>
public class BadInputTests
{
    private static async Task<(int Applications, int Audit, int Documents)> CountsAsync(ApplicationWorld world)
    {
        await using var db = world.Db();
        return (await db.Applications.CountAsync(), await db.AuditRecords.CountAsync(), await db.ApplicationDocuments.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_bad_application_is_refused_naming_the_field_and_nothing_is_stored(string kind)
    {
        var world = await CreateAsync(kind);
        var h = await world.NewHouseholdAsync();
        var good = Submission(h);
        var spouse = h.Members[1];
        var cases = new (SubmitApplication Submission, string Message)[]
        {
            (good with { ConsentMemberIds = [h.Members[0].Id] }, $"授权：家庭经济状况核对须由全体家庭成员签字授权，缺少 {spouse.Name} 的授权。"),
            (good with { HouseholdId = h.Id + 100000 }, "家庭：找不到该家庭，或不在本账号辖区内。"),
            (good with { Program = "housing" }, "申请项目：“housing”不是可申请的项目。"),
            (good with { AppliedOn = Today.AddDays(1) }, "申请日期：2026-11-30 晚于今天（2026-11-29），不能登记未来的日期。"),
            (good with { Program = "tekun" }, "申请对象：特困是个人项目，请选择该户的一名现有成员。"),
            (good with { ApplicantMemberId = null, AgentName = "赵代办", AgentIdNumber = "440183198001011234" }, "代办人身份证号：身份证号校验位错误：应为 3，实际为 4。"),
            (good with { FiledAtCode = "440106001" }, "申请地：440106001 既不是该户居住地乡镇（440118001），也不是成员的户籍地。"),
            (good with { DocumentsReceived = ["passport"] }, "材料清单：“passport”不在该项目的材料清单中。"),
        };
        var before = await CountsAsync(world);
        foreach (var (submission, message) in cases)
        {
            var refused = await Assert.ThrowsAsync<CaseRefusedException>(() => world.SubmitAsync(submission));
            Assert.Equal(message, refused.Message);
            Assert.Equal(message[..message.IndexOf('：', StringComparison.Ordinal)], refused.Field);
        }
        Assert.Equal(before, await CountsAsync(world));

        // The same household then applies properly, once; a second open application for the program is refused.
        var submitted = await world.SubmitAsync(good);
        Assert.Equal(ApplicationStates.Submitted, submitted.State);
        // 2 working days after Friday 9 October 2026: Saturday the 10th is a make-up working day (国庆 调休), then Monday.
        Assert.Equal(new DateOnly(2026, 10, 12), submitted.StepDueOn);
        var again = await Assert.ThrowsAsync<CaseRefusedException>(() => world.SubmitAsync(good));
        Assert.Equal("申请项目：该户已有办理中的低保申请，不能重复申请。", again.Message);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_file_is_judged_by_its_content_and_size_and_a_refused_one_leaves_no_trace(string kind)
    {
        var world = await CreateAsync(kind);
        var (_, id) = await world.CaseInAsync(ApplicationStates.Submitted);
        var before = await CountsAsync(world);
        var snapshot = await world.SnapshotAsync(id);
        var tooLarge = new byte[CaseFiles.MaxBytes + 1];
        "%PDF-1.7"u8.CopyTo(tooLarge);
        var cases = new (UploadDocument Upload, string Message)[]
        {
            (new UploadDocument(id, "income_proof", "收入证明.pdf", Encoding.UTF8.GetBytes("<html>not a pdf</html>")), "文件：内容不是 PDF、JPEG 或 PNG（按文件内容判断，与文件名无关）。"),
            (new UploadDocument(id, "income_proof", "收入证明.pdf", tooLarge), "文件：大小 10.0 MB，超过上限 10 MB。"),
            (new UploadDocument(id, "income_proof", "空.pdf", []), "文件：文件为空。"),
            (new UploadDocument(id, "tax_return", "a.pdf", "%PDF-1.4 x"u8.ToArray()), "材料类别：“tax_return”不是本项目的材料。"),
        };
        foreach (var (upload, message) in cases)
        {
            await using var db = world.Db(Caseworker);
            var refused = await Assert.ThrowsAsync<CaseRefusedException>(() => world.Workflow.UploadAsync(db, world.Files, upload, Caseworker));
            Assert.Equal(message, refused.Message);
        }
        Assert.Equal(before, await CountsAsync(world));
        Assert.Equal(snapshot, await world.SnapshotAsync(id));
        Assert.False(Directory.Exists(world.Files.Root) && Directory.EnumerateFiles(world.Files.Root, "*", SearchOption.AllDirectories).Any());

        // A real PDF named .jpg is stored as the PDF it is, outside any web root.
        await using (var db = world.Db(Caseworker))
        {
            var stored = await world.Workflow.UploadAsync(db, world.Files, new UploadDocument(id, "income_proof", "扫描件.jpg", "%PDF-1.4 收入证明"u8.ToArray()), Caseworker);
            Assert.Equal("application/pdf", stored.ContentType);
            Assert.True(File.Exists(world.Files.PathOf(stored.Sha256)));
            Assert.DoesNotContain("wwwroot", world.Files.PathOf(stored.Sha256), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_step_dated_in_the_future_or_before_the_last_step_or_without_its_reason_is_refused(string kind)
    {
        var world = await CreateAsync(kind);
        var (_, id) = await world.CaseInAsync(ApplicationStates.Verified);
        var before = await world.SnapshotAsync(id);
        var cases = new (TakeStep Step, string Message)[]
        {
            (new TakeStep(id, "accept", Today.AddDays(3)), "日期：2026-12-02 晚于今天（2026-11-29），不能登记未来的日期。"),
            (new TakeStep(id, "accept", Applied.AddDays(-1)), "日期：2026-10-08 早于上一步的日期（2026-10-12）。"),
            (new TakeStep(id, "not_accept", Today, "  "), "理由：“不予受理”必须填写理由。"),
            (new TakeStep(id, "return", Today, "补充核对", "enrolled"), "退回至：请选择此前的步骤（待经济状况核对）。"),
            (new TakeStep(id, "fly", Today), "操作：未知的操作“fly”。"),
        };
        foreach (var (step, message) in cases)
        {
            var refused = await Assert.ThrowsAsync<CaseRefusedException>(() => world.StepAsync(id, step, Caseworker));
            Assert.Equal(message, refused.Message);
        }
        Assert.Equal(before, await world.SnapshotAsync(id));
    }
}
