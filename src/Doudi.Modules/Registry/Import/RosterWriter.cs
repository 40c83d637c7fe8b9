using Doudi.Imports;
using static Doudi.Registry.Import.RosterSchemas;

namespace Doudi.Registry.Import;

/// <summary>
/// Applies a read roster to the registry as a snapshot of the households it lists (data-files.md): new
/// households and members are inserted, changed ones updated, a listed household's missing members leave
/// (the row is kept with LeftOn), program changes close the open period the day before the new
/// <c>since</c>, and member programs become member enrolment periods. Runs inside the caller's transaction.
/// </summary>
internal sealed class RosterWriter(BulkWriter bulk, DateOnly today, DateTimeOffset now, Func<Column, bool> householdsHave,
    Func<Column, bool> membersHave)
{
    private static readonly string[] EnrolmentColumns = ["HouseholdId", "MemberId", "Program", "MonthlyAmount", "From", "To", "Source"];

    private readonly List<object?[]> _householdInserts = [];
    private readonly List<object?[]> _householdUpdates = [];
    private readonly List<object?[]> _enrolmentInserts = [];
    private readonly List<object?[]> _enrolmentUpdates = [];
    private readonly List<object?[]> _enrolmentCloses = [];
    private readonly List<object?[]> _memberUpdates = [];
    private readonly List<object?[]> _memberRejoins = [];
    private readonly List<object?[]> _memberLeaves = [];
    private readonly List<(string HouseholdNo, MemberFacts Facts, DateOnly JoinedOn)> _memberInserts = [];
    private int _added, _updated, _unchanged, _closed, _programChanges, _membersAdded, _membersUpdated, _membersUnchanged, _membersLeft;

    public async Task<RegistryChanges> ApplyAsync(RosterReader roster, StoredRegistry stored, string source, CancellationToken ct)
    {
        var membersByHousehold = roster.Members.GroupBy(m => m.HouseholdNo, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var row in roster.Households)
        {
            var members = membersByHousehold.GetValueOrDefault(row.HouseholdNo) ?? [];
            if (stored.Households.TryGetValue(row.HouseholdNo, out var existing))
            {
                var membersChanged = PlanMembers(existing, members, stored, roster.HouseholdsWithRejectedMembers.Contains(row.HouseholdNo), source);
                PlanHousehold(row, existing, stored, membersChanged, source);
            }
            else
            {
                _added++;
                _householdInserts.Add([row.HouseholdNo, row.County, row.Township, row.Area, row.Program, row.MonthlyAmount, row.Since,
                    .. StoredRegistry.HouseholdFactValues(row.Facts), now, now, 0]);
                foreach (var m in members) _memberInserts.Add((row.HouseholdNo, m.Facts, row.Since));
                _membersAdded += members.Count;
            }
        }

        bulk.Phase = "writing households";
        await bulk.InsertAsync("households",
            ["HouseholdNo", "CountyCode", "TownshipCode", "Area", "Program", "MonthlyAmount", "ProgramSince",
             "FinancialAssets", "ResidentialProperties", "NonResidentialProperties", "Vehicles", "Businesses", "RigidSpending12m",
             "AnnualIncome", "CreatedAt", "UpdatedAt", "Version"], _householdInserts, ct);
        var householdIds = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var h in stored.Households.Values) householdIds[h.HouseholdNo] = h.Id;
        foreach (var (id, no) in await bulk.QueryAsync("SELECT \"Id\", \"HouseholdNo\" FROM \"households\" WHERE \"Id\" > @p0",
            r => (r.GetInt64(0), r.GetString(1)), ct, stored.MaxHouseholdId)) householdIds[no] = id;
        foreach (var row in roster.Households)
        {
            if (!stored.Households.ContainsKey(row.HouseholdNo) && row.Program != "none")
                _enrolmentInserts.Add([householdIds[row.HouseholdNo], null, row.Program, row.MonthlyAmount, row.Since, null, source]);
        }

        await bulk.ExecuteAsync(
            "UPDATE \"households\" SET \"CountyCode\" = @p1, \"TownshipCode\" = @p2, \"Area\" = @p3, \"Program\" = @p4, \"MonthlyAmount\" = @p5, "
            + "\"ProgramSince\" = @p6, \"FinancialAssets\" = @p7, \"ResidentialProperties\" = @p8, \"NonResidentialProperties\" = @p9, "
            + "\"Vehicles\" = @p10, \"Businesses\" = @p11, \"RigidSpending12m\" = @p12, \"AnnualIncome\" = @p13, \"UpdatedAt\" = @p14, "
            + "\"Version\" = \"Version\" + 1 WHERE \"Id\" = @p0", _householdUpdates, ct);

        bulk.Phase = "writing members";
        var memberColumns = StoredRegistry.MemberColumns.Split(", ").Select(c => c.Trim('"')).ToList();
        await bulk.InsertAsync("members", ["HouseholdId", .. memberColumns, "JoinedOn", "LeftOn"],
            _memberInserts.Select(m => (object?[])[householdIds[m.HouseholdNo], .. StoredRegistry.MemberValues(m.Facts), m.JoinedOn, null]), ct);
        var newMembers = await bulk.QueryAsync("SELECT \"Id\", \"MemberPrograms\", \"JoinedOn\", \"HouseholdId\" FROM \"members\" WHERE \"Id\" > @p0",
            r => (Id: r.GetInt64(0), Programs: r.GetString(1), JoinedOn: r.GetFieldValue<DateOnly>(2), HouseholdId: r.GetInt64(3)), ct, stored.MaxMemberId);
        foreach (var m in newMembers)
        {
            if (m.Programs.Length == 0) continue;
            foreach (var program in m.Programs.Split(';')) _enrolmentInserts.Add([m.HouseholdId, m.Id, program, 0m, m.JoinedOn, null, source]);
        }

        var sets = string.Join(", ", memberColumns.Select((c, i) => $"\"{c}\" = @p{i + 1}"));
        await bulk.ExecuteAsync($"UPDATE \"members\" SET {sets} WHERE \"Id\" = @p0", _memberUpdates, ct);
        await bulk.ExecuteAsync($"UPDATE \"members\" SET {sets}, \"JoinedOn\" = @p{memberColumns.Count + 1}, \"LeftOn\" = NULL WHERE \"Id\" = @p0",
            _memberRejoins.Select(r => (object?[])[.. r, today]), ct);
        await bulk.ExecuteAsync("UPDATE \"members\" SET \"LeftOn\" = @p1 WHERE \"Id\" = @p0", _memberLeaves, ct);
        bulk.Phase = "writing enrolments";
        await bulk.ExecuteAsync("UPDATE \"enrolments\" SET \"To\" = @p1 WHERE \"Id\" = @p0", _enrolmentCloses, ct);
        await bulk.ExecuteAsync("UPDATE \"enrolments\" SET \"Program\" = @p1, \"MonthlyAmount\" = @p2, \"From\" = @p3, \"Source\" = @p4 WHERE \"Id\" = @p0", _enrolmentUpdates, ct);
        await bulk.InsertAsync("enrolments", EnrolmentColumns, _enrolmentInserts, ct);

        var regionsAdded = await AddTownshipsAsync(roster, stored, ct);
        return new RegistryChanges(_added, _updated, _unchanged, _closed, _programChanges,
            _membersAdded, _membersUpdated, _membersUnchanged, _membersLeft, regionsAdded);
    }

    private void PlanHousehold(HouseholdRow row, StoredHousehold existing, StoredRegistry stored, bool membersChanged, string source)
    {
        var facts = MergeFacts(row.Facts, existing.Facts);
        var changed = row.County != existing.County || row.Township != existing.Township || row.Area != existing.Area
            || row.Program != existing.Program || row.MonthlyAmount != existing.MonthlyAmount || row.Since != existing.Since
            || facts != existing.Facts;
        if (changed || membersChanged)
        {
            _householdUpdates.Add([existing.Id, row.County, row.Township, row.Area, row.Program, row.MonthlyAmount, row.Since,
                .. StoredRegistry.HouseholdFactValues(facts), now]);
            _updated++;
        }
        else
        {
            _unchanged++;
        }

        var open = stored.OpenHouseholdEnrolments.GetValueOrDefault(existing.Id);
        if (row.Program == "none")
        {
            if (open is null) return;
            _enrolmentCloses.Add([open.Id, Max(open.From, row.Since.AddDays(-1))]);
            _closed++;
            _programChanges++;
        }
        else if (open is null)
        {
            _enrolmentInserts.Add([existing.Id, null, row.Program, row.MonthlyAmount, row.Since, null, source]);
            _programChanges++;
        }
        else if (open.Program == row.Program && open.From == row.Since)
        {
            if (open.MonthlyAmount != row.MonthlyAmount) _enrolmentUpdates.Add([open.Id, open.Program, row.MonthlyAmount, open.From, source]);
        }
        else if (row.Since > open.From)
        {
            // A change takes effect from its `since`: the open period ends the day before.
            _enrolmentCloses.Add([open.Id, row.Since.AddDays(-1)]);
            _enrolmentInserts.Add([existing.Id, null, row.Program, row.MonthlyAmount, row.Since, null, source]);
            _programChanges++;
        }
        else
        {
            // A `since` on or before the open period's start corrects that period rather than following it.
            _enrolmentUpdates.Add([open.Id, row.Program, row.MonthlyAmount, row.Since, source]);
            _programChanges++;
        }
    }

    /// <summary>Plans the members of a stored household; returns whether anything about them changes.</summary>
    private bool PlanMembers(StoredHousehold household, List<MemberRow> rows, StoredRegistry stored, bool keepMissing, string source)
    {
        var storedMembers = stored.MembersByHousehold.GetValueOrDefault(household.Id) ?? [];
        var byId = storedMembers.ToDictionary(m => m.Facts.IdNumber, StringComparer.Ordinal);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var changed = false;
        foreach (var row in rows)
        {
            listed.Add(row.Facts.IdNumber);
            if (!byId.TryGetValue(row.Facts.IdNumber, out var member))
            {
                _memberInserts.Add((household.HouseholdNo, row.Facts, today));
                _membersAdded++;
                changed = true;
                continue;
            }
            var facts = MergeFacts(row.Facts, member.Facts);
            if (facts == member.Facts && member.LeftOn is null) { _membersUnchanged++; continue; }
            changed = true;
            _membersUpdated++;
            // A former member listed again rejoins from today; the earlier stay stays in the enrolment history.
            (member.LeftOn is null ? _memberUpdates : _memberRejoins).Add([member.Id, .. StoredRegistry.MemberValues(facts)]);
            PlanMemberPrograms(member, facts, stored, source);
        }
        if (keepMissing) return changed;
        foreach (var member in storedMembers)
        {
            if (member.LeftOn is not null || listed.Contains(member.Facts.IdNumber)) continue;
            _memberLeaves.Add([member.Id, today]);
            _membersLeft++;
            changed = true;
            foreach (var e in stored.OpenMemberEnrolments.GetValueOrDefault(member.Id) ?? []) _enrolmentCloses.Add([e.Id, Max(e.From, today.AddDays(-1))]);
        }
        return changed;
    }

    private void PlanMemberPrograms(StoredMember member, MemberFacts facts, StoredRegistry stored, string source)
    {
        var open = stored.OpenMemberEnrolments.GetValueOrDefault(member.Id) ?? [];
        var wanted = facts.Programs.ToHashSet(StringComparer.Ordinal);
        foreach (var e in open)
        {
            if (!wanted.Remove(e.Program)) _enrolmentCloses.Add([e.Id, Max(e.From, today.AddDays(-1))]);
        }
        foreach (var program in wanted) _enrolmentInserts.Add([member.HouseholdId, member.Id, program, 0m, today, null, source]);
    }

    private HouseholdFacts MergeFacts(HouseholdFacts row, HouseholdFacts old) => new(
        householdsHave(H.FinancialAssets) ? row.FinancialAssets : old.FinancialAssets,
        householdsHave(H.ResidentialProperties) ? row.ResidentialProperties : old.ResidentialProperties,
        householdsHave(H.NonResidentialProperties) ? row.NonResidentialProperties : old.NonResidentialProperties,
        householdsHave(H.Vehicles) ? row.Vehicles : old.Vehicles,
        householdsHave(H.Businesses) ? row.Businesses : old.Businesses,
        householdsHave(H.RigidSpending12m) ? row.RigidSpending12m : old.RigidSpending12m,
        householdsHave(H.AnnualIncome) ? row.AnnualIncome : old.AnnualIncome);

    /// <summary>A column missing from the file says nothing about that fact: the stored value stays.</summary>
    private MemberFacts MergeFacts(MemberFacts row, MemberFacts old) => row with
    {
        IncomeWages = membersHave(M.IncomeWages) ? row.IncomeWages : old.IncomeWages,
        IncomeBusiness = membersHave(M.IncomeBusiness) ? row.IncomeBusiness : old.IncomeBusiness,
        IncomeProperty = membersHave(M.IncomeProperty) ? row.IncomeProperty : old.IncomeProperty,
        IncomeTransfer = membersHave(M.IncomeTransfer) ? row.IncomeTransfer : old.IncomeTransfer,
        IncomePension = membersHave(M.IncomePension) ? row.IncomePension : old.IncomePension,
        IncomeBasicPension = membersHave(M.IncomeBasicPension) ? row.IncomeBasicPension : old.IncomeBasicPension,
        IncomeNotCounted = membersHave(M.IncomeNotCounted) ? row.IncomeNotCounted : old.IncomeNotCounted,
        FullTimeStudent = membersHave(M.FullTimeStudent) ? row.FullTimeStudent : old.FullTimeStudent,
        Childless = membersHave(M.Childless) ? row.Childless : old.Childless,
        RefusesWork = membersHave(M.RefusesWork) ? row.RefusesWork : old.RefusesWork,
        SpecialOutpatient = membersHave(M.SpecialOutpatient) ? row.SpecialOutpatient : old.SpecialOutpatient,
        UnableToWorkCertified = membersHave(M.UnableToWorkCertified) ? row.UnableToWorkCertified : old.UnableToWorkCertified,
        AdlUnable = membersHave(M.AdlUnable) ? row.AdlUnable : old.AdlUnable,
        Supporter = membersHave(M.Supporter) ? row.Supporter : old.Supporter,
        Parent1 = membersHave(M.Parent1) ? row.Parent1 : old.Parent1,
        Parent2 = membersHave(M.Parent2) ? row.Parent2 : old.Parent2,
        Care = membersHave(M.Care) ? row.Care : old.Care,
        MemberPrograms = membersHave(M.MemberProgram) ? row.MemberPrograms : old.MemberPrograms,
    };

    private async Task<int> AddTownshipsAsync(RosterReader roster, StoredRegistry stored, CancellationToken ct)
    {
        var missing = roster.Households.Select(h => (h.Township, h.County)).Distinct()
            .Where(t => !stored.RegionCodes.Contains(t.Township)).ToList();
        // The roster has codes only; a name is filled in later by an administrator (or the demo loader).
        await bulk.InsertAsync("regions", ["Code", "Name", "ParentCode"],
            missing.Select(t => (object?[])[t.Township, $"乡镇（街道）{t.Township}", t.County]), ct);
        return missing.Count;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
