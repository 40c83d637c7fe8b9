using Doudi.Registry.Demo;
using Microsoft.EntityFrameworkCore;

namespace Doudi.IntegrationTests;

public class DemoRegionLoaderTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task An_empty_database_gets_the_demo_county_with_named_townships_and_villages_once(string kind)
    {
        var location = await TestDatabases.CreateAsync(kind);

        Assert.True(await DemoRegion.LoadIfEmptyAsync(location, CancellationToken.None));
        Assert.False(await DemoRegion.LoadIfEmptyAsync(location, CancellationToken.None));

        await using var db = location.Open();
        Assert.Equal(2000, await db.Households.CountAsync());
        Assert.Equal(0, await db.Households.CountAsync(h => h.VillageCode == null));
        Assert.Equal("荔城街道", (await db.Regions.SingleAsync(r => r.Code == "440118001")).Name);
        Assert.True(await db.Regions.CountAsync(r => r.Code.Length == 12) > 100);
    }
}
