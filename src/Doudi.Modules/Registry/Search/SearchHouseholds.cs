using Doudi.Kernel;
using Doudi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Registry.Search;

/// <summary>Find households by a member's exact ID number or the start of a member's name.</summary>
public sealed record SearchHouseholds(string Text, int Page = 1, int PageSize = 20);

public sealed record HouseholdRow(
    long Id, string HouseholdNo, string? HeadName, string? HeadIdMasked, string TownshipCode, string? TownshipName,
    string Program, decimal MonthlyAmount, int CurrentMembers, string MatchedName, string MatchedIdMasked);

public sealed record HouseholdSearchResult(
    IReadOnlyList<HouseholdRow> Rows, int Total, int Page, int PageSize, bool ByIdNumber, string? Problem)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public static HouseholdSearchResult Refused(string problem, int pageSize) => new([], 0, 1, pageSize, false, problem);
}

/// <summary>
/// The search never widens the caller's scope: it runs on the request's DoudiDb, whose query filters
/// keep households and members of other regions out.
/// </summary>
public static class SearchHouseholdsHandler
{
    public static async Task<HouseholdSearchResult> HandleAsync(DoudiDb db, SearchHouseholds request, DateOnly today, CancellationToken ct = default)
    {
        var text = IdNumber.Normalise(request.Text ?? "");
        if (text.Length == 0) return HouseholdSearchResult.Refused("请输入姓名或身份证号", request.PageSize);

        IQueryable<Member> matches;
        var byId = LooksLikeIdNumber(text);
        if (byId)
        {
            var parsed = IdNumber.TryParse(text, today);
            if (parsed.Id is not { } id) return HouseholdSearchResult.Refused(parsed.Error!, request.PageSize);
            var value = id.Value;
            matches = db.Members.Where(m => m.IdNumber == value);
        }
        else
        {
            matches = db.Members.Where(m => m.Name.StartsWith(text));
        }

        var households = db.Households.Where(h => matches.Any(m => m.HouseholdId == h.Id));
        var total = await households.CountAsync(ct);
        var page = Math.Max(1, request.Page);
        var rows = await households
            .OrderBy(h => h.HouseholdNo)
            .Skip((page - 1) * request.PageSize).Take(request.PageSize)
            .Select(h => new
            {
                h.Id,
                h.HouseholdNo,
                h.TownshipCode,
                h.Program,
                h.MonthlyAmount,
                Head = h.Members.Where(m => m.Relation == "head" && m.LeftOn == null).Select(m => new { m.Name, m.IdNumber }).FirstOrDefault(),
                Matched = matches.Where(m => m.HouseholdId == h.Id).OrderBy(m => m.Id).Select(m => new { m.Name, m.IdNumber }).First(),
                Current = h.Members.Count(m => m.LeftOn == null),
            })
            .ToListAsync(ct);

        var townshipCodes = rows.Select(r => r.TownshipCode).Distinct().ToList();
        var names = await db.Regions.AsNoTracking().Where(r => townshipCodes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        var result = rows.Select(r => new HouseholdRow(
            r.Id, r.HouseholdNo, r.Head?.Name, r.Head is null ? null : Mask(r.Head.IdNumber), r.TownshipCode,
            names.GetValueOrDefault(r.TownshipCode), r.Program, r.MonthlyAmount, r.Current, r.Matched.Name, Mask(r.Matched.IdNumber))).ToList();
        return new HouseholdSearchResult(result, total, page, request.PageSize, byId, null);
    }

    /// <summary>Shown in lists and pages: never the whole number.</summary>
    public static string Mask(string idNumber) =>
        idNumber.Length == 18 ? IdNumber.FromTrusted(idNumber).Masked : new string('*', idNumber.Length);

    private static bool LooksLikeIdNumber(string text) =>
        text.Length >= 15 && text.All(c => char.IsAsciiDigit(c) || c == 'X');
}
