using System.Net;
using System.Text;
using System.Text.Json;
using Doudi.Cli;
using Doudi.Cli.Commands;
using Doudi.Policy;
using Doudi.Web.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Doudi.IntegrationTests;

/// <summary>`doudi eligibility evaluate` and POST /api/v1/eligibility/evaluate, run in-process.</summary>
public class EligibilityEvaluateTests
{
    private const string Good = """
        {"date":"2022-07-01","county":"440106","area":"urban","shoe_size":42,
         "members":[{"key":"m1","sex":"female","birth_date":"1948-05-02","disability":{"category":"physical","grade":2},
                     "income":{"wages":0,"pension":300,"basic_pension":180}}],
         "assets":{"financial":12000,"residential_properties":1}}
        """;

    private const string Bad = """
        {"date":"2022-07-01","county":"440106","area":"urban",
         "members":[{"key":"m1","sex":"x","birth_date":"1948-05-02"},{"key":"m2","sex":"male","birth_date":"1950-01-01","adl_unable":9}]}
        """;

    private static async Task<(int Code, string Stdout, string Stderr)> Run(string input, string output, string stdinText = "")
    {
        using var stdin = new MemoryStream(Encoding.UTF8.GetBytes(stdinText));
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var code = await EligibilityCommands.EvaluateAsync(input, output, stdin, stdout, stderr, CancellationToken.None);
        return (code, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    [Fact]
    public async Task Evaluating_from_standard_input_prints_the_nine_determinations_and_exits_0()
    {
        var (code, stdout, stderr) = await Run("-", "-", Good);
        Assert.Equal(ExitCodes.Done, code);
        Assert.Equal("warning: $.shoe_size: unknown field, ignored" + Environment.NewLine, stderr);
        using var json = JsonDocument.Parse(stdout);
        var determinations = json.RootElement.GetProperty("determinations").EnumerateArray().ToList();
        Assert.Equal(9, determinations.Count);
        var dibao = determinations[0];
        Assert.Equal("dibao", dibao.GetProperty("program").GetString());
        Assert.Equal("896.00", dibao.GetProperty("monthly_amount").GetRawText());
        Assert.Equal("896.00", dibao.GetProperty("per_member").GetProperty("m1").GetRawText());
        Assert.Equal("1196.00", json.RootElement.GetProperty("standard").GetRawText());
        Assert.Contains(dibao.GetProperty("parameters").EnumerateArray(),
            p => p.GetProperty("name").GetString() == "dibao.standard" && p.GetProperty("effective_from").GetString() == "2022-01-01");
    }

    [Fact]
    public async Task Bad_input_exits_2_with_one_line_per_problem_nothing_on_stdout_and_no_output_file()
    {
        var dir = Directory.CreateTempSubdirectory("doudi-elig-");
        var input = Path.Combine(dir.FullName, "in.json");
        var output = Path.Combine(dir.FullName, "out.json");
        await File.WriteAllTextAsync(input, Bad);
        var (code, stdout, stderr) = await Run(input, output);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", stdout);
        Assert.False(File.Exists(output));
        Assert.Equal(
            ["$.members[0].sex: unknown value 'x' (expected one of: male, female)", "$.members[1].adl_unable: 9 is out of range (0–6)"],
            stderr.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_missing_input_file_exits_2_and_a_good_one_writes_the_output_file()
    {
        var dir = Directory.CreateTempSubdirectory("doudi-elig-");
        var (code, _, stderr) = await Run(Path.Combine(dir.FullName, "nope.json"), "-");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("--input: file not found", stderr);

        var input = Path.Combine(dir.FullName, "in.json");
        var output = Path.Combine(dir.FullName, "out.json");
        await File.WriteAllTextAsync(input, Good);
        (code, var stdout, _) = await Run(input, output);
        Assert.Equal(ExitCodes.Done, code);
        Assert.Equal("", stdout);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        Assert.Equal("2022-07-01", json.RootElement.GetProperty("date").GetString());
    }

    [Fact]
    public async Task The_api_answers_the_same_json_and_400_with_every_problem_for_bad_input()
    {
        var database = await TestDatabases.CreateAsync("sqlite");
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(new EffectiveParameters(ParameterBook.Shipped));
        builder.Services.AddScoped(_ => database.Open());
        await using var app = builder.Build();
        app.MapEligibilityApi();
        await app.StartAsync();
        var client = app.GetTestClient();

        var ok = await client.PostAsync("/api/v1/eligibility/evaluate", new StringContent(Good, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using (var json = JsonDocument.Parse(await ok.Content.ReadAsStringAsync()))
        {
            Assert.Equal("896.00", json.RootElement.GetProperty("determinations")[0].GetProperty("monthly_amount").GetRawText());
            Assert.Equal("$.shoe_size", json.RootElement.GetProperty("warnings")[0].GetProperty("path").GetString());
        }

        var bad = await client.PostAsync("/api/v1/eligibility/evaluate", new StringContent(Bad, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        var errors = problem.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => $"{e.GetProperty("path").GetString()}|{e.GetProperty("message").GetString()}").ToList();
        Assert.Equal(["$.members[0].sex|unknown value 'x' (expected one of: male, female)", "$.members[1].adl_unable|9 is out of range (0–6)"], errors);
    }
}
