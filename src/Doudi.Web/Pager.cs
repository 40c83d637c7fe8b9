using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Doudi.Web;

/// <summary>
/// The pager under a paged list (partial <c>Shared/_Pager</c>): 上一页, 第 N / M 页, the total, 下一页. The links
/// keep every other parameter of the current query (the list's filters) and set only the page parameter
/// <c>p</c>, so a filtered list stays filtered from page to page. <paramref name="Unit"/> counts the total
/// (条, 户…).
/// </summary>
public sealed record Pager(int Page, int PageCount, int Total, string Unit, QueryString Query)
{
    public const string Parameter = "p";

    /// <summary>The link to <paramref name="page"/>: the current query with <c>p</c> replaced.</summary>
    public string Link(int page)
    {
        var kept = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Query.Value)
            .Where(kv => !string.Equals(kv.Key, Parameter, StringComparison.OrdinalIgnoreCase))
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)));
        return QueryString.Create(kept).Add(Parameter, page.ToString(CultureInfo.InvariantCulture)).ToUriComponent();
    }
}
