using Doudi.Kernel;
using Doudi.Persistence;
using Doudi.Registry.Search;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Registry.ViewHousehold;

/// <summary>One household's file (一户一档) as a reader in scope may see it: ID numbers masked.</summary>
public sealed record HouseholdDetails(
    long Id,
    string HouseholdNo,
    string CountyCode,
    string? CountyName,
    string TownshipCode,
    string? TownshipName,
    string? VillageCode,
    string? VillageName,
    string? Address,
    string Area,
    string Program,
    decimal MonthlyAmount,
    DateOnly ProgramSince,
    HouseholdFacts Facts,
    IReadOnlyList<MemberDetails> Members,
    IReadOnlyList<EnrolmentLine> Enrolments,
    DateTimeOffset UpdatedAt);

public sealed record HouseholdFacts(
    decimal? FinancialAssets, int? ResidentialProperties, int? NonResidentialProperties, int? Vehicles,
    int? Businesses, decimal? RigidSpending12m, decimal? AnnualIncome);

public sealed record MemberDetails(
    long Id, string Name, string IdMasked, string Sex, int Age, string Relation,
    string? HukouCode, string? HukouName, bool? HukouLocal,
    string? DisabilityCategory, int? DisabilityGrade, bool? SeriousIllness,
    decimal MonthlyIncome, IReadOnlyList<string> Programs, DateOnly JoinedOn, DateOnly? LeftOn);

public sealed record EnrolmentLine(string Program, string? MemberName, decimal MonthlyAmount, DateOnly From, DateOnly? To, string? Source);

/// <summary>Whether a household outside the caller's scope exists: only for the audit record, never shown.</summary>
public enum Refusal
{
    NoSuchHousehold,
    OutsideScope,
}

public static class HouseholdDetailsQuery
{
    /// <summary>The household, or null when it does not exist or lies outside the caller's scope.</summary>
    public static async Task<HouseholdDetails?> LoadAsync(DoudiDb db, long id, DateOnly today, CancellationToken ct = default)
    {
        var h = await db.Households.AsNoTracking()
            .Include(x => x.Members)
            .Include(x => x.Enrolments)
            .AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (h is null) return null;

        // The county too: a demo or retired county code is not in the shipped 2022 list.
        var codes = new List<string> { h.CountyCode, h.TownshipCode };
        if (h.VillageCode is not null) codes.Add(h.VillageCode);
        codes.AddRange(h.Members.Where(m => m.HukouCode is { Length: > 6 }).Select(m => m.HukouCode!));
        var names = await db.Regions.AsNoTracking().Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        var catalog = RegionCatalog.Guangdong2022;

        var members = h.Members
            .OrderBy(m => m.LeftOn is null ? 0 : 1).ThenBy(m => m.Relation == "head" ? 0 : 1).ThenBy(m => m.BirthDate)
            .Select(m => new MemberDetails(
                m.Id, m.Name, SearchHouseholdsHandler.Mask(m.IdNumber), m.Sex, AgeOn(m.BirthDate, today), m.Relation,
                m.HukouCode, HukouName(m.HukouCode, names, catalog),
                m.HukouCode is null ? null : m.HukouCode.StartsWith(h.CountyCode, StringComparison.Ordinal),
                m.DisabilityCategory, m.DisabilityGrade, m.SeriousIllness, m.MonthlyIncome,
                m.MemberPrograms.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                m.JoinedOn, m.LeftOn))
            .ToList();
        var memberNames = h.Members.ToDictionary(m => m.Id, m => m.Name);
        var enrolments = h.Enrolments
            .OrderByDescending(e => e.From).ThenBy(e => e.MemberId ?? 0)
            .Select(e => new EnrolmentLine(e.Program, e.MemberId is { } mid ? memberNames.GetValueOrDefault(mid) : null, e.MonthlyAmount, e.From, e.To, e.Source))
            .ToList();

        return new HouseholdDetails(
            h.Id, h.HouseholdNo, h.CountyCode, catalog.FindCounty(h.CountyCode)?.Name ?? names.GetValueOrDefault(h.CountyCode),
            h.TownshipCode, names.GetValueOrDefault(h.TownshipCode),
            h.VillageCode, h.VillageCode is null ? null : names.GetValueOrDefault(h.VillageCode),
            h.Address, h.Area, h.Program, h.MonthlyAmount, h.ProgramSince,
            new HouseholdFacts(h.FinancialAssets, h.ResidentialProperties, h.NonResidentialProperties, h.Vehicles, h.Businesses, h.RigidSpending12m, h.AnnualIncome),
            members, enrolments, h.UpdatedAt);
    }

    /// <summary>Why a household could not be shown. Reads past the scope filter, so it answers only this.</summary>
    public static async Task<Refusal> ExplainRefusalAsync(DoudiDb db, long id, CancellationToken ct = default) =>
        await db.Households.IgnoreQueryFilters().AnyAsync(x => x.Id == id, ct) ? Refusal.OutsideScope : Refusal.NoSuchHousehold;

    public static int AgeOn(DateOnly birth, DateOnly today)
    {
        var age = today.Year - birth.Year;
        return birth.AddYears(age) > today ? age - 1 : age;
    }

    private static string? HukouName(string? code, Dictionary<string, string> names, RegionCatalog catalog)
    {
        if (code is null) return null;
        if (names.TryGetValue(code, out var name)) return name;
        if (code.Length >= 6 && catalog.FindCounty(code[..6]) is { } county) return county.CityName + county.Name;
        return null;
    }
}
