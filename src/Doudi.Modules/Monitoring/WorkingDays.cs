namespace Doudi.Monitoring;

/// <summary>
/// Counts working days for due dates. Stand-in until the official WorkingCalendar (branch <c>calendar</c>,
/// public holidays and 调休 make-up days) merges: then that calendar implements this interface.
/// </summary>
public interface IWorkingDays
{
    DateOnly AddWorkingDays(DateOnly from, int days);
}

/// <summary>Monday to Friday only: knows no public holidays.</summary>
public sealed class WeekendOnlyWorkingDays : IWorkingDays
{
    public static readonly WeekendOnlyWorkingDays Instance = new();

    public DateOnly AddWorkingDays(DateOnly from, int days)
    {
        var day = from;
        while (days > 0)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) days--;
        }
        return day;
    }
}
