using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Doudi.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IdNumber = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: true),
                    HouseholdNo = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    County = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Township = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    DetectedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Finding = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Action = table.Column<string>(type: "TEXT", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "approval_delegations",
                columns: table => new
                {
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Program = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SetBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SetAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approval_delegations", x => new { x.CountyCode, x.Program });
                });

            migrationBuilder.CreateTable(
                name: "audit_records",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", nullable: true),
                    From = table.Column<string>(type: "TEXT", nullable: true),
                    PreviousHash = table.Column<string>(type: "TEXT", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_records", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "eligibility_decisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false),
                    HouseholdNo = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ChangeKind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OldProgram = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OldAmount = table.Column<decimal>(type: "TEXT", nullable: false),
                    NewProgram = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    NewAmount = table.Column<decimal>(type: "TEXT", nullable: false),
                    OldMemberPrograms = table.Column<string>(type: "TEXT", nullable: false),
                    NewMemberPrograms = table.Column<string>(type: "TEXT", nullable: false),
                    Trace = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_eligibility_decisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "households",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HouseholdNo = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    TownshipCode = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    Address = table.Column<string>(type: "TEXT", nullable: true),
                    Area = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Program = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    MonthlyAmount = table.Column<decimal>(type: "TEXT", nullable: false),
                    ProgramSince = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FinancialAssets = table.Column<decimal>(type: "TEXT", nullable: true),
                    ResidentialProperties = table.Column<int>(type: "INTEGER", nullable: true),
                    NonResidentialProperties = table.Column<int>(type: "INTEGER", nullable: true),
                    Vehicles = table.Column<int>(type: "INTEGER", nullable: true),
                    Businesses = table.Column<int>(type: "INTEGER", nullable: true),
                    RigidSpending12m = table.Column<decimal>(type: "TEXT", nullable: true),
                    AnnualIncome = table.Column<decimal>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_households", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "import_batches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Read = table.Column<int>(type: "INTEGER", nullable: false),
                    Accepted = table.Column<int>(type: "INTEGER", nullable: false),
                    Rejected = table.Column<int>(type: "INTEGER", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_import_batches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "parameter_additions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ScopeKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ScopeCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", nullable: false),
                    RuralValue = table.Column<decimal>(type: "TEXT", nullable: true),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_parameter_additions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "regions",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    ParentCode = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_regions", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "staff_accounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserName = table.Column<string>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", nullable: false),
                    IdNumber = table.Column<string>(type: "TEXT", nullable: true),
                    Disabled = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staff_accounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "alert_evidence",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AlertId = table.Column<long>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    Month = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_evidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_alert_evidence_alerts_AlertId",
                        column: x => x.AlertId,
                        principalTable: "alerts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "applications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: true),
                    Program = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TownshipCode = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    FiledAtCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ApplicantName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ApplicantIdNumber = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    ByAgent = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsentMemberIds = table.Column<string>(type: "TEXT", nullable: false),
                    DocumentsReceived = table.Column<string>(type: "TEXT", nullable: false),
                    AppliedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ProcedureSince = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    StepStartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StepDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AcceptedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    TotalDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    VerificationPassed = table.Column<bool>(type: "INTEGER", nullable: true),
                    VerificationNote = table.Column<string>(type: "TEXT", nullable: true),
                    VerificationReport = table.Column<string>(type: "TEXT", nullable: true),
                    VerifiedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    VisitedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    VisitedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LivingAssessment = table.Column<string>(type: "TEXT", nullable: true),
                    IrregularIncome = table.Column<bool>(type: "INTEGER", nullable: true),
                    MembersAbleToWork = table.Column<bool>(type: "INTEGER", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReviewOpinion = table.Column<string>(type: "TEXT", nullable: true),
                    NoticeStartsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NoticeEndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecisionReasons = table.Column<string>(type: "TEXT", nullable: true),
                    MonthlyAmount = table.Column<decimal>(type: "TEXT", nullable: true),
                    PaidFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AmountBasis = table.Column<string>(type: "TEXT", nullable: true),
                    OfficialKin = table.Column<bool>(type: "INTEGER", nullable: false),
                    OfficialKinNote = table.Column<string>(type: "TEXT", nullable: true),
                    TransferredFromId = table.Column<long>(type: "INTEGER", nullable: true),
                    BenefitEndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReviewDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_applications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_applications_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "enrolments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: true),
                    Program = table.Column<string>(type: "TEXT", nullable: false),
                    MonthlyAmount = table.Column<decimal>(type: "TEXT", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enrolments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_enrolments_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "members",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false),
                    IdNumber = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Sex = table.Column<string>(type: "TEXT", nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Relation = table.Column<string>(type: "TEXT", nullable: false),
                    HukouCode = table.Column<string>(type: "TEXT", nullable: true),
                    DisabilityCategory = table.Column<string>(type: "TEXT", nullable: true),
                    DisabilityGrade = table.Column<int>(type: "INTEGER", nullable: true),
                    SeriousIllness = table.Column<bool>(type: "INTEGER", nullable: true),
                    MonthlyIncome = table.Column<decimal>(type: "TEXT", nullable: false),
                    IncomeWages = table.Column<decimal>(type: "TEXT", nullable: true),
                    IncomeBusiness = table.Column<decimal>(type: "TEXT", nullable: true),
                    IncomeProperty = table.Column<decimal>(type: "TEXT", nullable: true),
                    IncomeTransfer = table.Column<decimal>(type: "TEXT", nullable: true),
                    IncomePension = table.Column<decimal>(type: "TEXT", nullable: true),
                    IncomeBasicPension = table.Column<decimal>(type: "TEXT", nullable: true),
                    IncomeNotCounted = table.Column<decimal>(type: "TEXT", nullable: true),
                    FullTimeStudent = table.Column<bool>(type: "INTEGER", nullable: true),
                    Childless = table.Column<bool>(type: "INTEGER", nullable: true),
                    RefusesWork = table.Column<bool>(type: "INTEGER", nullable: true),
                    SpecialOutpatient = table.Column<bool>(type: "INTEGER", nullable: true),
                    UnableToWorkCertified = table.Column<bool>(type: "INTEGER", nullable: true),
                    AdlUnable = table.Column<int>(type: "INTEGER", nullable: true),
                    Supporter = table.Column<string>(type: "TEXT", nullable: true),
                    Parent1 = table.Column<string>(type: "TEXT", nullable: true),
                    Parent2 = table.Column<string>(type: "TEXT", nullable: true),
                    Care = table.Column<string>(type: "TEXT", nullable: true),
                    MemberPrograms = table.Column<string>(type: "TEXT", nullable: false),
                    JoinedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LeftOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_members_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "application_documents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_application_documents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_application_documents_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "application_transitions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<long>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    FromState = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ToState = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_application_transitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_application_transitions_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notice_objections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<long>(type: "INTEGER", nullable: false),
                    RaisedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Answer = table.Column<string>(type: "TEXT", nullable: true),
                    AnsweredBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notice_objections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_notice_objections_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alert_evidence_AlertId_Key",
                table: "alert_evidence",
                columns: new[] { "AlertId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_alerts_Rule_IdNumber_HouseholdNo",
                table: "alerts",
                columns: new[] { "Rule", "IdNumber", "HouseholdNo" });

            migrationBuilder.CreateIndex(
                name: "IX_alerts_Status_Township",
                table: "alerts",
                columns: new[] { "Status", "Township" });

            migrationBuilder.CreateIndex(
                name: "IX_application_documents_ApplicationId",
                table: "application_documents",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_application_transitions_ApplicationId",
                table: "application_transitions",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_applications_HouseholdId_Program",
                table: "applications",
                columns: new[] { "HouseholdId", "Program" });

            migrationBuilder.CreateIndex(
                name: "IX_applications_ReviewDueOn",
                table: "applications",
                column: "ReviewDueOn");

            migrationBuilder.CreateIndex(
                name: "IX_applications_TownshipCode_State",
                table: "applications",
                columns: new[] { "TownshipCode", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_records_Action_Id",
                table: "audit_records",
                columns: new[] { "Action", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_records_At",
                table: "audit_records",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_audit_records_Subject",
                table: "audit_records",
                column: "Subject");

            migrationBuilder.CreateIndex(
                name: "IX_eligibility_decisions_HouseholdId_Date",
                table: "eligibility_decisions",
                columns: new[] { "HouseholdId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_eligibility_decisions_RunId",
                table: "eligibility_decisions",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_enrolments_HouseholdId_MemberId_From",
                table: "enrolments",
                columns: new[] { "HouseholdId", "MemberId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_households_CountyCode",
                table: "households",
                column: "CountyCode");

            migrationBuilder.CreateIndex(
                name: "IX_households_HouseholdNo",
                table: "households",
                column: "HouseholdNo",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_households_TownshipCode",
                table: "households",
                column: "TownshipCode");

            migrationBuilder.CreateIndex(
                name: "IX_import_batches_Kind_Sha256",
                table: "import_batches",
                columns: new[] { "Kind", "Sha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_members_HouseholdId_IdNumber",
                table: "members",
                columns: new[] { "HouseholdId", "IdNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_members_IdNumber",
                table: "members",
                column: "IdNumber");

            migrationBuilder.CreateIndex(
                name: "IX_members_Name",
                table: "members",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_notice_objections_ApplicationId",
                table: "notice_objections",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_parameter_additions_Name_ScopeKind_ScopeCode_EffectiveFrom",
                table: "parameter_additions",
                columns: new[] { "Name", "ScopeKind", "ScopeCode", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_regions_ParentCode",
                table: "regions",
                column: "ParentCode");

            migrationBuilder.CreateIndex(
                name: "IX_staff_accounts_UserName",
                table: "staff_accounts",
                column: "UserName",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_evidence");

            migrationBuilder.DropTable(
                name: "application_documents");

            migrationBuilder.DropTable(
                name: "application_transitions");

            migrationBuilder.DropTable(
                name: "approval_delegations");

            migrationBuilder.DropTable(
                name: "audit_records");

            migrationBuilder.DropTable(
                name: "eligibility_decisions");

            migrationBuilder.DropTable(
                name: "enrolments");

            migrationBuilder.DropTable(
                name: "import_batches");

            migrationBuilder.DropTable(
                name: "members");

            migrationBuilder.DropTable(
                name: "notice_objections");

            migrationBuilder.DropTable(
                name: "parameter_additions");

            migrationBuilder.DropTable(
                name: "regions");

            migrationBuilder.DropTable(
                name: "staff_accounts");

            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropTable(
                name: "applications");

            migrationBuilder.DropTable(
                name: "households");
        }
    }
}
