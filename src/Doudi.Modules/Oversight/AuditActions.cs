namespace Doudi.Oversight;

/// <summary>The actions audit records name. Stable strings: auditors filter and report on them.</summary>
public static class AuditActions
{
    public const string SignIn = "sign_in";
    public const string SignInRefused = "sign_in_refused";
    public const string SignOut = "sign_out";
    public const string HouseholdSearch = "household_search";
    public const string HouseholdView = "household_view";
    public const string HouseholdViewRefused = "household_view_refused";
    public const string AuditLogView = "audit_log_view";
    public const string StaffAccountsCreated = "staff_accounts_created";
    public const string RosterImport = "roster_import";
    public const string EligibilityRecompute = "eligibility_recompute";
    public const string PolicySimulate = "policy_simulate";

    public static string ChineseName(string action) => action switch
    {
        SignIn => "登录",
        SignInRefused => "登录被拒绝",
        SignOut => "退出",
        HouseholdSearch => "查询家庭",
        HouseholdView => "查看家庭档案",
        HouseholdViewRefused => "查看家庭档案被拒绝",
        AuditLogView => "查看审计日志",
        StaffAccountsCreated => "创建工作人员账号",
        EligibilityRecompute => "全量重新核算",
        PolicySimulate => "政策调整模拟",
        _ => action,
    };

    /// <summary>The subject string of a household, by its database id.</summary>
    public static string HouseholdSubject(long id) => "household:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
