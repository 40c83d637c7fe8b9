using Doudi.Persistence;
using Doudi.Registry;
using Doudi.Registry.Demo;

namespace Doudi.Bench;

/// <summary>
/// The naive way, for comparison: build entities and let EF Core's change tracker insert them
/// (AddRange + one SaveChanges in a transaction). No validation and no diff against stored state,
/// so it flatters EF: the real import also reads and checks both files.
/// </summary>
internal static class EfBaseline
{
    public static async Task RunAsync(DatabaseLocation location, DemoRegion region)
    {
        await using var db = location.Open();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var now = DateTimeOffset.UtcNow;
        foreach (var h in region.Households)
        {
            var household = new Household
            {
                HouseholdNo = h.HouseholdNo,
                CountyCode = region.County.Code,
                TownshipCode = h.Township.Code,
                Area = h.Area,
                Program = h.Program,
                MonthlyAmount = h.MonthlyAmount,
                ProgramSince = h.Since,
                FinancialAssets = h.FinancialAssets,
                ResidentialProperties = h.ResidentialProperties,
                Vehicles = h.Vehicles,
                CreatedAt = now,
                UpdatedAt = now,
            };
            foreach (var m in h.Members)
            {
                household.Members.Add(new Member
                {
                    IdNumber = m.IdNumber,
                    Name = m.Name,
                    Sex = m.Sex,
                    BirthDate = m.BirthDate,
                    Relation = m.Relation,
                    DisabilityCategory = m.DisabilityCategory,
                    DisabilityGrade = m.DisabilityGrade,
                    SeriousIllness = m.SeriousIllness,
                    MonthlyIncome = m.CountedIncome,
                    IncomeWages = m.Wages,
                    MemberPrograms = string.Join(';', m.Programs),
                    JoinedOn = h.Since,
                });
            }
            if (h.Program != "none")
                household.Enrolments.Add(new Enrolment { Program = h.Program, MonthlyAmount = h.MonthlyAmount, From = h.Since });
            db.Households.Add(household);
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }
}
