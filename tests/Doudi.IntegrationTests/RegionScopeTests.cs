using System.Security.Claims;
using Doudi.Persistence;
using Doudi.Registry.Search;
using Doudi.Registry.ViewHousehold;
using Doudi.TestData;
using Doudi.Web.Access;
using Microsoft.EntityFrameworkCore;

namespace Doudi.IntegrationTests;

public class RegionScopeTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    private static async Task<(DatabaseLocation Location, RegistrySamples Samples)> SeededAsync(string kind)
    {
        var location = await TestDatabases.CreateAsync(kind);
        await using var db = location.Open();
        return (location, await RegistrySamples.SeedAsync(db));
    }

    private static DoudiDb Scoped(DatabaseLocation location, string prefix)
    {
        var db = location.Open();
        db.ScopePrefix = prefix;
        return db;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_county_user_cannot_reach_another_countys_households_or_members_by_any_query(string kind)
    {
        var (location, s) = await SeededAsync(kind);
        var otherId = s.OtherCounty.Id;
        var otherMember = s.OtherCounty.Members.Single();
        await using var db = Scoped(location, "440183");

        Assert.Equal(["ZC-0001", "ZC-0002"], await db.Households.OrderBy(h => h.HouseholdNo).Select(h => h.HouseholdNo).ToListAsync());
        Assert.Null(await db.Households.FindAsync(otherId));
        Assert.Null(await db.Households.FirstOrDefaultAsync(h => h.Id == otherId));
        Assert.Null(await db.Households.FirstOrDefaultAsync(h => h.HouseholdNo == "TH-0001"));
        Assert.Null(await db.Members.FindAsync(otherMember.Id));
        Assert.Null(await db.Members.FirstOrDefaultAsync(m => m.IdNumber == otherMember.IdNumber));
        Assert.Equal(4, await db.Members.CountAsync());
        Assert.DoesNotContain("张敏", await db.Members.Select(m => m.Name).ToListAsync());
        Assert.Empty(await db.Enrolments.Where(e => e.HouseholdId == otherId).ToListAsync());
        Assert.Equal(3, await db.Enrolments.CountAsync());
        Assert.Null(await HouseholdDetailsQuery.LoadAsync(db, otherId, Today));
        Assert.Equal(Refusal.OutsideScope, await HouseholdDetailsQuery.ExplainRefusalAsync(db, otherId));
        Assert.Equal(Refusal.NoSuchHousehold, await HouseholdDetailsQuery.ExplainRefusalAsync(db, otherId + 1000));

        var byName = await SearchHouseholdsHandler.HandleAsync(db, new SearchHouseholds("张"), Today);
        Assert.Equal(["ZC-0001", "ZC-0002"], byName.Rows.Select(r => r.HouseholdNo));
        var byId = await SearchHouseholdsHandler.HandleAsync(db, new SearchHouseholds(otherMember.IdNumber), Today);
        Assert.Equal(0, byId.Total);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Each_level_sees_exactly_the_households_below_its_region(string kind)
    {
        var (location, _) = await SeededAsync(kind);
        async Task<string[]> Visible(string prefix)
        {
            await using var db = Scoped(location, prefix);
            return [.. await db.Households.OrderBy(h => h.HouseholdNo).Select(h => h.HouseholdNo).ToListAsync()];
        }

        Assert.Equal(["TH-0001", "ZC-0001", "ZC-0002"], await Visible("44"));
        Assert.Equal(["TH-0001", "ZC-0001", "ZC-0002"], await Visible("4401"));
        Assert.Equal(["ZC-0001", "ZC-0002"], await Visible("440183"));
        Assert.Equal(["ZC-0002"], await Visible("440183002"));
        Assert.Equal(["TH-0001"], await Visible("440106"));
        Assert.Empty(await Visible(DoudiDb.NothingInScope));
    }

    [Theory]
    [InlineData("440000", "44")]
    [InlineData("440100", "4401")]
    [InlineData("440183", "440183")]
    [InlineData("440183001", "440183001")]
    [InlineData("not-a-code", DoudiDb.NothingInScope)]
    public void A_signed_in_accounts_region_becomes_the_scope_prefix(string region, string prefix)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(StaffPrincipal.RegionClaim, region)], "cookie"));
        Assert.Equal(prefix, StaffPrincipal.ScopePrefix(user));
    }

    [Fact]
    public void A_request_that_is_not_signed_in_sees_nothing()
    {
        Assert.Equal(DoudiDb.NothingInScope, StaffPrincipal.ScopePrefix(new ClaimsPrincipal(new ClaimsIdentity())));
        Assert.Equal(DoudiDb.NothingInScope, StaffPrincipal.ScopePrefix(null));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_household_file_shows_masked_ids_ages_region_names_and_history(string kind)
    {
        var (location, s) = await SeededAsync(kind);
        await using var db = Scoped(location, "440183001");
        var h = await HouseholdDetailsQuery.LoadAsync(db, s.Licheng.Id, Today);

        Assert.NotNull(h);
        Assert.Equal("荔城街道", h.TownshipName);
        Assert.Equal("挂绿社区", h.VillageName);
        Assert.Equal("增城区", h.CountyName);
        Assert.Equal(["张伟", "李娜", "张小明"], h.Members.Select(m => m.Name));
        Assert.Equal("440183********0013", h.Members[0].IdMasked);
        Assert.All(h.Members, m => Assert.Matches(@"^\d{6}\*{8}\d{3}[\dX]$", m.IdMasked));
        Assert.Equal(51, h.Members[0].Age);
        Assert.Equal(16, h.Members[2].Age);
        Assert.False(h.Members[1].HukouLocal);
        Assert.True(h.Members[0].HukouLocal);
        Assert.Equal(["disability_living_subsidy"], h.Members[2].Programs);
        Assert.Equal(["dibao", "disability_living_subsidy", "dibao_edge"], h.Enrolments.Select(e => e.Program));
        Assert.Equal("张小明", h.Enrolments[1].MemberName);
    }
}
