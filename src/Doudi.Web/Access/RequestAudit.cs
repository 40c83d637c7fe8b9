using Doudi.Oversight;
using Doudi.Persistence;

namespace Doudi.Web.Access;

/// <summary>Appends audit records for the current request: the signed-in user (or a named actor) and the client address.</summary>
public sealed class RequestAudit(DoudiDb db, AuditTrail trail, IHttpContextAccessor http)
{
    public Task<AuditRecord> AppendAsync(string action, string subject, string? detail = null, string? actor = null, CancellationToken ct = default)
    {
        var context = http.HttpContext;
        var who = actor ?? StaffPrincipal.UserName(context?.User) ?? "anonymous";
        var from = context?.Connection.RemoteIpAddress?.ToString();
        return trail.AppendAsync(db, new AuditEntry(Truncate(who, 64), action, subject, detail, from), ct);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
