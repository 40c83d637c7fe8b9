using Doudi.Persistence;
using Doudi.Registry;

namespace Doudi.TestData;

/// <summary>
/// Households whose every fact the eligibility engine needs is on record, so an application can be approved with
/// an amount: two adults in 增城区 (440118) (广州, 低保 standard 1238 from 2023), counted income 300 between them, no assets
/// beyond the home. The engine gives 低保 = 1238 × 2 − 300 = 2176.00 a month (no 广州 add-on applies).
/// </summary>
public static class ApplicationSamples
{
    public const decimal ExpectedDibao = 2176.00m;

    private static int _serial;

    public static string NextSerial() => Interlocked.Increment(ref _serial).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    // Seeded with ScopePrefix "" (everything): the writer of test data is not a scoped user.
    public static async Task<Household> AddEligibleAsync(DoudiDb db, string township, string householdNo, string headName = "王芳",
        string? extraMemberId = null, string extraRelation = "child", bool extraLeft = false)
    {
        var serial = householdNo.GetHashCode(StringComparison.Ordinal) & 0x7FFF;
        var h = new Household
        {
            HouseholdNo = householdNo,
            CountyCode = township[..6],
            TownshipCode = township,
            Area = "urban",
            Program = "none",
            MonthlyAmount = 0m,
            ProgramSince = new DateOnly(2020, 1, 1),
            FinancialAssets = 0m,
            ResidentialProperties = 1,
            NonResidentialProperties = 0,
            Vehicles = 0,
            Businesses = 0,
            RigidSpending12m = 0m,
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
        };
        h.Members.Add(Member(headName, Id("44018319700312", serial, 2), "female", new DateOnly(1970, 3, 12), "head", 300m, township));
        h.Members.Add(Member("刘建国", Id("44018319680101", serial, 1), "male", new DateOnly(1968, 1, 1), "spouse", 0m, township));
        if (extraMemberId is not null)
        {
            var extra = Member("刘小军", extraMemberId, "male", new DateOnly(1995, 6, 1), extraRelation, 0m, township);
            if (extraLeft) extra.LeftOn = new DateOnly(2020, 1, 1);
            h.Members.Add(extra);
        }
        db.Households.Add(h);
        await db.SaveChangesAsync();
        return h;
    }

    /// <summary>A valid ID number: the given 14 characters, a 3-digit sequence from the serial with the wanted parity (odd = male).</summary>
    public static string Id(string first14, int serial, int parity)
    {
        var seq = (serial * 2 + parity) % 1000;
        var first17 = first14 + seq.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
        return first17 + Doudi.Kernel.IdNumber.ComputeCheckCharacter(first17);
    }

    private static Member Member(string name, string id, string sex, DateOnly birth, string relation, decimal income, string hukou)
    {
        var member = CompleteHouseholds.Recorded(id, name, sex, birth, relation, income, new DateOnly(2000, 1, 1));
        member.HukouCode = hukou;
        return member;
    }
}
