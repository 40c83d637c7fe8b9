using System.Globalization;

namespace Doudi.Kernel;

/// <summary>
/// Says which days count as working days for procedural time limits (广东 rules §5): the official holiday
/// calendar with its make-up working days (调休) for each year on file, and only Saturdays and Sundays as rest
/// days outside those years, in which case <see cref="CheckCoverage"/> returns a warning for the caller to show.
/// </summary>
/// <remarks>
/// Each year on file is precomputed once: a 366-bit map of working days and a running count, so a lookup is a
/// bit test and <see cref="WorkingDaysBetween"/> costs one subtraction per year crossed.
/// </remarks>
public sealed class WorkingCalendar
{
    private const int WordsPerYear = 6;   // 6 × 64 bits ≥ 366 days
    private const int CountsPerYear = 367; // running count before day 1 … after day 366

    private readonly int _firstYear;
    private readonly bool[] _onFile;
    private readonly ulong[] _workingBits;
    private readonly short[] _runningCount;

    public static WorkingCalendar Official { get; } = LoadEmbedded();

    public IReadOnlyList<HolidayNotice> Notices { get; }

    public int FirstYearOnFile { get; }

    /// <summary>The last year whose notice is on file; later dates fall back to weekends only.</summary>
    public int LastYearOnFile { get; }

    private WorkingCalendar(IReadOnlyList<HolidayNotice> notices)
    {
        if (notices.Count == 0) throw new ArgumentException("The calendar needs at least one year's notice.", nameof(notices));
        Notices = [.. notices.OrderBy(n => n.Year)];
        FirstYearOnFile = _firstYear = Notices[0].Year;
        LastYearOnFile = Notices[^1].Year;

        var span = LastYearOnFile - FirstYearOnFile + 1;
        _onFile = new bool[span];
        _workingBits = new ulong[span * WordsPerYear];
        _runningCount = new short[span * CountsPerYear];

        foreach (var notice in Notices)
        {
            if (_onFile[notice.Year - _firstYear]) throw new FormatException($"holidays.yaml lists {notice.Year} twice");
            _onFile[notice.Year - _firstYear] = true;
            for (var d = new DateOnly(notice.Year, 1, 1); d.Year == notice.Year; d = d.AddDays(1))
            {
                if (!IsWeekend(d)) SetWorking(d, true);
            }
        }

        // A notice may reach into the year before (2023's 元旦 starts on 2022-12-31), so apply every date to
        // its own calendar year once all years are laid out. A date in a year not on file is a weekend day
        // already at the edge of the file, and is left to the weekend rule.
        var restDays = new HashSet<DateOnly>();
        foreach (var day in Notices.SelectMany(n => n.RestDays).SelectMany(p => p.Days))
        {
            restDays.Add(day);
            if (CoversYear(day.Year)) SetWorking(day, false);
        }
        foreach (var makeUp in Notices.SelectMany(n => n.MakeUpWorkingDays))
        {
            if (restDays.Contains(makeUp.Date))
            {
                throw new FormatException($"holidays.yaml makes {makeUp.Date:yyyy-MM-dd} both a rest day and a working day");
            }
            if (CoversYear(makeUp.Date.Year)) SetWorking(makeUp.Date, true);
        }

        for (var i = 0; i < span; i++)
        {
            if (!_onFile[i]) continue;
            short count = 0;
            for (var day = 0; day < 366; day++)
            {
                if (((_workingBits[(i * WordsPerYear) + (day >> 6)] >> (day & 63)) & 1) != 0) count++;
                _runningCount[(i * CountsPerYear) + day + 1] = count;
            }
        }
    }

    public static WorkingCalendar Parse(string yaml) => new(HolidayFile.Parse(yaml));

    /// <summary>True when the year's notice is on file, so holidays and 调休 are known for it.</summary>
    public bool CoversYear(int year) =>
        year >= FirstYearOnFile && year <= LastYearOnFile && _onFile[year - _firstYear];

    public bool IsWorkingDay(DateOnly date)
    {
        if (!CoversYear(date.Year)) return !IsWeekend(date);
        var day = date.DayOfYear - 1;
        return ((_workingBits[((date.Year - _firstYear) * WordsPerYear) + (day >> 6)] >> (day & 63)) & 1) != 0;
    }

    /// <summary>
    /// The deadline <paramref name="workingDays"/> working days after <paramref name="start"/>, the start
    /// itself not counted (受理 on Friday + 1 working day = the next working day). Zero gives the start.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var date = start;
        var remaining = workingDays;
        // Jump to 31 December while the working days left after `date` in its year are not enough.
        var leftAfterDate = WorkingDaysInYear(date.Year) - WorkingDaysThrough(date);
        var yearEnd = new DateOnly(date.Year, 12, 31);
        while (remaining > leftAfterDate)
        {
            remaining -= leftAfterDate;
            date = yearEnd;
            yearEnd = new DateOnly(date.Year + 1, 12, 31);
            leftAfterDate = WorkingDaysInYear(yearEnd.Year);
        }
        while (remaining > 0)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date)) remaining--;
        }
        return date;
    }

    /// <summary>
    /// Working days after <paramref name="from"/> up to and including <paramref name="to"/>, so that
    /// <c>WorkingDaysBetween(d, AddWorkingDays(d, n)) == n</c>. Negative when <paramref name="to"/> is earlier.
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from) return -WorkingDaysBetween(to, from);
        var count = WorkingDaysThrough(to) - WorkingDaysThrough(from);
        for (var year = from.Year; year < to.Year; year++) count += WorkingDaysInYear(year);
        return count;
    }

    /// <summary>The deadline together with the warning to show when it was counted past the calendar on file.</summary>
    public WorkingDeadline Deadline(DateOnly start, int workingDays)
    {
        var date = AddWorkingDays(start, workingDays);
        return new WorkingDeadline(date, CheckCoverage(start, date));
    }

    /// <summary>A warning when any year from <paramref name="from"/> to <paramref name="to"/> has no notice on file.</summary>
    public CalendarWarning? CheckCoverage(DateOnly from, DateOnly to)
    {
        if (to < from) (from, to) = (to, from);
        var missing = Enumerable.Range(from.Year, to.Year - from.Year + 1).Where(y => !CoversYear(y)).ToArray();
        return missing.Length == 0 ? null : new CalendarWarning(missing, FirstYearOnFile, LastYearOnFile);
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private void SetWorking(DateOnly date, bool working)
    {
        var day = date.DayOfYear - 1;
        ref var word = ref _workingBits[((date.Year - _firstYear) * WordsPerYear) + (day >> 6)];
        word = working ? word | (1UL << (day & 63)) : word & ~(1UL << (day & 63));
    }

    /// <summary>Working days from 1 January through <paramref name="date"/>, inclusive.</summary>
    private int WorkingDaysThrough(DateOnly date)
    {
        if (CoversYear(date.Year)) return _runningCount[((date.Year - _firstYear) * CountsPerYear) + date.DayOfYear];
        var days = date.DayOfYear;
        var count = days / 7 * 5;
        for (var d = date.AddDays(-(days % 7) + 1); d <= date; d = d.AddDays(1))
        {
            if (!IsWeekend(d)) count++;
        }
        return count;
    }

    private int WorkingDaysInYear(int year) => WorkingDaysThrough(new DateOnly(year, 12, 31));

    private static WorkingCalendar LoadEmbedded()
    {
        using var stream = typeof(WorkingCalendar).Assembly.GetManifestResourceStream("calendar/holidays.yaml")
            ?? throw new InvalidOperationException("calendar/holidays.yaml is not embedded");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}

public sealed record WorkingDeadline(DateOnly Date, CalendarWarning? Warning);

/// <summary>
/// Counting crossed years whose holiday notice is not on file, where only weekends were treated as rest days.
/// </summary>
public sealed record CalendarWarning(IReadOnlyList<int> YearsNotOnFile, int FirstYearOnFile, int LastYearOnFile)
{
    /// <summary>For the officer's screen (zh-CN).</summary>
    public string Message => string.Create(
        CultureInfo.InvariantCulture,
        $"工作日历只收录了{FirstYearOnFile}至{LastYearOnFile}年的节假日安排，{string.Join("、", YearsNotOnFile)}年仅按周末计算休息日，期限可能不准确。请补充国务院办公厅当年部分节假日安排的通知。");
}
