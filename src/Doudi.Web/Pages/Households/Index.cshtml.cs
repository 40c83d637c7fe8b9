using System.Globalization;
using Doudi.Oversight;
using Doudi.Persistence;
using Doudi.Registry.Search;
using Doudi.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doudi.Web.Pages.Households;

public sealed class IndexModel(DoudiDb db, RequestAudit audit, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public HouseholdSearchResult? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Q)) return;
        var today = ChinaTime.Today(clock);
        Result = await SearchHouseholdsHandler.HandleAsync(db, new SearchHouseholds(Q, PageNumber), today, ct);
        // Who looked for whom is what an inquiry asks; the search text is the "whom".
        await audit.AppendAsync(AuditActions.HouseholdSearch, "search",
            string.Create(CultureInfo.InvariantCulture, $"q={Q.Trim()}; page={Result.Page}; found={Result.Total}"), ct: ct);
    }
}
