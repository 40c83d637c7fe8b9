using System.Collections.Concurrent;
using Doudi.Policy;

namespace Doudi.Eligibility;

/// <summary>
/// Every figure the rules read, resolved once for a (county, area, date). Batch runs meet the same few
/// contexts again and again, so <see cref="FigureCache"/> keeps them: the per-household path never
/// looks a parameter up.
/// </summary>
public sealed class PolicyFigures
{
    public PolicyFigures(ParameterBook book, string county, Area area, DateOnly date)
    {
        Figure? Get(ParameterDef p) => book.Get(p, county, area, date);
        AreaClass = Get(Parameters.AreaClass);
        Standard = Get(Parameters.DibaoStandard);
        AddonRate = Get(Parameters.AddonRate);
        AddonAgeMale = Get(Parameters.AddonAgeMale);
        AddonAgeFemale = Get(Parameters.AddonAgeFemale);
        EdgeMultiplier = Get(Parameters.EdgeMultiplier);
        FinancialMonths = Get(Parameters.FinancialMonths);
        MaxResidential = Get(Parameters.MaxResidential);
        MaxNonResidential = Get(Parameters.MaxNonResidential);
        MaxVehicles = Get(Parameters.MaxVehicles);
        MaxBusinesses = Get(Parameters.MaxBusinesses);
        RigidSpendingShare = Get(Parameters.RigidSpendingShare);
        DisposableIncome = Get(Parameters.DisposableIncome);
        TekunMultiplier = Get(Parameters.TekunMultiplier);
        CareRateSelfCare = Get(Parameters.CareRateSelfCare);
        CareRatePartial = Get(Parameters.CareRatePartial);
        CareRateFull = Get(Parameters.CareRateFull);
        AdlPartialFrom = Get(Parameters.AdlPartialFrom);
        AdlFullFrom = Get(Parameters.AdlFullFrom);
        MinimumWage = Get(Parameters.MinimumWage);
        CareSubsidy = Get(Parameters.CareSubsidy);
        LivingSubsidy = Get(Parameters.LivingSubsidy);
        OrphanInstitutional = Get(Parameters.OrphanInstitutional);
        OrphanScattered = Get(Parameters.OrphanScattered);
        UnsupportedChild = Get(Parameters.UnsupportedChild);
        TekunElderlyAge = Get(Parameters.TekunElderlyAge);
        TekunChildBelow = Get(Parameters.TekunChildBelow);
        MinorBelow = Get(Parameters.MinorBelow);
        WorkFrom = Get(Parameters.WorkFrom);
        WorkToMale = Get(Parameters.WorkToMale);
        WorkToFemale = Get(Parameters.WorkToFemale);
    }

    public Figure? AreaClass { get; }
    public Figure? Standard { get; }
    public Figure? AddonRate { get; }
    public Figure? AddonAgeMale { get; }
    public Figure? AddonAgeFemale { get; }
    public Figure? EdgeMultiplier { get; }
    public Figure? FinancialMonths { get; }
    public Figure? MaxResidential { get; }
    public Figure? MaxNonResidential { get; }
    public Figure? MaxVehicles { get; }
    public Figure? MaxBusinesses { get; }
    public Figure? RigidSpendingShare { get; }
    public Figure? DisposableIncome { get; }
    public Figure? TekunMultiplier { get; }
    public Figure? CareRateSelfCare { get; }
    public Figure? CareRatePartial { get; }
    public Figure? CareRateFull { get; }
    public Figure? AdlPartialFrom { get; }
    public Figure? AdlFullFrom { get; }
    public Figure? MinimumWage { get; }
    public Figure? CareSubsidy { get; }
    public Figure? LivingSubsidy { get; }
    public Figure? OrphanInstitutional { get; }
    public Figure? OrphanScattered { get; }
    public Figure? UnsupportedChild { get; }
    public Figure? TekunElderlyAge { get; }
    public Figure? TekunChildBelow { get; }
    public Figure? MinorBelow { get; }
    public Figure? WorkFrom { get; }
    public Figure? WorkToMale { get; }
    public Figure? WorkToFemale { get; }
}

/// <summary>Resolved figures per (county, area, date); safe to share between threads.</summary>
public sealed class FigureCache(ParameterBook book)
{
    private readonly ConcurrentDictionary<(string, Area, DateOnly), PolicyFigures> _cache = new();

    public ParameterBook Book => book;

    public PolicyFigures For(string county, Area area, DateOnly date) =>
        _cache.GetOrAdd((county, area, date), key => new PolicyFigures(book, key.Item1, key.Item2, key.Item3));
}
