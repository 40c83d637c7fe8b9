using Doudi.Kernel;

namespace Doudi.Tests;

public class RegionCodeTests
{
    [Fact]
    public void The_shipped_list_holds_every_county_of_2022()
    {
        Assert.Equal(124, RegionCatalog.Guangdong2022.Counties.Count);
        Assert.Equal("天河区", RegionCatalog.Guangdong2022.FindCounty("440106")!.Name);
    }

    [Theory]
    [InlineData("440000", "44")]
    [InlineData("440100", "4401")]
    [InlineData("440106", "440106")]
    [InlineData("441900", "441900")]
    [InlineData("440106001", "440106001")]
    public void A_scope_prefix_covers_the_region_and_everything_below(string code, string prefix)
    {
        Assert.Equal(prefix, RegionCode.Parse(code).ScopePrefix);
    }

    [Fact]
    public void A_city_contains_its_townships_but_not_another_citys()
    {
        var guangzhou = RegionCode.Parse("440100");
        Assert.True(guangzhou.Contains(RegionCode.Parse("440106001")));
        Assert.False(guangzhou.Contains(RegionCode.Parse("440303001")));
    }
}
