namespace Doudi.Monitoring;

/// <summary>Counts working days for due dates: <see cref="OfficialWorkingDays"/> in use, other calendars in tests.</summary>
public interface IWorkingDays
{
    DateOnly AddWorkingDays(DateOnly from, int days);
}

/// <summary>The official calendar (Doudi.Kernel.WorkingCalendar): public holidays and 调休 make-up working days.</summary>
public sealed class OfficialWorkingDays : IWorkingDays
{
    public static readonly OfficialWorkingDays Instance = new();

    public DateOnly AddWorkingDays(DateOnly from, int days) => Doudi.Kernel.WorkingCalendar.Official.AddWorkingDays(from, days);
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
