using Doudi.Imports;
using Doudi.Persistence;
using Doudi.Registry.Import;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Registry.Demo;

internal static class DemoRegionLoader
{
    public const int ServeHouseholds = 2000;
    public const int ServeSeed = 2022;

    /// <summary>
    /// Loads a demo county (about 2,000 households, with township and village names) into a database that has no
    /// household yet, through the same import as real rosters. Returns false when the registry was not empty.
    /// </summary>
    public static async Task<bool> LoadIfEmptyAsync(DatabaseLocation location, CancellationToken ct)
    {
        await using var db = location.Open();
        if (await db.Households.IgnoreQueryFilters().AnyAsync(ct)) return false;
        var region = DemoRegion.Generate(new DemoOptions(ServeHouseholds, ServeSeed));
        var request = new RegistryImportRequest(
            ImportSource.FromBytes("households.csv", DemoFiles.ToBytes(region, new HouseholdsFile())),
            ImportSource.FromBytes("members.csv", DemoFiles.ToBytes(region, new MembersFile())))
        { ImportedBy = "demo" };
        var report = await new RegistryImportHandler(db, TimeProvider.System).Handle(request, null, ct);
        if (report.Outcome == ImportOutcome.Rejected) throw new InvalidOperationException("the demo region was rejected: " + report.RejectionReason);

        // The roster carries codes only: names of townships and villages, and each household's village, come from the generator.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var bulk = BulkWriter.For(db);
        var known = (await bulk.QueryAsync("SELECT \"Code\" FROM \"regions\"", r => r.GetString(0), ct)).ToHashSet(StringComparer.Ordinal);
        var places = region.Townships.Concat(region.Villages).ToList();
        await bulk.ExecuteAsync("UPDATE \"regions\" SET \"Name\" = @p1, \"ParentCode\" = @p2 WHERE \"Code\" = @p0",
            places.Where(p => known.Contains(p.Code)).Select(p => (object?[])[p.Code, p.Name, p.ParentCode]), ct);
        await bulk.InsertAsync("regions", ["Code", "Name", "ParentCode"],
            places.Where(p => !known.Contains(p.Code)).Select(p => (object?[])[p.Code, p.Name, p.ParentCode]), ct);
        await bulk.ExecuteAsync("UPDATE \"households\" SET \"VillageCode\" = @p1 WHERE \"HouseholdNo\" = @p0",
            region.Households.Select(h => (object?[])[h.HouseholdNo, h.Village.Code]), ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
