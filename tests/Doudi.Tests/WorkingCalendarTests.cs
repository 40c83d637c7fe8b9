using System.Globalization;
using Doudi.Kernel;

namespace Doudi.Tests;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Official;

    private static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2024-03-09", false)] // Saturday
    [InlineData("2024-03-10", false)] // Sunday
    [InlineData("2024-03-11", true)]  // Monday
    public void Ordinary_weekends_rest_and_weekdays_work(string date, bool working)
    {
        Assert.Equal(working, Calendar.IsWorkingDay(D(date)));
    }

    [Theory]
    [InlineData("2024-10-01")] // 国庆节, Tuesday
    [InlineData("2025-01-01")] // 元旦 2025, one day, Wednesday
    [InlineData("2025-01-28")] // 除夕 2025, a statutory day since the 2024 revision
    [InlineData("2025-05-05")] // 劳动节 2025, Monday
    [InlineData("2023-01-02")] // 元旦 2023, which began on 2022-12-31
    [InlineData("2026-02-23")] // last day of 春节 2026
    public void A_weekday_inside_a_holiday_is_a_rest_day(string date)
    {
        Assert.False(Calendar.IsWorkingDay(D(date)));
    }

    [Theory]
    [InlineData("2024-10-12")] // Saturday after 国庆节 2024
    [InlineData("2024-09-29")] // Sunday before 国庆节 2024
    [InlineData("2025-02-08")] // Saturday after 春节 2025
    [InlineData("2026-01-04")] // Sunday after 元旦 2026
    public void A_make_up_weekend_day_is_a_working_day(string date)
    {
        Assert.True(Calendar.IsWorkingDay(D(date)));
    }

    [Fact]
    public void New_years_eve_2024_stays_a_working_day_because_the_notice_only_encourages_leave()
    {
        Assert.True(Calendar.IsWorkingDay(D("2024-02-09")));
    }

    [Fact]
    public void Ten_working_days_from_the_friday_before_national_day_2024_end_on_16_october()
    {
        // Counted: 9-29 (调休), 9-30, 10-08 … 10-11, 10-12 (调休), 10-14, 10-15, 10-16.
        var start = D("2024-09-27");

        Assert.Equal(D("2024-10-16"), Calendar.AddWorkingDays(start, 10));
        Assert.Equal(10, Calendar.WorkingDaysBetween(start, D("2024-10-16")));
        Assert.Equal(-10, Calendar.WorkingDaysBetween(D("2024-10-16"), start));
    }

    [Fact]
    public void Seven_working_days_across_spring_festival_2025_skip_the_eight_day_break()
    {
        // Counted: 1-26 (调休), 1-27, 2-05, 2-06, 2-07, 2-08 (调休), 2-10.
        var deadline = Calendar.Deadline(D("2025-01-24"), 7);

        Assert.Equal(D("2025-02-10"), deadline.Date);
        Assert.Null(deadline.Warning);
    }

    [Fact]
    public void The_start_day_is_not_counted_and_zero_days_is_the_start_itself()
    {
        Assert.Equal(D("2024-03-11"), Calendar.AddWorkingDays(D("2024-03-08"), 1));
        Assert.Equal(D("2024-03-09"), Calendar.AddWorkingDays(D("2024-03-09"), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(D("2024-03-09"), -1));
    }

    [Fact]
    public void Past_the_last_year_on_file_only_weekends_rest_and_the_caller_is_warned()
    {
        Assert.Equal(2026, Calendar.LastYearOnFile);
        Assert.False(Calendar.CoversYear(2027));

        // 2027-01-01 is a Friday; without 2027's notice it counts as a working day.
        var deadline = Calendar.Deadline(D("2026-12-28"), 5);

        Assert.Equal(D("2027-01-04"), deadline.Date);
        Assert.NotNull(deadline.Warning);
        Assert.Equal([2027], deadline.Warning.YearsNotOnFile);
        Assert.Equal(2026, deadline.Warning.LastYearOnFile);
        Assert.Contains("2027年仅按周末计算休息日", deadline.Warning.Message, StringComparison.Ordinal);
        Assert.True(Calendar.IsWorkingDay(D("2027-10-01")));
        Assert.False(Calendar.IsWorkingDay(D("2027-10-02")));
    }

    [Fact]
    public void Counting_and_adding_agree_everywhere_and_a_deadline_always_falls_on_a_working_day()
    {
        foreach (var n in new[] { 1, 2, 3, 7, 30, 45, 400 })
        {
            for (var start = D("2020-12-01"); start <= D("2027-03-01"); start = start.AddDays(1))
            {
                var deadline = Calendar.AddWorkingDays(start, n);
                Assert.True(Calendar.IsWorkingDay(deadline), $"{start:yyyy-MM-dd} + {n} → {deadline:yyyy-MM-dd}");
                Assert.Equal(n, Calendar.WorkingDaysBetween(start, deadline));
                Assert.Equal(n, CountByStepping(start, deadline));
            }
        }
    }

    [Fact]
    public void The_calendar_holds_every_notice_from_2021_to_2026()
    {
        Assert.Equal([2021, 2022, 2023, 2024, 2025, 2026], Calendar.Notices.Select(n => n.Year));
        Assert.Equal(2021, Calendar.FirstYearOnFile);
        Assert.All(Calendar.Notices, n =>
        {
            Assert.False(string.IsNullOrWhiteSpace(n.Reference));
            Assert.NotEmpty(n.RestDays);
            Assert.NotEmpty(n.MakeUpWorkingDays);
            Assert.True(n.Issued < new DateOnly(n.Year, 1, 1), $"{n.Year}'s notice must come out the year before");
        });
    }

    [Fact]
    public void Every_make_up_working_day_is_a_weekend_day()
    {
        var weekdays = Calendar.Notices.SelectMany(n => n.MakeUpWorkingDays)
            .Where(m => m.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

        Assert.Empty(weekdays);
    }

    [Fact]
    public void Every_holiday_date_is_listed_once_and_near_its_notices_year()
    {
        var days = Calendar.Notices.SelectMany(n => n.RestDays.SelectMany(p => p.Days).Select(d => (n.Year, d))).ToList();

        Assert.Empty(days.GroupBy(x => x.d).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.All(days, x => Assert.InRange(x.d.Year, x.Year - 1, x.Year));
    }

    [Fact]
    public void From_2025_spring_festival_starts_on_new_years_eve_and_labour_day_gives_five_days()
    {
        var y2025 = Calendar.Notices.Single(n => n.Year == 2025);

        var spring = y2025.RestDays.Single(p => p.Name == "春节");
        Assert.Equal((D("2025-01-28"), D("2025-02-04")), (spring.First, spring.Last));
        Assert.Equal(5, y2025.RestDays.Single(p => p.Name == "劳动节").Days.Count());
    }

    [Fact]
    public void A_year_may_be_marked_to_confirm()
    {
        var calendar = WorkingCalendar.Parse("""
            years:
              2030:
                reference: 待查
                status: to_confirm
                rest_days:
                  元旦: 2030-01-01
                make_up_working_days:
                  春节: [2030-02-09]
            """);

        Assert.Equal(NoticeStatus.ToConfirm, calendar.Notices[0].Status);
        Assert.False(calendar.IsWorkingDay(D("2030-01-01")));
        Assert.True(calendar.IsWorkingDay(D("2030-02-09")));
    }

    [Theory]
    [InlineData("years:\n  2030:\n    reference: x\n    status: maybe\n", "line 4")]
    [InlineData("years:\n  2030:\n    reference: x\n    status: confirmed\n    rest_days:\n      元旦: 2030-13-01\n", "line 6")]
    [InlineData("years:\n  2030:\n    reference: x\n    status: confirmed\n    holidays:\n", "line 5")]
    [InlineData("years:\n  2030:\n    status: confirmed\n", "no reference")]
    [InlineData("years:\n  2030:\n    reference: x\n    status: confirmed\n    rest_days:\n      元旦: 2030-01-05\n    make_up_working_days:\n      元旦: [2030-01-05]\n", "both a rest day and a working day")]
    public void Malformed_or_contradictory_data_is_refused_with_where_it_went_wrong(string yaml, string expected)
    {
        var error = Assert.Throws<FormatException>(() => WorkingCalendar.Parse(yaml));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static int CountByStepping(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (Calendar.IsWorkingDay(d)) count++;
        }
        return count;
    }
}
