using System.Data.Common;
using System.Globalization;
using Doudi.Feeds;
using Doudi.Persistence;
using Doudi.Registry.Import;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Doudi.Monitoring;

/// <summary>
/// The baseline engine (<c>--engine sql</c>): the same rules as plain SQL on the transactional database.
/// The current feed rows are copied into session temp tables first (text columns, money also in cents), so the
/// SQL is the same for SQLite and PostgreSQL. Evidence is worded by the same code as the main engine's.
/// </summary>
public sealed class SqlEngine : IMonitoringEngine
{
    public async Task FindAsync(DoudiDb db, FeedStore store, MonitoringMonth month, MonitoringParameters parameters, Action<IReadOnlyList<Hit>> found,
        CancellationToken ct, IProgress<ImportProgress>? progress = null) => found(await FindAllAsync(db, store, month, parameters, ct, progress));

    private static async Task<List<Hit>> FindAllAsync(DoudiDb db, FeedStore store, MonitoringMonth month, MonitoringParameters parameters, CancellationToken ct,
        IProgress<ImportProgress>? progress)
    {
        progress?.Report(new ImportProgress("feeds", 0));
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            await DropTemps(connection, ct);
            await LoadFeeds(connection, store, await FeedEngine.CommittedFeedBatches(db, ct), ct);
            progress?.Report(new ImportProgress("registry", 0));
            await Exec(connection, MembershipSql(month.Last), ct);
            await Exec(connection, "CREATE TEMP TABLE mon_p AS SELECT mon_memb.*, CASE WHEN hh_program <> 'none' OR own_dibao = 1 OR own_tekun = 1 THEN 1 ELSE 0 END AS enrolled FROM mon_memb", ct);
            await Exec(connection, "CREATE INDEX ix_mon_p_id ON mon_p (id_number)", ct);
            await Exec(connection, "CREATE INDEX ix_mon_p_household ON mon_p (household_id)", ct);
            var members = await LoadMemberships(connection, ct);
            var hits = new List<Hit>();
            progress?.Report(new ImportProgress("rules", 0));
            foreach (var (rule, feed, sql) in RuleSql(month, parameters))
                await Collect(connection, rule, FeedTypes.Get(feed), sql, members, hits, ct);
            await Duplicates(connection, members, hits, ct);
            await DropTemps(connection, ct);
            return hits;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Lit(DateOnly d) => "'" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'";

    private static string Covers(string d) => $"e.\"From\" <= {d} AND (e.\"To\" IS NULL OR e.\"To\" >= {d})";

    private static string Own(string program, string d) =>
        $"CASE WHEN EXISTS (SELECT 1 FROM enrolments e WHERE e.\"HouseholdId\" = m.\"HouseholdId\" AND e.\"MemberId\" = m.\"Id\") " +
        $"THEN CASE WHEN EXISTS (SELECT 1 FROM enrolments e WHERE e.\"HouseholdId\" = m.\"HouseholdId\" AND e.\"MemberId\" = m.\"Id\" AND e.\"Program\" = '{program}' AND {Covers(d)}) THEN 1 ELSE 0 END " +
        $"WHEN (';' || m.\"MemberPrograms\" || ';') LIKE '%;{program};%' THEN 1 ELSE 0 END";

    private static string OwnOther(string d) =>
        $"CASE WHEN EXISTS (SELECT 1 FROM enrolments e WHERE e.\"HouseholdId\" = m.\"HouseholdId\" AND e.\"MemberId\" = m.\"Id\") " +
        $"THEN CASE WHEN EXISTS (SELECT 1 FROM enrolments e WHERE e.\"HouseholdId\" = m.\"HouseholdId\" AND e.\"MemberId\" = m.\"Id\" AND e.\"Program\" NOT IN ('dibao_individual', 'tekun') AND {Covers(d)}) THEN 1 ELSE 0 END " +
        "WHEN " + string.Join(" OR ", new[] { "disability_care_subsidy", "disability_living_subsidy", "orphan_allowance", "unsupported_child_allowance" }
            .Select(p => $"(';' || m.\"MemberPrograms\" || ';') LIKE '%;{p};%'")) + " THEN 1 ELSE 0 END";

    /// <summary>Memberships on the month's last day (RegistrySnapshot states the same in C#).</summary>
    private static string MembershipSql(DateOnly last)
    {
        var d = Lit(last);
        return $"""
            CREATE TEMP TABLE mon_memb AS
            SELECT m."Id" AS member_id, m."HouseholdId" AS household_id, m."IdNumber" AS id_number, m."Name" AS name,
                   h."HouseholdNo" AS household_no, h."CountyCode" AS county, h."TownshipCode" AS township,
                   CASE WHEN EXISTS (SELECT 1 FROM enrolments e WHERE e."HouseholdId" = h."Id" AND e."MemberId" IS NULL)
                        THEN COALESCE((SELECT e."Program" FROM enrolments e WHERE e."HouseholdId" = h."Id" AND e."MemberId" IS NULL
                                       AND {Covers(d)} ORDER BY e."From" DESC LIMIT 1), 'none')
                        WHEN h."ProgramSince" <= {d} THEN h."Program" ELSE 'none' END AS hh_program,
                   {Own("dibao_individual", d)} AS own_dibao,
                   {Own("tekun", d)} AS own_tekun,
                   {OwnOther(d)} AS own_other
            FROM members m JOIN households h ON h."Id" = m."HouseholdId"
            WHERE m."JoinedOn" <= {d} AND (m."LeftOn" IS NULL OR m."LeftOn" > {d})
            """;
    }

    private static string Cols(FeedType type, string alias) => string.Join(", ", type.Columns.Select(c => $"{alias}.{c.Name}"));

    /// <summary>Each query returns member_id, the registry name to compare, the hit's county, then the feed row.</summary>
    private static IEnumerable<(string Rule, string Feed, string Sql)> RuleSql(MonitoringMonth month, MonitoringParameters p)
    {
        var first = Lit(month.First);
        var last = Lit(month.Last);
        var window = Lit(month.WindowStart);
        string Simple(string feed, string where) =>
            $"SELECT p.member_id, p.name AS reg_name, p.county AS hit_county, {Cols(FeedTypes.Get(feed), "f")} FROM mon_p p JOIN f_{feed} f ON f.id_number = p.id_number WHERE {where}";
        const string paid = "(p.enrolled = 1 OR p.own_other = 1)";
        const string enrolled = "p.enrolled = 1";
        var severeGrades = string.Join(", ", Enumerable.Range(1, p.SevereDisabilityAnyCategoryMaxGrade).Select(g => $"'{g}'"));
        var cents = (long)(p.MedicalOutOfPocket12m * 100);
        const string watchActive = "{0}.flagged_on <= {1} AND ({0}.resolved_on = '' OR {0}.resolved_on >= {2})";
        string Active(string alias) => string.Format(CultureInfo.InvariantCulture, watchActive, alias, last, first);

        yield return (Rules.DeceasedRecipient, "death", Simple("death", $"{paid} AND f.death_date <= {last}"));
        yield return (Rules.DetainedMember, "detention", Simple("detention", $"{paid} AND f.start_date <= {last} AND (f.end_date = '' OR f.end_date >= {first})"));
        yield return (Rules.VehicleOwner, "vehicle", Simple("vehicle", $"{enrolled} AND f.vehicle_type IN ('car', 'truck', 'bus') AND f.registered_on <= {last}"));
        yield return (Rules.BusinessOwner, "business", Simple("business", $"{enrolled} AND f.status = 'active' AND f.registered_on <= {last}"));
        yield return (Rules.OfficialKinRecipient, "official_kin", Simple("official_kin", enrolled));
        yield return (Rules.EmploymentIncome, "employment", Simple("employment",
            $"{enrolled} AND (p.hh_program IN ('dibao', 'tekun') OR p.own_dibao = 1 OR p.own_tekun = 1) AND f.month = '{month.Text}' AND f.contribution_base_c > 0"));
        yield return (Rules.HighMedicalCost, "medical", Simple("medical",
            $"f.settled_on >= {window} AND f.settled_on <= {last} AND p.member_id IN (SELECT q.member_id FROM mon_p q JOIN f_medical g ON g.id_number = q.id_number " +
            $"WHERE g.settled_on >= {window} AND g.settled_on <= {last} GROUP BY q.member_id HAVING SUM(g.out_of_pocket_c) >= {cents})"));
        yield return (Rules.SevereDisabilityCandidate, "disability", Simple("disability",
            $"p.hh_program = 'dibao_edge' AND NOT EXISTS (SELECT 1 FROM mon_p o WHERE o.id_number = p.id_number AND o.own_dibao = 1) " +
            $"AND f.certified_on = (SELECT MAX(g.certified_on) FROM f_disability g WHERE g.id_number = p.id_number AND g.certified_on <= {last}) " +
            $"AND (f.grade IN ({severeGrades}) OR (f.category IN ('intellectual', 'mental') AND f.grade IN ('3', '4')))"));
        yield return (Rules.UnemployedEdge, "unemployment", Simple("unemployment",
            $"p.hh_program = 'dibao_edge' AND f.registered_on >= {first} AND f.registered_on <= {last}"));
        yield return (Rules.PropertyOverLimit, "property",
            $"""
            WITH held AS (
                SELECT q.household_id, q.name AS holder_name, f.* FROM mon_p q JOIN f_property f ON f.id_number = q.id_number
                WHERE f.registered_on <= {last} AND (f.deregistered_on = '' OR f.deregistered_on >= {first})),
            over_limit AS (
                SELECT household_id FROM held GROUP BY household_id
                HAVING COUNT(DISTINCT CASE WHEN property_kind = 'residential' THEN certificate_no END) > {p.ResidentialPropertiesAllowed}
                    OR COUNT(DISTINCT CASE WHEN property_kind = 'non_residential' THEN certificate_no END) > {p.NonResidentialPropertiesAllowed})
            SELECT p.member_id, h.holder_name AS reg_name, p.county AS hit_county, {Cols(FeedTypes.Get("property"), "h")}
            FROM mon_p p JOIN over_limit o ON o.household_id = p.household_id JOIN held h ON h.household_id = p.household_id
            WHERE p.enrolled = 1
            """);
        yield return (Rules.PovertyWatchUnassisted, "poverty_watch",
            $"""
            SELECT p.member_id, p.name AS reg_name, p.county AS hit_county, {Cols(FeedTypes.Get("poverty_watch"), "f")}
            FROM mon_p p JOIN f_poverty_watch f ON f.id_number = p.id_number
            WHERE {Active("f")} AND NOT EXISTS (SELECT 1 FROM mon_p o WHERE o.id_number = p.id_number AND o.enrolled = 1)
            UNION ALL
            SELECT NULL, NULL, (SELECT g.county FROM f_poverty_watch g WHERE g.id_number = f.id_number AND {Active("g")} ORDER BY g.flagged_on DESC LIMIT 1),
                   {Cols(FeedTypes.Get("poverty_watch"), "f")}
            FROM f_poverty_watch f
            WHERE {Active("f")} AND NOT EXISTS (SELECT 1 FROM mon_p o WHERE o.id_number = f.id_number)
            """);
    }

    private static async Task Collect(DbConnection connection, string rule, FeedType type, string sql,
        Dictionary<long, Membership> members, List<Hit> hits, CancellationToken ct)
    {
        var found = new Dictionary<(long?, string), (string County, List<EvidenceItem> Evidence)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                long? memberId = reader.IsDBNull(0) ? null : Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
                var registryName = reader.IsDBNull(1) ? null : reader.GetString(1);
                var values = new string[type.Columns.Count];
                for (var i = 0; i < values.Length; i++) values[i] = reader.GetString(3 + i);
                var row = new FeedRow(type, values);
                // A property row is another member's: the hit belongs to the alerted membership, not the row's person.
                var key = (memberId, memberId is null ? row.IdNumber : "");
                if (!found.TryGetValue(key, out var entry)) found[key] = entry = (reader.GetString(2), []);
                entry.Evidence.Add(EvidenceItem.From(row, registryName));
            }
        }
        foreach (var ((memberId, id), (county, evidence)) in found)
        {
            hits.Add(memberId is { } mid
                ? Hit.For(rule, members[mid], evidence)
                : new Hit(rule, id, null, county, Hit.Sorted(evidence)));
        }
    }

    private static async Task Duplicates(DbConnection connection, Dictionary<long, Membership> members, List<Hit> hits, CancellationToken ct)
    {
        const string sql = """
            SELECT p.member_id, o.member_id FROM mon_p p JOIN mon_p o ON o.id_number = p.id_number AND o.enrolled = 1
            WHERE p.enrolled = 1 AND p.id_number IN (
                SELECT id_number FROM mon_p WHERE enrolled = 1 GROUP BY id_number HAVING COUNT(DISTINCT household_id) >= 2)
            """;
        var found = new Dictionary<long, List<EvidenceItem>>();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var member = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
            var other = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
            if (!found.TryGetValue(member, out var list)) found[member] = list = [];
            list.Add(RuleBook.Registry(members[other]));
        }
        foreach (var (member, evidence) in found) hits.Add(Hit.For(Rules.DuplicateEnrolment, members[member], evidence));
    }

    private static async Task<Dictionary<long, Membership>> LoadMemberships(DbConnection connection, CancellationToken ct)
    {
        var result = new Dictionary<long, Membership>();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT member_id, household_id, household_no, county, township, id_number, name, hh_program, own_dibao, own_tekun, own_other FROM mon_p";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var own = new HashSet<string>();
            if (Convert.ToInt64(reader.GetValue(8), CultureInfo.InvariantCulture) == 1) own.Add("dibao_individual");
            if (Convert.ToInt64(reader.GetValue(9), CultureInfo.InvariantCulture) == 1) own.Add("tekun");
            if (Convert.ToInt64(reader.GetValue(10), CultureInfo.InvariantCulture) == 1) own.Add("other_individual");
            var id = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
            var household = new MonitoredHousehold(Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(7));
            result[id] = new Membership(id, household, reader.GetString(5), reader.GetString(6), own);
        }
        return result;
    }

    /// <summary>Copies the current rows of the rule feeds into temp tables <c>f_TYPE</c>.</summary>
    private static async Task LoadFeeds(DbConnection connection, FeedStore store, List<long> committed, CancellationToken ct)
    {
        await using var duck = await store.OpenAsync(write: false, ct: ct);
        await store.LoadCommitted(duck, committed, ct);
        foreach (var type in RuleBook.Feeds.Select(FeedTypes.Get))
        {
            var money = type.Columns.Where(c => c.Kind == FeedValue.Money).ToList();
            var columns = type.Columns.Select(c => $"{c.Name} TEXT").Concat(money.Select(c => $"{c.Name}_c BIGINT"));
            await Exec(connection, $"CREATE TEMP TABLE f_{type.Name} ({string.Join(", ", columns)})", ct);
            var rows = FeedStore.ReadCurrentAsync(duck, type, onlyWanted: false, ct);
            if (connection is NpgsqlConnection pg) await CopyPostgres(pg, type, money, rows, ct);
            else await InsertRows(connection, type, money, rows, ct);
            await Exec(connection, $"CREATE INDEX ix_f_{type.Name} ON f_{type.Name} (id_number)", ct);
        }
    }

    private static long Cents(string money) => (long)(decimal.Parse(money, CultureInfo.InvariantCulture) * 100);

    private static async Task CopyPostgres(NpgsqlConnection pg, FeedType type, List<FeedColumn> money, IAsyncEnumerable<FeedRow> rows, CancellationToken ct)
    {
        var names = type.Columns.Select(c => c.Name).Concat(money.Select(c => c.Name + "_c"));
        await using var import = await pg.BeginBinaryImportAsync($"COPY f_{type.Name} ({string.Join(", ", names)}) FROM STDIN (FORMAT BINARY)", ct);
        await foreach (var row in rows)
        {
            await import.StartRowAsync(ct);
            foreach (var v in row.Values) await import.WriteAsync(v, NpgsqlTypes.NpgsqlDbType.Text, ct);
            foreach (var m in money) await import.WriteAsync(Cents(row[m.Name]), NpgsqlTypes.NpgsqlDbType.Bigint, ct);
        }
        await import.CompleteAsync(ct);
    }

    private static async Task InsertRows(DbConnection connection, FeedType type, List<FeedColumn> money, IAsyncEnumerable<FeedRow> rows, CancellationToken ct)
    {
        var count = type.Columns.Count + money.Count;
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO f_{type.Name} VALUES ({string.Join(", ", Enumerable.Range(0, count).Select(i => "$p" + i))})";
        var parameters = Enumerable.Range(0, count).Select(i =>
        {
            var p = command.CreateParameter();
            p.ParameterName = "$p" + i;
            command.Parameters.Add(p);
            return p;
        }).ToArray();
        await command.PrepareAsync(ct);
        await foreach (var row in rows)
        {
            for (var i = 0; i < row.Values.Count; i++) parameters[i].Value = row.Values[i];
            for (var i = 0; i < money.Count; i++) parameters[row.Values.Count + i].Value = Cents(row[money[i].Name]);
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    private static async Task DropTemps(DbConnection connection, CancellationToken ct)
    {
        foreach (var table in RuleBook.Feeds.Select(f => "f_" + f).Append("mon_memb").Append("mon_p"))
            await Exec(connection, $"DROP TABLE IF EXISTS {table}", ct);
    }

    private static async Task Exec(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
