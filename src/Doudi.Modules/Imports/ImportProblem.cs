namespace Doudi.Imports;

/// <summary>A rejected value: where it is (original line, column), what it was and why (Chinese, for the sender).</summary>
public sealed record ImportError(int Line, string Column, string Value, string Reason)
{
    /// <summary>Used as the column of an error about the whole row (field count, quoting).</summary>
    public const string WholeRow = "(整行)";

    public override string ToString() => $"第 {Line} 行 {Column}: {Reason}" + (Value.Length > 0 ? $"（值：{Value}）" : "");
}

/// <summary>Raised inside a reader when a whole file cannot be taken (no header, missing columns).</summary>
public sealed class FileRejectedException(string reason) : Exception(reason);
