using System.Security.Claims;
using Doudi.Access;

namespace Doudi.Web.Access;

/// <summary>Which roles may use which part of the UI. The navigation bar and the page conventions read the same lists.</summary>
public static class Policies
{
    public const string ViewHouseholds = "view_households";
    public const string ReadAudit = "read_audit";
    public const string ImportRoster = "import_roster";
    public const string ViewAlerts = "view_alerts";
    public const string ManageParameters = "manage_parameters";
    public const string SimulatePolicy = "simulate_policy";
    public const string ReviewDecisions = "review_decisions";

    public static readonly string[] ViewHouseholdsRoles = [Roles.Caseworker, Roles.CountyApprover, Roles.CityStaff, Roles.ProvinceStaff, Roles.Auditor];

    // Auditors only: the people whose actions are audited do not read or judge the log.
    public static readonly string[] ReadAuditRoles = [Roles.Auditor];

    // The roster-import page belongs to the importer's owner; the policy is here so the nav slot exists.
    public static readonly string[] ImportRosterRoles = [Roles.Administrator];

    // Alerts are checked by the township that the person lives in; the county approver can close the
    // county's own alerts (people in no household) and stand in for a township. Above the county: oversight only.
    public static readonly string[] ViewAlertsRoles = [Roles.Caseworker, Roles.CountyApprover, Roles.CityStaff, Roles.ProvinceStaff, Roles.Auditor];
    public static readonly string[] CloseAlertsRoles = [Roles.Caseworker, Roles.CountyApprover];

    // Policy figures are data the administrators keep, with their references (docs/eligibility.md).
    public static readonly string[] ManageParametersRoles = [Roles.Administrator];

    // What-if runs over the whole registry: for those who propose figures (city, province) and administrators.
    public static readonly string[] SimulatePolicyRoles = [Roles.CityStaff, Roles.ProvinceStaff, Roles.Administrator];

    // Recomputed decisions name households: the staff who act on them, scoped by region like households.
    public static readonly string[] ReviewDecisionsRoles = [Roles.Caseworker, Roles.CountyApprover, Roles.CityStaff, Roles.ProvinceStaff, Roles.Auditor];
    // Applications are handled by townships and decided by counties; above the county and auditors: read only.
    public const string ViewApplications = "view_applications";
    public static readonly string[] ViewApplicationsRoles = [Roles.Caseworker, Roles.CountyApprover, Roles.CityStaff, Roles.ProvinceStaff, Roles.Auditor];
    public static readonly string[] ApplyRoles = [Roles.Caseworker];

    public static bool Allows(ClaimsPrincipal user, string[] roles) => roles.Any(user.IsInRole);
}
