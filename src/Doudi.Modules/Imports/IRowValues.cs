namespace Doudi.Imports;

/// <summary>A row's values by column, as checks between columns read them (whichever reader parsed the row).</summary>
public interface IRowValues
{
    DateOnly? Date(Column column);
    decimal? Money(Column column);
    string? TextOrNull(Column column);
    void AddError(Column column, string reason);
}
