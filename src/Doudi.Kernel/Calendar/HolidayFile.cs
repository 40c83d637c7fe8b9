using System.Globalization;

namespace Doudi.Kernel;

/// <summary>
/// Reads policy/calendar/holidays.yaml. The Kernel takes no package dependencies, so this parses only the
/// small, fixed subset of YAML that file uses (see its header) and refuses anything else with the line number,
/// so a mistake in the data fails the build's tests instead of silently shifting a deadline.
/// </summary>
internal static class HolidayFile
{
    private enum Section { None, RestDays, MakeUpWorkingDays }

    public static IReadOnlyList<HolidayNotice> Parse(string text)
    {
        var notices = new List<HolidayNotice>();
        NoticeBuilder? current = null;
        var section = Section.None;
        var inYears = false;
        var lineNumber = 0;

        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = StripComment(raw.TrimEnd('\r')).TrimEnd();
            if (line.Length == 0) continue;
            if (line.Contains('\t', StringComparison.Ordinal)) throw Error(lineNumber, "tabs are not allowed, indent with spaces");

            var indent = line.Length - line.TrimStart(' ').Length;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0) throw Error(lineNumber, "expected `key: value`");
            var key = line[indent..colon].Trim();
            var value = line[(colon + 1)..].Trim();

            switch (indent)
            {
                case 0 when key == "description":
                    break;
                case 0 when key == "years" && value.Length == 0:
                    inYears = true;
                    break;
                case 2 when inYears && value.Length == 0:
                    if (current is not null) notices.Add(current.Build(lineNumber));
                    current = new NoticeBuilder(ParseYear(key, lineNumber));
                    section = Section.None;
                    break;
                case 4 when current is not null:
                    section = Section.None;
                    switch (key)
                    {
                        case "reference": current.Reference = value; break;
                        case "issued": current.Issued = ParseDate(value, lineNumber); break;
                        case "status": current.Status = ParseStatus(value, lineNumber); break;
                        case "rest_days" when value.Length == 0: section = Section.RestDays; break;
                        case "make_up_working_days" when value.Length == 0: section = Section.MakeUpWorkingDays; break;
                        default: throw Error(lineNumber, $"unknown field `{key}`");
                    }
                    break;
                case 6 when current is not null && section == Section.RestDays:
                    current.RestDays.Add(ParsePeriod(key, value, lineNumber));
                    break;
                case 6 when current is not null && section == Section.MakeUpWorkingDays:
                    foreach (var date in ParseDateList(value, lineNumber))
                    {
                        current.MakeUpWorkingDays.Add(new MakeUpWorkingDay(key, date));
                    }
                    break;
                default:
                    throw Error(lineNumber, $"unexpected `{key}` at indent {indent}");
            }
        }
        if (current is not null) notices.Add(current.Build(lineNumber));
        return notices;
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        return hash == 0 || (hash > 0 && line[hash - 1] == ' ') ? line[..hash] : line;
    }

    private static int ParseYear(string text, int line) =>
        text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            ? year
            : throw Error(line, $"`{text}` is not a year");

    private static DateOnly ParseDate(string text, int line) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Error(line, $"`{text}` is not a yyyy-MM-dd date");

    private static NoticeStatus ParseStatus(string text, int line) => text switch
    {
        "confirmed" => NoticeStatus.Confirmed,
        "to_confirm" => NoticeStatus.ToConfirm,
        _ => throw Error(line, $"status must be confirmed or to_confirm, not `{text}`"),
    };

    private static HolidayPeriod ParsePeriod(string name, string text, int line)
    {
        var dots = text.IndexOf("..", StringComparison.Ordinal);
        var first = ParseDate(dots < 0 ? text : text[..dots], line);
        var last = dots < 0 ? first : ParseDate(text[(dots + 2)..], line);
        if (last < first) throw Error(line, $"{name} ends before it starts");
        return new HolidayPeriod(name, first, last);
    }

    private static List<DateOnly> ParseDateList(string text, int line)
    {
        if (!text.StartsWith('[') || !text.EndsWith(']')) throw Error(line, "expected a list `[yyyy-MM-dd, …]`");
        return [.. text[1..^1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => ParseDate(t, line))];
    }

    private static FormatException Error(int line, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"holidays.yaml line {line}: {message}"));

    private sealed class NoticeBuilder(int year)
    {
        public string? Reference { get; set; }
        public DateOnly? Issued { get; set; }
        public NoticeStatus? Status { get; set; }
        public List<HolidayPeriod> RestDays { get; } = [];
        public List<MakeUpWorkingDay> MakeUpWorkingDays { get; } = [];

        public HolidayNotice Build(int line)
        {
            if (string.IsNullOrWhiteSpace(Reference)) throw Error(line, $"{year} has no reference");
            if (Status is null) throw Error(line, $"{year} has no status");
            return new HolidayNotice(year, Reference, Issued, Status.Value, RestDays, MakeUpWorkingDays);
        }
    }
}
