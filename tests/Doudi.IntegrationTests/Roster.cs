using System.Globalization;
using System.Text;
using Doudi.Kernel;

namespace Doudi.IntegrationTests;

/// <summary>Builds small roster files for tests, with valid ID numbers made on the spot.</summary>
internal sealed class Roster
{
    public const string HouseholdsHeader = "household_id,county,township,area,program,monthly_amount,since";
    public const string MembersHeader = "household_id,id_number,name,sex,birth_date,relation,disability_category,disability_grade,serious_illness,monthly_income,member_program";

    public List<string> Households { get; } = [];
    public List<string> Members { get; } = [];

    public Roster Household(string no, string program = "dibao", string amount = "1200.00", string since = "2024-01-01", string township = "440118001")
    {
        Households.Add($"{no},440118,{township},rural,{program},{amount},{since}");
        return this;
    }

    public Roster Member(string no, string id, string name, string relation = "head", string programs = "", string income = "300")
    {
        var parsed = IdNumber.Parse(id, new DateOnly(2026, 1, 1));
        var sex = parsed.Sex == Sex.Male ? "male" : "female";
        Members.Add($"{no},{id},{name},{sex},{parsed.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)},{relation},,,0,{income},{programs}");
        return this;
    }

    public static string Id(string birth, int sequence, bool male = true)
    {
        var seq = sequence * 2 + (male ? 1 : 0);
        var first17 = "440183" + birth + seq.ToString("D3", CultureInfo.InvariantCulture);
        return first17 + IdNumber.ComputeCheckCharacter(first17);
    }

    public (string Households, string Members) Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var h = Path.Combine(directory, "households.csv");
        var m = Path.Combine(directory, "members.csv");
        File.WriteAllText(h, HouseholdsHeader + "\n" + string.Join("\n", Households) + "\n", new UTF8Encoding(false));
        File.WriteAllText(m, MembersHeader + "\n" + string.Join("\n", Members) + "\n", new UTF8Encoding(false));
        return (h, m);
    }
}
