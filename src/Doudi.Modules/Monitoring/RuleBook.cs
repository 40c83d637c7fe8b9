using Doudi.Feeds;

namespace Doudi.Monitoring;

/// <summary>
/// The twelve rules, applied in memory to the registry's memberships and the current feed rows about them.
/// This is the main engine's logic; <see cref="SqlEngine"/> states the same rules in SQL.
/// </summary>
public sealed class RuleBook(MonitoringMonth month, MonitoringParameters parameters)
{
    /// <summary>
    /// The feed types the rules read, in the order the main engine reads them: the feeds that usually raise the most
    /// alerts first, so that the alert writer, which works while the later feeds are read, is not left with them at
    /// the end (docs/benchmarks.md).
    /// </summary>
    public static readonly string[] Feeds =
        ["poverty_watch", "property", "medical", "vehicle", "business", "employment", "death", "official_kin", "detention", "unemployment", "disability"];

    /// <summary>
    /// Whose rows of a feed its rules check: the memberships a hit can be about (null: every membership). A person's
    /// rows are read when one of their memberships passes; the other people's rows stay in DuckDB. Most feeds' rules
    /// are about enrolled people, some only about 低保边缘 households.
    /// </summary>
    public static Func<Membership, bool>? Reads(string feed) => feed switch
    {
        "death" or "detention" => m => m.Paid,
        "vehicle" or "business" or "official_kin" => m => m.Enrolled,
        "employment" => m => m.EnrolledIn("dibao") || m.EnrolledIn("dibao_individual") || m.EnrolledIn("tekun"),
        "disability" or "unemployment" => m => m.HouseholdProgram == "dibao_edge",
        _ => null,
    };

    /// <summary>
    /// Which current rows of a feed type a hit could rest on this month, as SQL for the feed store (over the type's
    /// columns and the temp table <c>wanted(id, household, reads)</c> of the month's memberships), so that only those
    /// leave DuckDB. The engine adds the condition on the person (<see cref="Reads"/>). <see cref="Apply"/> still checks
    /// every condition, and finds the same hits with or without the filter: the rule tests run through it, and a test
    /// holds the hits to the SQL engine's, which reads every row.
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
            "property" => PropertyCandidates(first, last),
            "poverty_watch" => new($"flagged_on <= {last} AND (resolved_on IS NULL OR resolved_on >= {first})"),
            _ => null,
        };
    }

    /// <summary>
    /// The property rows held in the month by the members of households over the limit (`wanted` holds each membership's
    /// household), counted as <see cref="PropertyOverLimit"/> counts them. A household not over the limit gets no row
    /// of its own, but may get the rows of a member it shares with one that is: a part of its rows never counts more
    /// certificates than all of them, so it still raises nothing. Most holders' households are within the limit, so
    /// most property rows stay in DuckDB.
    /// </summary>
    private RowFilter PropertyCandidates(string first, string last)
    {
        string Held(string p) => $"{p}registered_on <= {last} AND ({p}deregistered_on IS NULL OR {p}deregistered_on >= {first})";
        string Over(string kind, int allowed) =>
            $"count(DISTINCT p.certificate_no) FILTER (WHERE p.property_kind = '{kind}') > {allowed.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        var over = $"SELECT o.household FROM {RowFilter.Current} p JOIN wanted o ON o.id = p.id_number WHERE {Held("p.")} " +
            $"GROUP BY o.household HAVING {Over("residential", parameters.ResidentialPropertiesAllowed)} OR {Over("non_residential", parameters.NonResidentialPropertiesAllowed)}";
        return new($"{Held("")} AND id_number IN (SELECT w.id FROM wanted w WHERE w.household IN ({over}))");
    }

    private static string Sql(DateOnly day) => "DATE '" + day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "'";

    /// <summary>
    /// The hits of the rules that read one feed type, from its current rows by person (the ones <see cref="Candidates"/>
    /// let through, or more). Each rule reads one feed, so a run applies them feed by feed as the rows arrive.
    /// </summary>
    public List<Hit> Apply(People people, string feed, ILookup<string, FeedRow> rows) => feed switch
    {
        "property" => PropertyOverLimit(people, rows),
        "poverty_watch" => PovertyWatch(people, rows),
        _ => InParallel(rows.ToList(), (person, hits) =>
        {
            foreach (var m in people.Of(person.Key)) MemberRules(feed, m, person, hits, people);
        }),
    };

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

    /// <summary>The rules about one member that read <paramref name="feed"/>, given the member's rows of it.</summary>
    private void MemberRules(string feed, Membership m, IEnumerable<FeedRow> rows, List<Hit> hits, People people)
    {
        if (Reads(feed) is { } reads && !reads(m)) return;
        var first = month.First;
        var last = month.Last;
        switch (feed)
        {
            case "death":
                Add(hits, Rules.DeceasedRecipient, m, rows.Where(r => r.Date("death_date") <= last));
                break;
            case "detention":
                Add(hits, Rules.DetainedMember, m, rows.Where(r => r.Date("start_date") <= last && (r.Date("end_date") is not { } end || end >= first)));
                break;
            case "vehicle":
                Add(hits, Rules.VehicleOwner, m, rows.Where(r => Rules.AlertingVehicleTypes.Contains(r["vehicle_type"]) && r.Date("registered_on") <= last));
                break;
            case "business":
                Add(hits, Rules.BusinessOwner, m, rows.Where(r => r["status"] == "active" && r.Date("registered_on") <= last));
                break;
            case "official_kin":
                Add(hits, Rules.OfficialKinRecipient, m, rows);
                break;
            case "employment":
                Add(hits, Rules.EmploymentIncome, m, rows.Where(r => r["month"] == month.Text && r.Money("contribution_base") > 0));
                break;
            case "medical":
                var medical = rows.Where(r => r.Date("settled_on") is { } d && d >= month.WindowStart && d <= last).ToList();
                if (medical.Count > 0 && medical.Sum(r => r.Money("out_of_pocket")) >= parameters.MedicalOutOfPocket12m)
                    Add(hits, Rules.HighMedicalCost, m, medical);
                break;
            case "disability" when !people.Of(m.IdNumber).Any(o => o.OwnPrograms.Contains("dibao_individual")):
                var latest = rows.Where(r => r.Date("certified_on") <= last).MaxBy(r => r.Date("certified_on"));
                if (latest is not null && SevereDisability(latest)) Add(hits, Rules.SevereDisabilityCandidate, m, [latest]);
                break;
            case "unemployment":
                Add(hits, Rules.UnemployedEdge, m, rows.Where(r => r.Date("registered_on") is { } d && d >= first && d <= last));
                break;
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

    private List<Hit> PropertyOverLimit(People people, ILookup<string, FeedRow> property)
    {
        // Only households where someone holds property can be over the limit; their properties are counted together.
        var holders = property.SelectMany(p => people.Of(p.Key)).Select(m => m.HouseholdId).ToHashSet();
        var households = people.All.Where(m => holders.Contains(m.HouseholdId)).GroupBy(m => m.HouseholdId).ToList();
        return InParallel(households, (household, hits) =>
        {
            List<(FeedRow Row, Membership Member)>? held = null;
            HashSet<string>? residential = null, other = null;
            foreach (var m in household)
            {
                foreach (var r in property[m.IdNumber])
                {
                    if (!(r.Date("registered_on") <= month.Last && (r.Date("deregistered_on") is not { } gone || gone >= month.First))) continue;
                    (held ??= []).Add((r, m));
                    var kind = r["property_kind"];
                    if (kind == "residential") (residential ??= new(StringComparer.Ordinal)).Add(r["certificate_no"]);
                    else if (kind == "non_residential") (other ??= new(StringComparer.Ordinal)).Add(r["certificate_no"]);
                }
            }
            if ((residential?.Count ?? 0) <= parameters.ResidentialPropertiesAllowed && (other?.Count ?? 0) <= parameters.NonResidentialPropertiesAllowed) return;
            var evidence = Hit.Sorted(held!.Select(p => EvidenceItem.From(p.Row, p.Member.Name)));
            foreach (var m in household.Where(m => m.Enrolled)) hits.Add(new Hit(Rules.PropertyOverLimit, m.IdNumber, m, m.County, evidence));
        });
    }

    private List<Hit> PovertyWatch(People people, ILookup<string, FeedRow> watch) =>
        InParallel(watch.ToList(), (flags, hits) =>
        {
            var active = flags.Where(r => r.Date("flagged_on") <= month.Last
                && (r.Date("resolved_on") is not { } resolved || resolved >= month.First)).ToList();
            if (active.Count == 0) return;
            var memberships = people.Of(flags.Key);
            if (memberships.Any(m => m.Enrolled)) return;
            if (memberships.Count == 0)
            {
                var county = active.MaxBy(r => r.Date("flagged_on"))!["county"];
                hits.Add(new Hit(Rules.PovertyWatchUnassisted, flags.Key, null, county, Hit.Sorted(active.Select(r => EvidenceItem.From(r, null)))));
                return;
            }
            foreach (var m in memberships) Add(hits, Rules.PovertyWatchUnassisted, m, active);
        });

    /// <summary>The one rule that reads no feed: a person enrolled in two households.</summary>
    public static List<Hit> DuplicateEnrolment(People people)
    {
        var hits = new List<Hit>();
        foreach (var memberships in people.InSeveralHouseholds)
        {
            var enrolled = memberships.Where(m => m.Enrolled).ToList();
            if (enrolled.Select(m => m.HouseholdId).Distinct().Count() < 2) continue;
            var evidence = enrolled.Select(Registry).ToList();
            foreach (var m in enrolled) hits.Add(Hit.For(Rules.DuplicateEnrolment, m, evidence));
        }
        return hits;
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
