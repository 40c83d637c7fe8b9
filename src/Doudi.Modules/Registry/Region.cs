namespace Doudi.Registry;

/// <summary>A township (乡镇/街道) or village (村/社区): registry data below the shipped county list.</summary>
public sealed class Region
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string ParentCode { get; set; }
}
