using System.Net;
using System.Text;
using System.Text.Json;
using Doudi.Oversight;
using Doudi.Persistence;
using Doudi.Policy;
using Microsoft.EntityFrameworkCore;

namespace Doudi.IntegrationTests;

/// <summary>Administrators' figures stored in the database: checked like the files, audited, used at once.</summary>
public class ParameterAdditionTests
{
    // 增城区 440118 belongs to 广州 440100, whose shipped 低保 standard is 1238 from 2023-01-01 (class 1: 1165).
    private static readonly DateOnly On = new(2025, 7, 1);

    private static AddParameterValue Guangzhou(decimal value, string date = "2025-01-01", string unit = Units.YuanPerMonth, string kind = ScopeKinds.City,
        string code = "440100") =>
        new("dibao.standard", kind, code, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), value, null, unit,
            "穗民规字〔2025〕1号", "confirmed", "admin");

    private static string Situation(string date) => $$"""
        {"date":"{{date}}","county":"440118","area":"urban",
         "members":[{"key":"m1","sex":"male","birth_date":"1980-01-01","income":{"wages":300} }],
         "assets":{"financial":1000,"residential_properties":1} }
        """;

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_city_figure_is_stored_audited_and_in_force_from_its_date_for_the_next_lookup(string kind)
    {
        var location = await TestDatabases.CreateAsync(kind);
        var parameters = new EffectiveParameters(ParameterBook.Shipped);
        await using (var db = location.Open())
            Assert.Equal(1238m, (await parameters.GetAsync(db)).Get(Parameters.DibaoStandard, "440118", Area.Urban, On)!.Value);

        AddParameterValueOutcome outcome;
        await using (var db = location.Open())
            outcome = await new AddParameterValueHandler(parameters, TimeProvider.System).HandleAsync(db, Guangzhou(1300m), "127.0.0.1");
        Assert.Empty(outcome.Problems);

        await using (var db = location.Open())
        {
            var book = await parameters.GetAsync(db);
            var figure = book.Get(Parameters.DibaoStandard, "440118", Area.Urban, On)!;
            Assert.Equal((1300m, new DateOnly(2025, 1, 1), "穗民规字〔2025〕1号", "confirmed"), (figure.Value, figure.EffectiveFrom, figure.Reference, figure.Status));
            // Before its date the shipped figure stays in force; other cities are untouched.
            Assert.Equal(1238m, book.Get(Parameters.DibaoStandard, "440118", Area.Urban, new DateOnly(2024, 12, 31))!.Value);
            Assert.Equal(1413m, book.Get(Parameters.DibaoStandard, "440303", Area.Urban, On)!.Value);
            var added = Assert.Single(book.Values(), v => v.Addition is not null);
            Assert.Equal(("440100", "管理员新增 #" + outcome.Saved!.Id), (added.ScopeCode, added.Origin));

            var record = await db.AuditRecords.AsNoTracking().SingleAsync(r => r.Action == AuditActions.ParameterValueAdded);
            Assert.Equal(("admin", "parameter:dibao.standard", "127.0.0.1"), (record.Actor, record.Subject, record.From));
            Assert.Contains("city 440100; from 2025-01-01; value 1300 yuan_per_month", record.Detail, StringComparison.Ordinal);
            Assert.True((await AuditTrail.VerifyChainAsync(db)).Intact);
        }
        // The shipped book itself is never changed.
        Assert.Equal(1238m, ParameterBook.Shipped.Get(Parameters.DibaoStandard, "440118", Area.Urban, On)!.Value);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Refused_figures_say_why_in_chinese_name_the_field_write_nothing_and_are_audited(string kind)
    {
        var location = await TestDatabases.CreateAsync(kind);
        var handler = new AddParameterValueHandler(new EffectiveParameters(ParameterBook.Shipped), TimeProvider.System);

        async Task<AdditionProblem> Refused(AddParameterValue command)
        {
            await using var db = location.Open();
            var outcome = await handler.HandleAsync(db, command, null);
            Assert.Null(outcome.Saved);
            return Assert.Single(outcome.Problems);
        }

        var duplicate = await Refused(Guangzhou(1250m, date: "2023-01-01"));
        Assert.Equal("effective_from", duplicate.Field);
        Assert.Contains("自 2023-01-01 起已有数值 1238", duplicate.Message, StringComparison.Ordinal);
        Assert.Contains("policy/parameters/dibao/standard.yaml:", duplicate.Message, StringComparison.Ordinal);

        var unit = await Refused(Guangzhou(15600m, unit: Units.YuanPerYear));
        Assert.Equal("unit", unit.Field);
        Assert.Contains("单位“yuan_per_year”与该参数的单位“yuan_per_month”", unit.Message, StringComparison.Ordinal);

        var low = await Refused(Guangzhou(1100m));
        Assert.Equal("value", low.Field);
        Assert.Contains("数值 1100 低于", low.Message, StringComparison.Ordinal);
        Assert.Contains("最低标准 1165", low.Message, StringComparison.Ordinal);

        var region = await Refused(Guangzhou(1300m, kind: ScopeKinds.County, code: "449999"));
        Assert.Equal("scope_code", region.Field);
        Assert.Contains("未知的县（市、区）代码“449999”", region.Message, StringComparison.Ordinal);

        await using (var db = location.Open())
        {
            Assert.Equal(0, await db.ParameterAdditions.CountAsync());
            Assert.Equal(4, await db.AuditRecords.CountAsync(r => r.Action == AuditActions.ParameterValueRefused));
        }

        // A provincial rise that would leave a stored city figure below it is refused too.
        await using (var db = location.Open()) Assert.Empty((await handler.HandleAsync(db, Guangzhou(1300m), null)).Problems);
        var rise = await Refused(new AddParameterValue("dibao.standard", ScopeKinds.Class, "1", new DateOnly(2025, 6, 1), 1350m, null,
            Units.YuanPerMonth, "粤民规字〔2025〕2号", "confirmed", "admin"));
        Assert.Contains("dibao.standard，地级市 440100，2025-01-01：数值 1300 低于", rise.Message, StringComparison.Ordinal);
        await using (var db = location.Open()) Assert.Equal(1, await db.ParameterAdditions.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_web_api_uses_a_figure_added_by_another_process_without_a_restart(string kind)
    {
        await using var web = await WebHarness.StartAsync(kind);
        using var client = web.NewClient();

        async Task<string> Standard()
        {
            var response = await client.PostAsync("/api/v1/eligibility/evaluate", new StringContent(Situation("2025-07-01"), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return json.RootElement.GetProperty("standard").GetRawText();
        }

        Assert.Equal("1238.00", await Standard());
        // Stored through another EffectiveParameters, as another process (a second web host) would.
        await using (var db = web.Database.Open())
            Assert.Empty((await new AddParameterValueHandler(new EffectiveParameters(ParameterBook.Shipped), TimeProvider.System)
                .HandleAsync(db, Guangzhou(1300m), null)).Problems);
        Assert.Equal("1300.00", await Standard());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Cli_evaluate_uses_the_shipped_figures_without_a_database_option_and_the_figures_in_force_with_one(string kind)
    {
        var location = await TestDatabases.CreateAsync(kind);
        await using (var db = location.Open())
            Assert.Empty((await new AddParameterValueHandler(new EffectiveParameters(ParameterBook.Shipped), TimeProvider.System)
                .HandleAsync(db, Guangzhou(1300m), null)).Problems);
        var dir = Directory.CreateTempSubdirectory("doudi-evaluate-");
        var input = Path.Combine(dir.FullName, "in.json");
        await File.WriteAllTextAsync(input, Situation("2025-07-01"));
        string[] database = location.IsPostgres ? ["--connection", location.PostgresConnection!] : ["--database", location.SqlitePath!];

        var shipped = await DoudiProcess.RunAsync("eligibility", "evaluate", "--input", input);
        Assert.Equal(0, shipped.Code);
        using (var json = JsonDocument.Parse(shipped.Out)) Assert.Equal("1238.00", json.RootElement.GetProperty("standard").GetRawText());

        var inForce = await DoudiProcess.RunAsync([.. database, "eligibility", "evaluate", "--input", input]);
        Assert.Equal(0, inForce.Code);
        using (var json = JsonDocument.Parse(inForce.Out))
        {
            Assert.Equal("1300.00", json.RootElement.GetProperty("standard").GetRawText());
            Assert.Contains(json.RootElement.GetProperty("determinations")[0].GetProperty("parameters").EnumerateArray(),
                p => p.GetProperty("name").GetString() == "dibao.standard" && p.GetProperty("reference").GetString() == "穗民规字〔2025〕1号");
        }
    }
}
