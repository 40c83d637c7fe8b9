using Doudi.Kernel;

namespace Doudi.Registry.Demo;

/// <summary>Builds a <see cref="DemoRegion"/>: places first, then households one by one from a single seeded Random.</summary>
internal sealed class DemoGenerator(DemoOptions options)
{
    // 增城区 (Guangzhou). Its ID numbers were issued under the old 增城市 code 440183 until 2014.
    private const string CountyCode = "440118";
    private static readonly string[] IssueCodes = ["440183", "440183", "440183", "440118", "440118", "441302", "452122", "360121", "431021"];

    // Demo figures only (2023 Guangzhou 低保 standard and 特困 care at 2% of 2300): the rules read the policy data.
    private const decimal Standard = 1238m;
    private const decimal TekunAmount = 1981m + 46m;

    private readonly Random _random = new(options.Seed);
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly DateOnly _asOf = options.AsOf ?? DateOnly.FromDateTime(DateTime.Today);

    public DemoRegion Run()
    {
        var county = RegionCatalog.Guangdong2022.FindCounty(CountyCode)!;
        var townships = new List<DemoPlace>();
        var villages = new List<DemoPlace>();
        var urban = new HashSet<string>(StringComparer.Ordinal);
        for (var t = 0; t < DemoNames.Townships.Length; t++)
        {
            var (name, isUrban) = DemoNames.Townships[t];
            var township = new DemoPlace($"{CountyCode}{t + 1:D3}", name, CountyCode);
            townships.Add(township);
            if (isUrban) urban.Add(township.Code);
            var used = new HashSet<string>(StringComparer.Ordinal);
            var count = isUrban ? 6 + _random.Next(5) : 12 + _random.Next(10);
            for (var v = 0; v < count; v++)
            {
                string villageName;
                do villageName = Pick(DemoNames.PlaceFirst) + Pick(DemoNames.PlaceSecond) + (isUrban ? "社区" : "村");
                while (!used.Add(villageName));
                villages.Add(new DemoPlace($"{township.Code}{v + 1:D3}", villageName, township.Code));
            }
        }

        var households = new List<DemoHousehold>(options.Households);
        for (var i = 1; i <= options.Households; i++)
        {
            // Towns hold most of the assisted households.
            var township = _random.NextDouble() < 0.3 ? townships[_random.Next(6)] : townships[6 + _random.Next(townships.Count - 6)];
            var inTownship = villages.Where(v => v.ParentCode == township.Code).ToList();
            var household = new DemoHousehold
            {
                HouseholdNo = $"{CountyCode}-{i:D6}",
                Township = township,
                Village = inTownship[_random.Next(inTownship.Count)],
                Area = urban.Contains(township.Code) ? "urban" : "rural",
            };
            FillHousehold(household);
            households.Add(household);
        }
        EnrolSomeTwice(households);
        return new DemoRegion
        {
            County = county,
            AsOf = _asOf,
            Seed = options.Seed,
            Townships = townships,
            Villages = villages,
            Households = households,
        };
    }

    private void FillHousehold(DemoHousehold h)
    {
        var roll = _random.NextDouble();
        var program = roll switch { < 0.58 => "dibao", < 0.73 => "dibao_edge", < 0.83 => "tekun", < 0.88 => "expenditure_hardship", _ => "none" };
        var size = program == "tekun" ? 1 : Size();
        var headAge = program == "tekun" ? 60 + _random.Next(30) : 25 + _random.Next(60);
        var headMale = _random.NextDouble() < 0.6;
        var surname = Surname();
        var head = Person(surname, headMale, headAge, "head");
        h.Members.Add(head);
        if (size >= 2 && _random.NextDouble() < 0.75)
            h.Members.Add(Person(Surname(), !headMale, Math.Clamp(headAge + _random.Next(-6, 5), 20, 95), "spouse"));
        while (h.Members.Count < size)
        {
            var childAge = headAge - 20 - _random.Next(18);
            if (childAge >= 0 && _random.NextDouble() < 0.8)
            {
                h.Members.Add(Person(surname, _random.NextDouble() < 0.5, childAge, "child"));
            }
            else if (headAge < 50)
            {
                h.Members.Add(Person(surname, _random.NextDouble() < 0.45, headAge + 22 + _random.Next(10), "parent"));
            }
            else
            {
                h.Members.Add(Person(surname, _random.NextDouble() < 0.5, Math.Max(0, headAge - 45 - _random.Next(15)), "grandchild"));
            }
        }
        foreach (var m in h.Members) Facts(m, program);
        Incomes(h, program);
        h.Program = program;
        h.Since = _asOf.AddDays(-_random.Next(30, 8 * 365));
        h.FinancialAssets = Math.Round((decimal)(_random.NextDouble() * 15000 * h.Members.Count), 2);
        h.ResidentialProperties = _random.NextDouble() < 0.8 ? 1 : 0;
        h.Vehicles = _random.NextDouble() < 0.02 ? 1 : 0;
        h.RigidSpending12m = program == "expenditure_hardship" ? 30000m + _random.Next(80000) : _random.NextDouble() < 0.2 ? _random.Next(500, 6000) : 0m;
        h.MonthlyAmount = program switch
        {
            "dibao" => Math.Max(0.01m, Standard * h.Members.Count - h.CountedIncome),
            "tekun" => TekunAmount,
            _ => 0m,
        };
        foreach (var m in h.Members)
        {
            var severe = m.DisabilityGrade is 1 or 2 || (m.DisabilityCategory is "intellectual" or "mental" && m.DisabilityGrade is 3 or 4);
            if (severe) m.Programs.Add("disability_care_subsidy");
            if (m.DisabilityCategory is not null && program is "dibao" or "dibao_edge") m.Programs.Add("disability_living_subsidy");
            if (program == "dibao_edge" && (m.SeriousIllness || severe)) m.Programs.Insert(0, "dibao_individual");
        }
    }

    private void Incomes(DemoHousehold h, string program)
    {
        // Target per-capita counted income for the program, then spread it over the adults of working age.
        var perCapita = program switch
        {
            "dibao" => (decimal)_random.NextDouble() * 0.8m * Standard,
            "dibao_edge" => Standard * (1m + 0.45m * (decimal)_random.NextDouble()),
            "expenditure_hardship" => Standard * (1.6m + (decimal)_random.NextDouble()),
            "tekun" => (decimal)_random.NextDouble() * 0.5m * Standard,
            _ => Standard * (1.5m + 2m * (decimal)_random.NextDouble()),
        };
        var total = Math.Round(perCapita * h.Members.Count, 0);
        var earners = h.Members.Where(m => Age(m) is >= 18 and < 60 && m.DisabilityGrade is null or > 2).ToList();
        var elderly = h.Members.Where(m => Age(m) >= 60).ToList();
        foreach (var e in elderly)
        {
            e.BasicPension = 180m + _random.Next(0, 120);
            if (_random.NextDouble() < 0.25) e.Pension = Math.Min(total, _random.Next(300, 1500));
            total -= e.Pension;
        }
        if (earners.Count == 0) earners = elderly.Count > 0 ? elderly : [h.Members[0]];
        foreach (var e in earners)
        {
            var share = Math.Max(0m, Math.Round(total / earners.Count, 0));
            if (_random.NextDouble() < 0.15) e.Business = share;
            else if (_random.NextDouble() < 0.1) e.Transfer = share;
            else e.Wages += share;
        }
        foreach (var m in h.Members.Where(m => m.DisabilityCategory is not null)) m.NotCounted = _random.Next(150, 300);
    }

    private void Facts(DemoMember m, string program)
    {
        var age = Age(m);
        if (_random.NextDouble() < (program == "tekun" ? 0.35 : 0.09))
        {
            m.DisabilityCategory = Pick(["physical", "physical", "physical", "visual", "hearing", "speech", "intellectual", "mental", "multiple"]);
            m.DisabilityGrade = 1 + _random.Next(4);
            m.UnableToWorkCertified = m.DisabilityGrade <= 2 && _random.NextDouble() < 0.5;
        }
        m.SeriousIllness = _random.NextDouble() < 0.05;
        m.SpecialOutpatient = m.SeriousIllness || _random.NextDouble() < 0.03;
        m.FullTimeStudent = age is >= 6 and <= 21 && _random.NextDouble() < 0.9;
        m.Childless = program == "tekun" || (age >= 60 && _random.NextDouble() < 0.1);
        m.AdlUnable = age >= 75 || m.DisabilityGrade == 1 ? _random.Next(0, 5) : 0;
        m.Supporter = program == "tekun" ? "none" : "able";
        if (age < 18) (m.Parent1, m.Parent2) = ("alive", "alive");
    }

    /// <summary>
    /// About <see cref="TwiceEnrolledShare"/> of households also list an elderly parent who is already a member of
    /// another household (two children each list the same parent: 重复享受), as registries really hold. It is what
    /// the monitoring rule duplicate_enrolment finds. A separate random source keeps everything else as before.
    /// </summary>
    private void EnrolSomeTwice(List<DemoHousehold> households)
    {
        var random = new Random(unchecked(options.Seed * 7919 + 2));
        var wanted = (int)Math.Round(households.Count * TwiceEnrolledShare);
        for (var tries = 0; wanted > 0 && tries < 20 * households.Count; tries++)
        {
            var from = households[random.Next(households.Count)];
            var to = households[random.Next(households.Count)];
            // Both households are enrolled (a household with program none receives nothing twice).
            if (ReferenceEquals(from, to) || from.Program == "none" || to.Program is "tekun" or "none") continue;
            var parent = from.Members.FirstOrDefault(m => Age(m) >= 60);
            if (parent is null || to.Members.Any(m => m.IdNumber == parent.IdNumber)) continue;
            // The same person, without the incomes already counted in the first household.
            to.Members.Add(new DemoMember
            {
                IdNumber = parent.IdNumber,
                Name = parent.Name,
                Sex = parent.Sex,
                BirthDate = parent.BirthDate,
                Relation = "parent",
                DisabilityCategory = parent.DisabilityCategory,
                DisabilityGrade = parent.DisabilityGrade,
                SeriousIllness = parent.SeriousIllness,
                SpecialOutpatient = parent.SpecialOutpatient,
                Childless = false,
                AdlUnable = parent.AdlUnable,
                UnableToWorkCertified = parent.UnableToWorkCertified,
            });
            wanted--;
        }
    }

    /// <summary>Share of households listing a person another household lists too (demo data only).</summary>
    public const double TwiceEnrolledShare = 0.004;

    private int Size() => _random.NextDouble() switch { < 0.25 => 1, < 0.50 => 2, < 0.72 => 3, < 0.88 => 4, < 0.96 => 5, _ => 6 };

    private DemoMember Person(string surname, bool male, int age, string relation)
    {
        var birth = _asOf.AddYears(-age).AddDays(-_random.Next(1, 365));
        if (birth.Year < 1925) birth = new DateOnly(1925, 1, 1).AddDays(_random.Next(365));
        var given = male ? DemoNames.MaleGiven : DemoNames.FemaleGiven;
        var name = surname + Pick(given) + (_random.NextDouble() < 0.85 ? Pick(given) : "");
        return new DemoMember { IdNumber = NewId(birth, male), Name = name, Sex = male ? "male" : "female", BirthDate = birth, Relation = relation };
    }

    private string NewId(DateOnly birth, bool male)
    {
        while (true)
        {
            // Sequence: two digits, then a third whose parity gives the sex (odd male, even female).
            var sequence = _random.Next(100) * 10 + _random.Next(5) * 2 + (male ? 1 : 0);
            var first17 = $"{Pick(IssueCodes)}{birth:yyyyMMdd}{sequence:D3}";
            var id = first17 + IdNumber.ComputeCheckCharacter(first17);
            if (_ids.Add(id)) return id;
        }
    }

    private int Age(DemoMember m)
    {
        var age = _asOf.Year - m.BirthDate.Year;
        return m.BirthDate > _asOf.AddYears(-age) ? age - 1 : age;
    }

    private string Surname()
    {
        // A falling weight: the first surnames are the most common.
        var i = (int)(Math.Pow(_random.NextDouble(), 2) * DemoNames.Surnames.Length);
        return DemoNames.Surnames[i];
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
