
namespace Doudi.IntegrationTests;

/// <summary>The contract's exit codes and closing lines, from the real `doudi` program.</summary>
public class RegistryCliTests
{

    [Fact]
    public async Task Import_exits_0_then_0_for_a_repeat_and_2_for_a_rejected_pair_or_a_missing_file()
    {
        var dir = Directory.CreateTempSubdirectory("doudi-cli-").FullName;
        var db = Path.Combine(dir, "doudi.db");
        var (h, m) = new Roster().Household("H1").Member("H1", Roster.Id("19700101", 1), "张伟").Write(Path.Combine(dir, "ok"));

        var first = await DoudiProcess.RunAsync("--database", db, "registry", "import", "--households", h, "--members", m);
        Assert.Equal(0, first.Code);
        Assert.Equal("read 1, accepted 1, rejected 0", first.Out.TrimEnd().Split('\n')[^1]);

        var repeat = await DoudiProcess.RunAsync("--database", db, "registry", "import", "--households", h, "--members", m);
        Assert.Equal(0, repeat.Code);
        Assert.Matches(@"^read 1, accepted 1, rejected 0 \(already imported as batch \d+\)$", repeat.Out.TrimEnd().Split('\n')[^1]);

        var bad = new Roster().Household("H1");
        bad.Members.Add("H1,4.40106E+17,张伟,male,1970-01-01,head,,,0,300,");
        var (badH, badM) = bad.Write(Path.Combine(dir, "bad"));
        var rejected = await DoudiProcess.RunAsync("--database", db, "registry", "import", "--households", badH, "--members", badM);
        Assert.Equal(2, rejected.Code);
        Assert.Contains("members.csv", rejected.Err.TrimEnd().Split('\n')[^1], StringComparison.Ordinal);
        Assert.Contains("stored as a number by Excel", await File.ReadAllTextAsync(Path.Combine(dir, "bad", "members.errors.csv")), StringComparison.Ordinal);

        var missing = await DoudiProcess.RunAsync("--database", db, "registry", "import", "--households", Path.Combine(dir, "none.csv"), "--members", m);
        Assert.Equal(2, missing.Code);
    }

    [Fact]
    public async Task Demo_generate_writes_a_pair_that_imports_cleanly()
    {
        var dir = Directory.CreateTempSubdirectory("doudi-demo-").FullName;
        var gen = await DoudiProcess.RunAsync("demo", "generate", "--households", "200", "--out", dir, "--seed", "3");
        Assert.Equal(0, gen.Code);
        var import = await DoudiProcess.RunAsync("--database", Path.Combine(dir, "d.db"), "registry", "import",
            "--households", Path.Combine(dir, "households.csv"), "--members", Path.Combine(dir, "members.csv"));
        Assert.Equal(0, import.Code);
        var lines = import.Out.TrimEnd().Split('\n');
        Assert.Equal("read 200, accepted 200, rejected 0", lines[^2]);
        Assert.Matches(@"^read \d+, accepted \d+, rejected 0$", lines[^1]);
    }
}
