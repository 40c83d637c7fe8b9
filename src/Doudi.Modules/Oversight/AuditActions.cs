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
    public const string FeedImport = "feed_import";
    public const string MonitoringRun = "monitoring_run";
    public const string AlertsExport = "alerts_export";
    public const string StaffAccountCreated = "staff_account_created";
    public const string StaffAccountChanged = "staff_account_changed";
    public const string StaffPasswordReset = "staff_password_reset";
    public const string AlertInboxView = "alert_inbox_view";
    public const string AlertClosed = "alert_closed";
    public const string AlertCloseRefused = "alert_close_refused";
    public const string EligibilityRecompute = "eligibility_recompute";
    public const string PolicySimulate = "policy_simulate";
    public const string HouseholdVerificationView = "household_verification_view";
    public const string HouseholdVerificationRefused = "household_verification_refused";
    public const string DiscoverView = "discover_view";
    public const string DiscoverExport = "discover_export";
    public const string AlertView = "alert_view";
    public const string AlertViewRefused = "alert_view_refused";
    public const string ParameterValueAdded = "parameter_value_added";
    public const string ParameterValueRefused = "parameter_value_refused";
    public const string DecisionsView = "eligibility_decisions_view";
    public const string DecisionsExport = "eligibility_decisions_export";
    public const string ApplicationSubmitted = "application_submitted";
    public const string ApplicationTransition = "application_transition";
    public const string ApplicationActionRefused = "application_action_refused";
    public const string ApplicationObjection = "application_objection";
    public const string ApplicationDocument = "application_document";
    public const string ApplicationView = "application_view";
    public const string ApprovalDelegation = "approval_delegation";
    public const string ApplicationTransferred = "application_transferred";

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
        RosterImport => "导入名册",
        FeedImport => "导入部门数据",
        MonitoringRun => "运行动态监测",
        AlertsExport => "导出预警",
        StaffAccountCreated => "新建工作人员账号",
        StaffAccountChanged => "修改工作人员账号",
        StaffPasswordReset => "重置密码",
        AlertInboxView => "查看预警待办",
        AlertClosed => "办结预警",
        AlertCloseRefused => "办结预警被拒绝",
        EligibilityRecompute => "全量重新核算",
        PolicySimulate => "政策调整模拟",
        HouseholdVerificationView => "查看家庭经济状况核对报告",
        HouseholdVerificationRefused => "查看家庭经济状况核对报告被拒绝",
        DiscoverView => "查看政策找人名单",
        DiscoverExport => "导出政策找人名单",
        AlertView => "查看预警详情",
        AlertViewRefused => "查看预警详情被拒绝",
        ParameterValueAdded => "新增政策参数",
        ParameterValueRefused => "新增政策参数被拒绝",
        DecisionsView => "查看核算变化",
        DecisionsExport => "导出核算变化",
        ApplicationSubmitted => "登记救助申请",
        ApplicationTransition => "办理申请步骤",
        ApplicationActionRefused => "办理申请被拒绝",
        ApplicationObjection => "登记或答复公示异议",
        ApplicationDocument => "申请材料",
        ApplicationView => "查看申请",
        ApprovalDelegation => "设置审批授权",
        ApplicationTransferred => "无缝衔接转办",
        _ => action,
    };

    /// <summary>The subject string of an alert, by its database id.</summary>
    public static string AlertSubject(long id) => "alert:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The subject string of an application, by its database id.</summary>
    public static string ApplicationSubject(long id) => "application:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The subject string of a household, by its database id.</summary>
    public static string HouseholdSubject(long id) => "household:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
