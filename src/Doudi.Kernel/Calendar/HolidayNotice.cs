namespace Doudi.Kernel;

public enum NoticeStatus
{
    /// <summary>Every date has been checked against the published notice.</summary>
    Confirmed,

    /// <summary>Compiled but not yet checked date by date: the calendar uses it, reviewers should not trust it.</summary>
    ToConfirm,
}

/// <summary>A holiday's days off as the notice gives them, weekends inside the range included.</summary>
public sealed record HolidayPeriod(string Name, DateOnly First, DateOnly Last)
{
    public IEnumerable<DateOnly> Days
    {
        get
        {
            for (var d = First; d <= Last; d = d.AddDays(1)) yield return d;
        }
    }
}

/// <summary>A Saturday or Sunday the notice turns into a working day (调休上班).</summary>
public sealed record MakeUpWorkingDay(string Name, DateOnly Date);

/// <summary>
/// One year's 国务院办公厅关于…部分节假日安排的通知, as compiled in policy/calendar/holidays.yaml.
/// </summary>
public sealed record HolidayNotice(
    int Year,
    string Reference,
    DateOnly? Issued,
    NoticeStatus Status,
    IReadOnlyList<HolidayPeriod> RestDays,
    IReadOnlyList<MakeUpWorkingDay> MakeUpWorkingDays);
