using Doudi.Oversight;
using Doudi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Doudi.IntegrationTests;

public class AuditTrailTests
{
    private static readonly AuditTrail Trail = new(TimeProvider.System);

    private static async Task<List<AuditRecord>> AppendAsync(DatabaseLocation location, int count)
    {
        var records = new List<AuditRecord>();
        for (var i = 0; i < count; i++)
        {
            await using var db = location.Open();
            records.Add(await Trail.AppendAsync(db, new AuditEntry("caseworker", AuditActions.HouseholdView, "household:" + i, "view " + i, "127.0.0.1")));
        }
        return records;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Appended_records_form_a_chain_that_verifies(string kind)
    {
        var location = await TestDatabases.CreateAsync(kind);
        var records = await AppendAsync(location, 5);

        Assert.Equal(AuditTrail.GenesisHash, records[0].PreviousHash);
        for (var i = 1; i < records.Count; i++) Assert.Equal(records[i - 1].Hash, records[i].PreviousHash);
        await using var db = location.Open();
        var result = await AuditTrail.VerifyChainAsync(db);
        Assert.True(result.Intact, result.Reason);
        Assert.Equal(5, result.Checked);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Appends_from_many_requests_at_once_keep_one_unbroken_chain(string kind)
    {
        var location = await TestDatabases.CreateAsync(kind);
        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            await using var db = location.Open();
            await Trail.AppendAsync(db, new AuditEntry("user" + i, AuditActions.HouseholdSearch, "search", null, "10.0.0." + i));
        })));

        await using var check = location.Open();
        var result = await AuditTrail.VerifyChainAsync(check);
        Assert.True(result.Intact, result.Reason);
        Assert.Equal(24, result.Checked);
        Assert.Equal(24, await check.AuditRecords.Select(r => r.PreviousHash).Distinct().CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Editing_a_record_is_found_at_that_record(string kind)
    {
        var location = await TestDatabases.CreateAsync(kind);
        var records = await AppendAsync(location, 4);
        await using var db = location.Open();
        var id = records[1].Id;
        await db.AuditRecords.Where(r => r.Id == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Actor, "someone-else"));

        var result = await AuditTrail.VerifyChainAsync(db);
        Assert.False(result.Intact);
        Assert.Equal(id, result.FirstBrokenId);
        Assert.Equal(1, result.Checked);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Deleting_a_record_is_found_at_the_record_after_it(string kind)
    {
        var location = await TestDatabases.CreateAsync(kind);
        var records = await AppendAsync(location, 4);
        await using var db = location.Open();
        await db.AuditRecords.Where(r => r.Id == records[2].Id).ExecuteDeleteAsync();

        var result = await AuditTrail.VerifyChainAsync(db);
        Assert.False(result.Intact);
        Assert.Equal(records[3].Id, result.FirstBrokenId);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Rehashing_an_edited_record_still_breaks_the_link_to_the_next(string kind)
    {
        var location = await TestDatabases.CreateAsync(kind);
        var records = await AppendAsync(location, 3);
        await using var db = location.Open();
        var edited = await db.AuditRecords.SingleAsync(r => r.Id == records[0].Id);
        edited.Detail = "nothing to see";
        edited.Hash = AuditTrail.ComputeHash(edited);
        await db.SaveChangesAsync();

        var result = await AuditTrail.VerifyChainAsync(db);
        Assert.False(result.Intact);
        Assert.Equal(records[1].Id, result.FirstBrokenId);
    }
}
