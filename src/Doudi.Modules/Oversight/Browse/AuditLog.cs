using Doudi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Oversight.Browse;

/// <summary>A page of the audit log, newest first, optionally for one actor and/or one subject.</summary>
public sealed record AuditLogQuery(string? Actor, string? Subject, int Page = 1, int PageSize = 50);

public sealed record AuditLogPage(IReadOnlyList<AuditRecord> Records, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public static class AuditLog
{
    public static async Task<AuditLogPage> ReadAsync(DoudiDb db, AuditLogQuery query, CancellationToken ct = default)
    {
        var records = db.AuditRecords.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Actor)) records = records.Where(r => r.Actor == query.Actor.Trim());
        if (!string.IsNullOrWhiteSpace(query.Subject)) records = records.Where(r => r.Subject == query.Subject.Trim());
        var total = await records.CountAsync(ct);
        var page = Math.Max(1, query.Page);
        var rows = await records.OrderByDescending(r => r.Id)
            .Skip((page - 1) * query.PageSize).Take(query.PageSize)
            .ToListAsync(ct);
        return new AuditLogPage(rows, total, page, query.PageSize);
    }
}
