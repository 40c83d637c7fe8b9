using Doudi.Persistence;
using Doudi.Policy;

namespace Doudi.Cli;

/// <summary>The figures a command uses when it has a database: those in force there (shipped + administrators' additions).</summary>
public static class FiguresInForce
{
    public static async Task<ParameterBook> InForceAsync(DatabaseLocation location, CancellationToken ct)
    {
        await location.MigrateAsync(ct);
        await using var db = location.Open();
        return await InForceAsync(db, ct);
    }

    public static Task<ParameterBook> InForceAsync(DoudiDb db, CancellationToken ct) =>
        new EffectiveParameters(ParameterBook.Shipped).GetAsync(db, ct);
}
