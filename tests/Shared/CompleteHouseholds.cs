using Doudi.Kernel;
using Doudi.Persistence;
using Doudi.Registry;

namespace Doudi.TestData;

/// <summary>
/// Two households in 增城区 440118 (荔城街道 440118001) with every fact recomputation needs, one adult each, rural,
/// so their outcomes are known (广州's 低保 standard in force on 2025-07-01: 1238.00):
/// H-EDGE has 1260.00 a month and is enrolled as 低保边缘 (1238.00 ≤ 1260.00 &lt; 1.5 × 1238.00): unchanged;
/// H-DIBAO has 300.00, is paid 500.00 but owed 938.00: amount changed. Under +5% (1299.90) H-EDGE gains 低保
/// (+39.90) and H-DIBAO's amount rises by 61.90.
/// </summary>
public static class CompleteHouseholds
{
    public const string Township = "440118001";
    public static readonly DateOnly On = new(2025, 7, 1);

    public static async Task<(Household Edge, Household Dibao)> SeedAsync(DoudiDb db)
    {
        var edge = NewHousehold("H-EDGE", "dibao_edge", 0m);
        edge.Members.Add(Adult(RegistrySamples.Id("44011819850301001"), new DateOnly(1985, 3, 1), 1260m));
        var dibao = NewHousehold("H-DIBAO", "dibao", 500m);
        dibao.Members.Add(Adult(RegistrySamples.Id("44011819850401002"), new DateOnly(1985, 4, 1), 300m));
        db.Households.AddRange(edge, dibao);
        await db.SaveChangesAsync();
        return (edge, dibao);
    }

    /// <summary>A rural household of 荔城街道 with every household fact recorded (members added by the caller).</summary>
    public static Household NewHousehold(string no, string program, decimal amount) => new()
    {
        HouseholdNo = no,
        CountyCode = Township[..6],
        TownshipCode = Township,
        Area = "rural",
        Program = program,
        MonthlyAmount = amount,
        ProgramSince = new DateOnly(2024, 1, 1),
        FinancialAssets = 1000m,
        ResidentialProperties = 1,
        NonResidentialProperties = 0,
        Vehicles = 0,
        Businesses = 0,
        RigidSpending12m = 0m,
    };

    /// <summary>An able adult head with every member fact recorded and only wages as income.</summary>
    public static Member Adult(string id, DateOnly birth, decimal income)
    {
        var adult = Recorded(id, "测试" + id[^4..], "male", birth, "head", income, new DateOnly(2024, 1, 1));
        adult.IncomeWages = income;
        return adult;
    }

    /// <summary>
    /// A member with every fact recomputation asks about recorded as the plain case: able, no illness, not a student,
    /// not childless, no refusal, no outpatient or work-incapacity certificate, daily living unimpaired.
    /// </summary>
    public static Member Recorded(string id, string name, string sex, DateOnly birth, string relation, decimal income, DateOnly joined) => new()
    {
        IdNumber = id,
        Name = name,
        Sex = sex,
        BirthDate = birth,
        Relation = relation,
        SeriousIllness = false,
        MonthlyIncome = income,
        FullTimeStudent = false,
        Childless = false,
        RefusesWork = false,
        SpecialOutpatient = false,
        UnableToWorkCertified = false,
        AdlUnable = 0,
        Supporter = "able",
        JoinedOn = joined,
    };
}
