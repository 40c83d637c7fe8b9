using Doudi.Kernel;
using Doudi.Registry.Demo;

namespace Doudi.Tests.Imports;

public class DemoRegionTests
{
    private static readonly DateOnly AsOf = new(2026, 10, 31);

    [Fact]
    public void The_same_seed_gives_the_same_files()
    {
        var a = DemoRegion.Generate(new DemoOptions(300, 5, AsOf));
        var b = DemoRegion.Generate(new DemoOptions(300, 5, AsOf));
        foreach (var writer in DemoFiles.Writers) Assert.Equal(DemoFiles.ToBytes(a, writer), DemoFiles.ToBytes(b, writer));
    }

    [Fact]
    public void Households_average_about_2_6_people_whose_id_numbers_agree_with_sex_and_birth_date()
    {
        var region = DemoRegion.Generate(new DemoOptions(3000, 11, AsOf));
        var people = region.People.ToList();
        Assert.InRange(people.Count / 3000.0, 2.2, 3.0);
        // A few people are listed by two households (duplicate_enrolment has something to find), never twice by one.
        var twice = people.Count - people.Select(p => p.IdNumber).Distinct().Count();
        Assert.InRange(twice, 6, 18);
        Assert.All(region.Households, h => Assert.Equal(h.Members.Count, h.Members.Select(m => m.IdNumber).Distinct().Count()));
        foreach (var p in people)
        {
            var id = IdNumber.Parse(p.IdNumber, AsOf);
            Assert.Equal(p.BirthDate, id.BirthDate);
            Assert.Equal(p.Sex, id.Sex == Sex.Male ? "male" : "female");
        }
        Assert.All(region.Villages, v => Assert.StartsWith(v.ParentCode, v.Code, StringComparison.Ordinal));
    }
}
