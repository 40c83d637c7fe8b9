using Doudi.Feeds;

namespace Doudi.Monitoring;

/// <summary>
/// The twelve rules, applied in memory to the registry's memberships and the current feed rows about them.
/// This is the main engine's logic; <see cref="SqlEngine"/> states the same rules in SQL.
/// </summary>
public sealed class RuleBook(MonitoringMonth month, MonitoringParameters parameters)
{
    private static readonly IReadOnlyList<FeedRow> None = [];

    /// <summary>The feed types the rules read.</summary>
    public static readonly string[] Feeds =
        ["death", "vehicle", "property", "business", "medical", "disability", "employment", "unemployment", "detention", "poverty_watch", "official_kin"];

    /// <summary>
    /// Which current rows of a feed type any rule could use this month, as SQL for the feed store, so that only those
    /// leave DuckDB. Each keeps at least every row <see cref="Apply"/> looks at (Apply still checks every condition);
    /// the rule tests run through it, and a test compares the hits with and without it.
    /// </summary>
    public RowFilter? Candidates(string feed)
    {
        var first = Sql(month.First);
        var last = Sql(month.Last);
        return feed switch
        {
            "death" => new($"death_date <= {last}"),
            "detention" => new($"start_date <= {last} AND (end_date IS NULL OR end_date >= {first})"),
            "vehicle" => new($"vehicle_type IN ({string.Join(", ", Rules.AlertingVehicleTypes.Select(t => $"'{t}'"))}) AND registered_on <= {last}"),
            "business" => new($"status = 'active' AND registered_on <= {last}"),
            "employment" => new($"month = '{month.Text}' AND contribution_base > 0"),
            "medical" => new($"settled_on BETWEEN {Sql(month.WindowStart)} AND {last}",
                $"sum(out_of_pocket) OVER (PARTITION BY id_number) >= {parameters.MedicalOutOfPocket12m.ToString(System.Globalization.CultureInfo.InvariantCulture)}"),
            "disability" => new($"certified_on <= {last}"),
            "unemployment" => new($"registered_on BETWEEN {first} AND {last}"),
            "property" => new($"registered_on <= {last} AND (deregistered_on IS NULL OR deregistered_on >= {first})"),
            "poverty_watch" => new($"flagged_on <= {last} AND (resolved_on IS NULL OR resolved_on >= {first})"),
            _ => null,
        };
    }

    private static string Sql(DateOnly day) => "DATE '" + day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "'";

    public IReadOnlyList<Hit> Apply(IReadOnlyList<Membership> memberships, IReadOnlyDictionary<string, ILookup<string, FeedRow>> feeds)
    {
        IEnumerable<FeedRow> Rows(string type, string id) => feeds.TryGetValue(type, out var lookup) ? lookup[id] : None;

        // Every rule about a member needs a feed row about them (or, for duplicate enrolment, another membership):
        // the people with no row at all are skipped at once.
        var withRows = feeds.Where(f => f.Key != "poverty_watch").SelectMany(f => f.Value.Select(g => g.Key)).ToHashSet(StringComparer.Ordinal);
        var byPerson = ByPerson(memberships);
        var hits = InParallel(memberships.Where(m => withRows.Contains(m.IdNumber)).ToList(), (m, found) => MemberRules(m, found, Rows, byPerson));
        hits.AddRange(PropertyOverLimit(memberships, feeds.TryGetValue("property", out var property) ? property : null, Rows));
        hits.AddRange(PovertyWatch(byPerson, feeds.TryGetValue("poverty_watch", out var watch) ? watch : null));
        DuplicateEnrolment(hits, byPerson);
        return hits;
    }

    /// <summary>Checks the items on every core, each slice into its own list, and gives the hits in the items' order.</summary>
    private static List<Hit> InParallel<T>(IReadOnlyList<T> items, Action<T, List<Hit>> check)
    {
        var slices = Math.Max(1, Math.Min(Environment.ProcessorCount * 4, items.Count / 1000));
        var found = new List<Hit>[slices];
        Parallel.For(0, slices, s =>
        {
            var local = new List<Hit>();
            for (var i = (int)((long)items.Count * s / slices); i < (int)((long)items.Count * (s + 1) / slices); i++) check(items[i], local);
            found[s] = local;
        });
        return [.. found.SelectMany(f => f)];
    }

    private void MemberRules(Membership m, List<Hit> hits, Func<string, string, IEnumerable<FeedRow>> rows, Dictionary<string, object> byPerson)
    {
        var first = month.First;
        var last = month.Last;
        if (m.Paid)
        {
            Add(hits, Rules.DeceasedRecipient, m, rows("death", m.IdNumber).Where(r => r.Date("death_date") <= last));
            Add(hits, Rules.DetainedMember, m, rows("detention", m.IdNumber)
                .Where(r => r.Date("start_date") <= last && (r.Date("end_date") is not { } end || end >= first)));
        }
        if (m.Enrolled)
        {
            Add(hits, Rules.VehicleOwner, m, rows("vehicle", m.IdNumber)
                .Where(r => Rules.AlertingVehicleTypes.Contains(r["vehicle_type"]) && r.Date("registered_on") <= last));
            Add(hits, Rules.BusinessOwner, m, rows("business", m.IdNumber)
                .Where(r => r["status"] == "active" && r.Date("registered_on") <= last));
            Add(hits, Rules.OfficialKinRecipient, m, rows("official_kin", m.IdNumber));
            if (m.EnrolledIn("dibao") || m.EnrolledIn("dibao_individual") || m.EnrolledIn("tekun"))
            {
                Add(hits, Rules.EmploymentIncome, m, rows("employment", m.IdNumber)
                    .Where(r => r["month"] == month.Text && r.Money("contribution_base") > 0));
            }
        }

        var medical = rows("medical", m.IdNumber)
            .Where(r => r.Date("settled_on") is { } d && d >= month.WindowStart && d <= last).ToList();
        if (medical.Count > 0 && medical.Sum(r => r.Money("out_of_pocket")) >= parameters.MedicalOutOfPocket12m)
            Add(hits, Rules.HighMedicalCost, m, medical);

        if (m.HouseholdProgram == "dibao_edge")
        {
            if (!Memberships(byPerson, m.IdNumber).Any(o => o.OwnPrograms.Contains("dibao_individual")))
            {
                var latest = rows("disability", m.IdNumber).Where(r => r.Date("certified_on") <= last)
                    .MaxBy(r => r.Date("certified_on"));
                if (latest is not null && SevereDisability(latest)) Add(hits, Rules.SevereDisabilityCandidate, m, [latest]);
            }
            Add(hits, Rules.UnemployedEdge, m, rows("unemployment", m.IdNumber)
                .Where(r => r.Date("registered_on") is { } d && d >= first && d <= last));
        }
    }

    private bool SevereDisability(FeedRow row)
    {
        var grade = int.Parse(row["grade"], System.Globalization.CultureInfo.InvariantCulture);
        return grade <= parameters.SevereDisabilityAnyCategoryMaxGrade
            || (row["category"] is "intellectual" or "mental" && grade is 3 or 4);
    }

    private static void Add(List<Hit> hits, string rule, Membership m, IEnumerable<FeedRow> rows)
    {
        var evidence = rows.Select(r => EvidenceItem.From(r, m.Name)).ToList();
        if (evidence.Count > 0) hits.Add(Hit.For(rule, m, evidence));
    }

    private List<Hit> PropertyOverLimit(IReadOnlyList<Membership> memberships, ILookup<string, FeedRow>? property,
        Func<string, string, IEnumerable<FeedRow>> rows)
    {
        if (property is null) return [];
        // Only households where someone holds property can be over the limit.
        var holders = memberships.Where(m => property.Contains(m.IdNumber)).Select(m => m.HouseholdId).ToHashSet();
        var households = memberships.Where(m => holders.Contains(m.HouseholdId)).GroupBy(m => m.HouseholdId).ToList();
        return InParallel(households, (household, hits) =>
        {
            var held = household.SelectMany(m => rows("property", m.IdNumber).Select(r => (Row: r, Member: m)))
                .Where(p => p.Row.Date("registered_on") <= month.Last
                    && (p.Row.Date("deregistered_on") is not { } gone || gone >= month.First))
                .ToList();
            var residential = held.Where(p => p.Row["property_kind"] == "residential").Select(p => p.Row["certificate_no"]).Distinct().Count();
            var other = held.Where(p => p.Row["property_kind"] == "non_residential").Select(p => p.Row["certificate_no"]).Distinct().Count();
            if (residential <= parameters.ResidentialPropertiesAllowed && other <= parameters.NonResidentialPropertiesAllowed) return;
            var evidence = Hit.Sorted(held.Select(p => EvidenceItem.From(p.Row, p.Member.Name)));
            foreach (var m in household.Where(m => m.Enrolled)) hits.Add(new Hit(Rules.PropertyOverLimit, m.IdNumber, m, m.County, evidence));
        });
    }

    /// <summary>
    /// Each person's memberships, for the rules that look across households; a person in one household (nearly
    /// everyone) is kept as that one membership, without a list.
    /// </summary>
    private static Dictionary<string, object> ByPerson(IReadOnlyList<Membership> memberships)
    {
        var byPerson = new Dictionary<string, object>(memberships.Count, StringComparer.Ordinal);
        foreach (var m in memberships)
        {
            ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(byPerson, m.IdNumber, out var exists);
            slot = !exists ? m : slot is List<Membership> list ? Added(list, m) : new List<Membership> { (Membership)slot!, m };
        }
        return byPerson;

        static List<Membership> Added(List<Membership> list, Membership m)
        {
            list.Add(m);
            return list;
        }
    }

    private static IReadOnlyList<Membership> Memberships(Dictionary<string, object> byPerson, string id) =>
        byPerson.TryGetValue(id, out var found) ? found as List<Membership> ?? [(Membership)found] : [];

    private List<Hit> PovertyWatch(Dictionary<string, object> byPerson, ILookup<string, FeedRow>? watch)
    {
        if (watch is null) return [];
        return InParallel(watch.ToList(), (flags, hits) =>
        {
            var active = flags.Where(r => r.Date("flagged_on") <= month.Last
                && (r.Date("resolved_on") is not { } resolved || resolved >= month.First)).ToList();
            if (active.Count == 0) return;
            var memberships = Memberships(byPerson, flags.Key);
            if (memberships.Any(m => m.Enrolled)) return;
            if (memberships.Count == 0)
            {
                var county = active.MaxBy(r => r.Date("flagged_on"))!["county"];
                hits.Add(new Hit(Rules.PovertyWatchUnassisted, flags.Key, null, county, Hit.Sorted(active.Select(r => EvidenceItem.From(r, null)))));
                return;
            }
            foreach (var m in memberships) Add(hits, Rules.PovertyWatchUnassisted, m, active);
        });
    }

    private static void DuplicateEnrolment(List<Hit> hits, Dictionary<string, object> byPerson)
    {
        foreach (var person in byPerson.Values)
        {
            if (person is not List<Membership> memberships) continue;
            var enrolled = memberships.Where(m => m.Enrolled).ToList();
            if (enrolled.Select(m => m.HouseholdId).Distinct().Count() < 2) continue;
            var evidence = enrolled.Select(Registry).ToList();
            foreach (var m in enrolled) hits.Add(Hit.For(Rules.DuplicateEnrolment, m, evidence));
        }
    }

    /// <summary>The registry fact behind a duplicate enrolment: the person enrolled in that household.</summary>
    public static EvidenceItem Registry(Membership m)
    {
        var programs = m.HouseholdProgram == "none" ? "" : m.HouseholdProgram;
        var own = string.Join(";", m.OwnPrograms.Where(p => p is "dibao_individual" or "tekun").Order(StringComparer.Ordinal));
        var what = string.Join(";", new[] { programs, own }.Where(p => p.Length > 0));
        return new EvidenceItem("registry:" + m.HouseholdNo, $"registry:{m.HouseholdNo} enrolled in {what} (township {m.Township})");
    }
}
