using System.Globalization;
using System.Text;
using Doudi.Imports;
using Doudi.Registry.Import;

namespace Doudi.Registry.Demo;

/// <summary>Writes one file of a demo region. Department feed writers implement it and join <see cref="DemoFiles.Writers"/>.</summary>
public interface IDemoFileWriter
{
    string FileName { get; }

    void Write(DemoRegion region, TextWriter writer);
}

/// <summary>The files <c>demo generate</c> writes, in order, and the CSV cell helpers they share.</summary>
public static class DemoFiles
{
    public static readonly List<IDemoFileWriter> Writers = [new HouseholdsFile(), new MembersFile(), .. Feeds.Demo.FeedDemoFiles.All];

    public static IReadOnlyList<string> WriteAll(DemoRegion region, string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var w in Writers)
        {
            var path = Path.Combine(directory, w.FileName);
            using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
            w.Write(region, writer);
            written.Add(path);
        }
        return written;
    }

    public static byte[] ToBytes(DemoRegion region, IDemoFileWriter w)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false))) w.Write(region, writer);
        return stream.ToArray();
    }

    public static void Row(TextWriter writer, params string?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) writer.Write(',');
            writer.Write(ErrorFile.Cell(cells[i] ?? ""));
        }
        writer.Write("\r\n");
    }

    public static string Yuan(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    public static string Flag(bool value) => value ? "1" : "0";
    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

internal sealed class HouseholdsFile : IDemoFileWriter
{
    public string FileName => "households.csv";

    public void Write(DemoRegion region, TextWriter writer)
    {
        DemoFiles.Row(writer, [.. RosterSchemas.HeaderOf(RosterSchemas.Households)]);
        foreach (var h in region.Households)
        {
            DemoFiles.Row(writer, h.HouseholdNo, region.County.Code, h.Township.Code, h.Area, h.Program, DemoFiles.Yuan(h.MonthlyAmount),
                DemoFiles.Date(h.Since), DemoFiles.Yuan(h.FinancialAssets), DemoFiles.Number(h.ResidentialProperties), "0",
                DemoFiles.Number(h.Vehicles), "0", DemoFiles.Yuan(h.RigidSpending12m), DemoFiles.Yuan(12 * h.CountedIncome));
        }
    }
}

internal sealed class MembersFile : IDemoFileWriter
{
    public string FileName => "members.csv";

    public void Write(DemoRegion region, TextWriter writer)
    {
        DemoFiles.Row(writer, [.. RosterSchemas.HeaderOf(RosterSchemas.Members)]);
        foreach (var h in region.Households)
        {
            foreach (var m in h.Members)
            {
                DemoFiles.Row(writer, h.HouseholdNo, m.IdNumber, m.Name, m.Sex, DemoFiles.Date(m.BirthDate), m.Relation,
                    m.DisabilityCategory, m.DisabilityGrade is { } g ? DemoFiles.Number(g) : null, DemoFiles.Flag(m.SeriousIllness),
                    DemoFiles.Yuan(m.CountedIncome), string.Join(';', m.Programs),
                    DemoFiles.Yuan(m.Wages), DemoFiles.Yuan(m.Business), DemoFiles.Yuan(m.Property), DemoFiles.Yuan(m.Transfer),
                    DemoFiles.Yuan(m.Pension), DemoFiles.Yuan(m.BasicPension), DemoFiles.Yuan(m.NotCounted),
                    DemoFiles.Flag(m.FullTimeStudent), DemoFiles.Flag(m.Childless), "0", DemoFiles.Flag(m.SpecialOutpatient),
                    DemoFiles.Flag(m.UnableToWorkCertified), DemoFiles.Number(m.AdlUnable), m.Supporter, m.Parent1, m.Parent2, "scattered");
            }
        }
    }
}
