namespace Doudi.Access;

/// <summary>A member of staff who signs in. The region scope limits what the account can see.</summary>
public sealed class StaffAccount
{
    public long Id { get; set; }
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }
    public required string Role { get; set; }

    /// <summary>Region the account is assigned to (province, city, county or township code).</summary>
    public required string RegionCode { get; set; }

    /// <summary>The person's own ID number: nobody acts on their own or a close relative's case.</summary>
    public string? IdNumber { get; set; }

    public bool Disabled { get; set; }
}

public static class Roles
{
    public const string Caseworker = "caseworker";       // 乡镇(街道)经办人
    public const string CountyApprover = "county_approver"; // 县级审批人
    public const string CityStaff = "city_staff";         // 市级民政
    public const string ProvinceStaff = "province_staff"; // 省级民政
    public const string Auditor = "auditor";             // 审计/纪检
    public const string Administrator = "administrator"; // 数据管理员

    public static readonly string[] All = [Caseworker, CountyApprover, CityStaff, ProvinceStaff, Auditor, Administrator];

    public static string ChineseName(string role) => role switch
    {
        Caseworker => "乡镇（街道）经办人",
        CountyApprover => "县级审批人",
        CityStaff => "市级民政工作人员",
        ProvinceStaff => "省级民政工作人员",
        Auditor => "审计与纪检人员",
        Administrator => "数据管理员",
        _ => role,
    };
}
