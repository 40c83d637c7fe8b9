namespace Doudi.IntegrationTests.Monitoring;

public class DemoMonitoringTests
{
    [Fact]
    public async Task Demo_data_lists_a_few_people_in_two_households_and_monitoring_raises_duplicate_enrolment_for_each()
    {
        var dir = Directory.CreateTempSubdirectory("doudi-demo-dup-").FullName;
        var db = Path.Combine(dir, "d.db");
        Assert.Equal(0, (await DoudiProcess.RunAsync("demo", "generate", "--households", "1000", "--out", dir, "--seed", "3", "--month", "2024-05")).Code);
        // members.csv: household_id first, id_number second (no quoting in demo IDs).
        var memberships = (await File.ReadAllLinesAsync(Path.Combine(dir, "members.csv"))).Skip(1)
            .Select(l => l.Split(',')).Select(f => (Household: f[0], Id: f[1])).ToList();
        var twice = memberships.GroupBy(m => m.Id).Where(g => g.Count() == 2).Select(g => g.Key).ToHashSet();
        Assert.InRange(twice.Count, 2, 8);   // 0.4% of 1,000 households

        Assert.Equal(0, (await DoudiProcess.RunAsync("--database", db, "registry", "import", "--households", Path.Combine(dir, "households.csv"), "--members", Path.Combine(dir, "members.csv"))).Code);
        var run = await DoudiProcess.RunAsync("--database", db, "monitor", "run", "--month", "2024-05", "--run-date", "2024-06-03");
        Assert.Equal(0, run.Code);
        var export = Path.Combine(dir, "alerts.csv");
        Assert.Equal(0, (await DoudiProcess.RunAsync("--database", db, "alerts", "export", "--out", export)).Code);
        var duplicates = (await File.ReadAllLinesAsync(export)).Select(l => l.Split(',')).Where(f => f[0].TrimStart('\uFEFF') == "duplicate_enrolment").ToList();
        // One alert per household of each such person.
        Assert.Equal(twice.Count * 2, duplicates.Count);
        Assert.Equal(twice, duplicates.Select(f => f[1]).ToHashSet());
    }
}
