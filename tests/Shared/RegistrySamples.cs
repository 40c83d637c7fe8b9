using Doudi.Kernel;
using Doudi.Persistence;
using Doudi.Registry;

namespace Doudi.TestData;

/// <summary>
/// A few households written straight into the database (the roster importer is not needed for these
/// tests): two in the demo county 440183 (two townships) and one in another county, 440106.
/// </summary>
public sealed record RegistrySamples(Household Licheng, Household Zengjiang, Household OtherCounty)
{
    public const string County = "440183";
    public const string Township = "440183001";
    public const string SecondTownship = "440183002";
    public const string OtherTownship = "440106001";

    public static string Id(string first17) => first17 + IdNumber.ComputeCheckCharacter(first17);

    // Seeded with ScopePrefix "" (everything): the writer of test data is not a scoped user.
    public static async Task<RegistrySamples> SeedAsync(DoudiDb db)
    {
        db.Regions.AddRange(
            new Region { Code = County, Name = "增城区", ParentCode = "440100" },
            new Region { Code = Township, Name = "荔城街道", ParentCode = County },
            new Region { Code = SecondTownship, Name = "增江街道", ParentCode = County },
            new Region { Code = "440183001001", Name = "挂绿社区", ParentCode = Township },
            new Region { Code = OtherTownship, Name = "沙河街道", ParentCode = "440106" });

        var since = new DateOnly(2024, 3, 1);
        var licheng = Household("ZC-0001", Township, "440183001001", "dibao", 1796m, since);
        licheng.Address = "荔城街道挂绿路 8 号";
        licheng.FinancialAssets = 3200m;
        licheng.Members.AddRange(
        [
            Member("张伟", Id("44018319750312001"), "male", new DateOnly(1975, 3, 12), "head", "440183001"),
            Member("李娜", Id("44522119780708002"), "female", new DateOnly(1978, 7, 8), "spouse", "445221"),
            Member("张小明", Id("44018320100115003"), "male", new DateOnly(2010, 1, 15), "child", "440183001", disability: ("肢体", 2), programs: "disability_living_subsidy"),
        ]);
        var zengjiang = Household("ZC-0002", SecondTownship, null, "dibao_edge", 0m, since);
        zengjiang.Members.Add(Member("张强", Id("44018319600101005"), "male", new DateOnly(1960, 1, 1), "head", "440183002"));
        var other = Household("TH-0001", OtherTownship, null, "dibao", 1196m, since);
        other.Members.Add(Member("张敏", Id("44010619800505006"), "female", new DateOnly(1980, 5, 5), "head", "440106001"));
        db.Households.AddRange(licheng, zengjiang, other);
        await db.SaveChangesAsync();

        var child = licheng.Members.Single(m => m.Name == "张小明");
        db.Enrolments.AddRange(
            new Enrolment { HouseholdId = licheng.Id, Program = "dibao_edge", MonthlyAmount = 0m, From = new DateOnly(2023, 1, 1), To = since.AddDays(-1), Source = "import:1" },
            new Enrolment { HouseholdId = licheng.Id, Program = "dibao", MonthlyAmount = 1796m, From = since, Source = "import:1" },
            new Enrolment { HouseholdId = licheng.Id, MemberId = child.Id, Program = "disability_living_subsidy", MonthlyAmount = 200m, From = since, Source = "import:1" },
            new Enrolment { HouseholdId = other.Id, Program = "dibao", MonthlyAmount = 1196m, From = since, Source = "import:2" });
        await db.SaveChangesAsync();
        return new RegistrySamples(licheng, zengjiang, other);
    }

    private static Household Household(string no, string township, string? village, string program, decimal amount, DateOnly since) => new()
    {
        HouseholdNo = no,
        CountyCode = township[..6],
        TownshipCode = township,
        VillageCode = village,
        Area = "urban",
        Program = program,
        MonthlyAmount = amount,
        ProgramSince = since,
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    private static Member Member(string name, string id, string sex, DateOnly birth, string relation, string hukou,
        (string Category, int Grade)? disability = null, string programs = "") => new()
        {
            Name = name,
            IdNumber = id,
            Sex = sex,
            BirthDate = birth,
            Relation = relation,
            HukouCode = hukou,
            DisabilityCategory = disability?.Category,
            DisabilityGrade = disability?.Grade,
            MonthlyIncome = 0m,
            MemberPrograms = programs,
            JoinedOn = new DateOnly(2000, 1, 1),
        };
}
