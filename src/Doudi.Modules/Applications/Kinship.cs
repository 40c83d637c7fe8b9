using Doudi.Feeds;
using Doudi.Persistence;
using Doudi.Registry;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Applications;

/// <summary>A line of the official_kin feed: <see cref="RelativeIdNumber"/> is <see cref="Relation"/> of the official.</summary>
public sealed record OfficialKinLink(string RelativeIdNumber, string RelativeName, string OfficialIdNumber, string OfficialName, string Position, string Relation);

/// <summary>Where the officials' relatives (近亲属备案) come from: the official_kin feed in use, nothing when no store is configured.</summary>
public interface IOfficialKin
{
    Task<IReadOnlyList<OfficialKinLink>> ForRelativesAsync(DoudiDb db, IReadOnlyCollection<string> idNumbers, CancellationToken ct);
}

public sealed class NoOfficialKin : IOfficialKin
{
    public static readonly NoOfficialKin Instance = new();

    public Task<IReadOnlyList<OfficialKinLink>> ForRelativesAsync(DoudiDb db, IReadOnlyCollection<string> idNumbers, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<OfficialKinLink>>([]);
}

/// <summary>The current official_kin rows of committed batches in the feed store (docs/adr/0003).</summary>
public sealed class FeedOfficialKin(FeedStore store) : IOfficialKin
{
    public async Task<IReadOnlyList<OfficialKinLink>> ForRelativesAsync(DoudiDb db, IReadOnlyCollection<string> idNumbers, CancellationToken ct)
    {
        var type = FeedTypes.Find("official_kin")!;
        var committed = await db.ImportBatches.AsNoTracking().Where(b => b.Kind == type.Name).Select(b => b.Id).ToListAsync(ct);
        if (committed.Count == 0 || idNumbers.Count == 0 || !File.Exists(store.Path)) return [];
        var result = new List<OfficialKinLink>();
        await using var duck = await store.OpenAsync(write: false, ct: ct);
        await store.LoadCommitted(duck, committed, ct);
        await FeedStore.Execute(duck, "CREATE OR REPLACE TEMP TABLE wanted (id VARCHAR)", ct);
        using (var appender = duck.CreateAppender("temp", "main", "wanted"))
        {
            foreach (var id in idNumbers.Distinct()) appender.CreateRow().AppendValue(id).EndRow();
        }
        await foreach (var row in FeedStore.ReadCurrentAsync(duck, type, onlyWanted: true, ct))
            result.Add(new OfficialKinLink(row.IdNumber, row.Name, row["official_id_number"], row["official_name"], row["position"], row["relation"]));
        return result;
    }
}

/// <summary>
/// Who must stand aside (回避). Close relatives (近亲属): spouse, parents, children, siblings, grandparents,
/// grandchildren. Known from the registry (the officer is, or was, a member of the household: the household's
/// relation to its head names the tie) and from the official_kin feed (the officer is the official a member is
/// recorded as a close relative of).
/// </summary>
public static class Kinship
{
    public static readonly string[] Close = ["spouse", "parent", "child", "sibling", "grandparent", "grandchild"];

    public static string RelationName(string relation) => relation switch
    {
        "spouse" => "配偶",
        "parent" => "父母",
        "child" => "子女",
        "sibling" => "兄弟姐妹",
        "grandparent" => "祖父母、外祖父母",
        "grandchild" => "孙子女、外孙子女",
        "head" => "户主",
        _ => "其他亲属",
    };

    /// <summary>Why <paramref name="officerId"/> must not act on a case of this household, or null.</summary>
    public static string? Conflict(string? officerId, IReadOnlyList<Member> members, IReadOnlyList<OfficialKinLink> kin)
    {
        if (string.IsNullOrEmpty(officerId)) return null;
        var self = members.FirstOrDefault(m => m.IdNumber == officerId);
        if (self is not null && self.IsCurrent) return "经办人本人是该户家庭成员";
        // A former member (moved out): their recorded tie to the head makes them a close relative of the head.
        if (self is not null && (self.Relation == "head" || Close.Contains(self.Relation)))
            return $"经办人是该户户主的{RelationName(self.Relation)}（户籍登记的原家庭成员）";
        var link = kin.FirstOrDefault(k => k.OfficialIdNumber == officerId && Close.Contains(k.Relation)
            && members.Any(m => m.IsCurrent && m.IdNumber == k.RelativeIdNumber));
        if (link is not null) return $"申请家庭成员{link.RelativeName}是经办人的{RelationName(link.Relation)}（近亲属备案）";
        return null;
    }

    /// <summary>The 近亲属备案 note when a current member is recorded as an official's relative, or null.</summary>
    public static string? OfficialKinNote(IReadOnlyList<Member> members, IReadOnlyList<OfficialKinLink> kin)
    {
        var notes = kin.Where(k => members.Any(m => m.IsCurrent && m.IdNumber == k.RelativeIdNumber))
            .Select(k => $"{k.RelativeName}是{k.OfficialName}（{k.Position}）的{RelationName(k.Relation)}")
            .Distinct().ToList();
        return notes.Count == 0 ? null : string.Join("；", notes);
    }
}

