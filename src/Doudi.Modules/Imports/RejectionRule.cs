using System.Globalization;

namespace Doudi.Imports;

/// <summary>
/// A file whose rejected rows are strictly more than the allowed share of its data rows is rejected whole:
/// most likely it is in the wrong format (setting <c>import.max_rejected_share</c>, option <c>--max-rejected</c>).
/// </summary>
public static class RejectionRule
{
    public const decimal DefaultMaxShare = 0.05m;

    public static bool RejectsWholeFile(int rows, int rejected, decimal maxShare) =>
        rows > 0 && rejected > maxShare * rows;

    public static string Reason(string fileName, int rows, int rejected, decimal maxShare) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{fileName}: {rows} 行数据中 {rejected} 行被拒绝（{Math.Round(100m * rejected / rows, 1)}%），超过允许的 {maxShare * 100m:0.##}%，整个文件不予导入（可能是格式不对）");
}
