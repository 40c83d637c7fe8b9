using System.Data.Common;
using Doudi.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Doudi.Monitoring;

/// <summary>
/// Who belonged to which household on the month's last day and what they were enrolled in, by the registry's
/// history as known now. A member counts from <c>JoinedOn</c> to the day before <c>LeftOn</c>. The household's
/// program is its enrolment period covering the day (or, for a household with no recorded periods, its
/// current program from <c>ProgramSince</c>). The person's own programs are their member-level periods covering
/// the day, or, when none were ever recorded, the <c>member_program</c> list.
/// A province has millions of members: households and enrolments are read on a second connection while the
/// members are read on the context's, with plain data readers, dates compared in SQL. What is kept is kept once: a
/// household's facts are shared by its members, and program names and region codes by everyone.
/// </summary>
public static class RegistrySnapshot
{
    private sealed class Registry(int households)
    {
        public Dictionary<long, MonitoredHousehold> Households { get; } = new(households);
        public Dictionary<long, List<string>> MemberOwn { get; } = [];
    }

    private readonly record struct MemberRow(long Id, long HouseholdId, string IdNumber, string Name, string Programs);

    /// <summary>One instance of each of the few distinct texts (program names, region codes) read millions of times.</summary>
    private sealed class Texts
    {
        private readonly Dictionary<string, string> _kept = new(StringComparer.Ordinal);

        public string Of(string text)
        {
            ref var kept = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_kept, text, out _);
            return kept ??= text;
        }
    }

    public static async Task<IReadOnlyList<Membership>> LoadAsync(DoudiDb db, MonitoringMonth month, CancellationToken ct)
    {
        var day = month.Last;
        await using var second = SecondConnection(db);
        await second.OpenAsync(ct);
        var registry = Task.Run(() => ReadHouseholds(second, day, ct), ct);
        await db.Database.OpenConnectionAsync(ct);
        List<MemberRow> members;
        try
        {
            members = ReadMembers(db.Database.GetDbConnection(), day, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        var facts = await registry;

        // Most people share one of a few program sets: keep one instance of each.
        var sets = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        IReadOnlySet<string> Shared(IEnumerable<string> programs)
        {
            var list = programs.Order(StringComparer.Ordinal).Distinct().ToList();
            var text = string.Join(';', list);
            if (!sets.TryGetValue(text, out var set)) sets[text] = set = list.ToHashSet(StringComparer.Ordinal);
            return set;
        }

        // The member_program lists as stored, mostly empty: each distinct text is split once.
        var listed = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var result = new List<Membership>(members.Count);
        foreach (var m in members)
        {
            IReadOnlySet<string>? own;
            if (facts.MemberOwn.TryGetValue(m.Id, out var periods)) own = Shared(periods);
            else if (!listed.TryGetValue(m.Programs, out own))
                listed[m.Programs] = own = Shared(m.Programs.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            result.Add(new Membership(m.Id, facts.Households[m.HouseholdId], m.IdNumber, m.Name, own));
        }
        return result;
    }

    private static DbConnection SecondConnection(DoudiDb db)
    {
        var text = db.Database.GetConnectionString()!;
        return db.IsPostgres ? new NpgsqlConnection(text) : new SqliteConnection(text);
    }

    private static List<MemberRow> ReadMembers(DbConnection connection, DateOnly day, CancellationToken ct)
    {
        // Sized once: growing a list of millions copies it again and again on the large object heap.
        var rows = new List<MemberRow>(Count(connection, "members"));
        using var reader = Rows.Open(connection,
            "SELECT \"Id\", \"HouseholdId\", \"IdNumber\", \"Name\", \"MemberPrograms\" FROM \"members\" " +
            "WHERE \"JoinedOn\" <= @p0 AND (\"LeftOn\" IS NULL OR \"LeftOn\" > @p0)", day);
        while (reader.Read())
        {
            ct.ThrowIfCancellationRequested();
            rows.Add(new MemberRow(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }
        return rows;
    }

    private static int Count(DbConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Registry ReadHouseholds(DbConnection connection, DateOnly day, CancellationToken ct)
    {
        var registry = new Registry(Count(connection, "households"));
        var texts = new Texts();
        // Household periods covering the day: the latest start wins (ties: the first recorded). A household with any
        // period of its own takes its program from them.
        var covering = new Dictionary<long, (DateOnly From, string Program)>();
        var withPeriods = new HashSet<long>();
        using (var reader = Rows.Open(connection,
            "SELECT \"HouseholdId\", \"MemberId\", \"Program\", \"From\", " +
            "CASE WHEN \"From\" <= @p0 AND (\"To\" IS NULL OR \"To\" >= @p0) THEN 1 ELSE 0 END FROM \"enrolments\" ORDER BY \"Id\"", day))
        {
            while (reader.Read())
            {
                ct.ThrowIfCancellationRequested();
                var covers = reader.GetInt64(4) == 1;
                if (reader.IsDBNull(1))
                {
                    var householdId = reader.GetInt64(0);
                    withPeriods.Add(householdId);
                    if (!covers) continue;
                    var from = reader.GetDate(3);
                    ref var held = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(covering, householdId, out var exists);
                    if (!exists || from > held.From) held = (from, texts.Of(reader.GetString(2)));
                    continue;
                }
                var memberId = reader.GetInt64(1);
                if (!registry.MemberOwn.TryGetValue(memberId, out var own)) registry.MemberOwn[memberId] = own = [];
                if (covers) own.Add(texts.Of(reader.GetString(2)));
            }
        }

        using (var reader = Rows.Open(connection,
            "SELECT \"Id\", \"HouseholdNo\", \"CountyCode\", \"TownshipCode\", CASE WHEN \"ProgramSince\" <= @p0 THEN \"Program\" ELSE 'none' END " +
            "FROM \"households\"", day))
        {
            while (reader.Read())
            {
                ct.ThrowIfCancellationRequested();
                var id = reader.GetInt64(0);
                var program = withPeriods.Contains(id) ? covering.TryGetValue(id, out var p) ? p.Program : "none" : texts.Of(reader.GetString(4));
                registry.Households[id] = new MonitoredHousehold(id, reader.GetString(1), texts.Of(reader.GetString(2)), texts.Of(reader.GetString(3)), program);
            }
        }
        return registry;
    }
}
