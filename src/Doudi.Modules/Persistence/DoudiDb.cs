using Doudi.Access;
using Doudi.Applications;
using Doudi.Eligibility.Recompute;
using Doudi.Monitoring;
using Doudi.Oversight;
using Doudi.Registry;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Persistence;

/// <summary>
/// The one transactional database. Two providers share this model, each with its own migrations:
/// <see cref="SqliteDoudiDb"/> (embedded default) and <see cref="PostgresDoudiDb"/>.
/// </summary>
public abstract class DoudiDb(DbContextOptions options) : DbContext(options)
{
    /// <summary>
    /// Region scope of the current user as a code prefix ("" = everything). Applied as a query filter on
    /// households, members, enrolments and alerts, so no page or endpoint can forget it.
    /// </summary>
    public string ScopePrefix { get; set; } = "";

    /// <summary>A scope no region code starts with: for requests that are not signed in.</summary>
    public const string NothingInScope = "-";

    public DbSet<Household> Households => Set<Household>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<Enrolment> Enrolments => Set<Enrolment>();
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<StaffAccount> StaffAccounts => Set<StaffAccount>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<EligibilityDecision> EligibilityDecisions => Set<EligibilityDecision>();
    public DbSet<Policy.ParameterAddition> ParameterAdditions => Set<Policy.ParameterAddition>();
    public DbSet<Application> Applications => Set<Application>();
    public DbSet<ApplicationTransition> ApplicationTransitions => Set<ApplicationTransition>();
    public DbSet<ApplicationDocument> ApplicationDocuments => Set<ApplicationDocument>();
    public DbSet<NoticeObjection> NoticeObjections => Set<NoticeObjection>();
    public DbSet<ApprovalDelegation> ApprovalDelegations => Set<ApprovalDelegation>();

    public abstract bool IsPostgres { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Household>(h =>
        {
            h.ToTable("households");
            h.HasIndex(x => x.HouseholdNo).IsUnique();
            h.HasIndex(x => x.TownshipCode);
            h.HasIndex(x => x.CountyCode);
            h.Property(x => x.HouseholdNo).HasMaxLength(32);
            h.Property(x => x.CountyCode).HasMaxLength(6);
            h.Property(x => x.TownshipCode).HasMaxLength(9);
            h.Property(x => x.VillageCode).HasMaxLength(12);
            h.Property(x => x.Area).HasMaxLength(8);
            h.Property(x => x.Program).HasMaxLength(32);
            h.Property(x => x.Version).IsConcurrencyToken();
            h.HasQueryFilter(x => x.TownshipCode.StartsWith(ScopePrefix));
            h.HasMany(x => x.Members).WithOne(m => m.Household).HasForeignKey(m => m.HouseholdId);
            h.HasMany(x => x.Enrolments).WithOne().HasForeignKey(e => e.HouseholdId);
        });
        modelBuilder.Entity<Member>(m =>
        {
            m.ToTable("members");
            m.HasIndex(x => x.IdNumber);
            m.HasIndex(x => x.Name);
            m.HasIndex(x => new { x.HouseholdId, x.IdNumber }).IsUnique();
            m.Property(x => x.IdNumber).HasMaxLength(18);
            m.Property(x => x.Name).HasMaxLength(50);
            m.HasQueryFilter(x => x.Household!.TownshipCode.StartsWith(ScopePrefix));
        });
        modelBuilder.Entity<Enrolment>(e =>
        {
            e.ToTable("enrolments");
            e.HasIndex(x => new { x.HouseholdId, x.MemberId, x.From });
            // Enrolments carry amounts: they are scoped through their household like members are.
            e.HasQueryFilter(x => Set<Household>().Any(h => h.Id == x.HouseholdId && h.TownshipCode.StartsWith(ScopePrefix)));
        });
        modelBuilder.Entity<Region>(r =>
        {
            r.ToTable("regions");
            r.HasKey(x => x.Code);
            r.HasIndex(x => x.ParentCode);
        });
        modelBuilder.Entity<ImportBatch>(b =>
        {
            b.ToTable("import_batches");
            b.HasIndex(x => new { x.Kind, x.Sha256 }).IsUnique();
        });
        modelBuilder.Entity<StaffAccount>(s =>
        {
            s.ToTable("staff_accounts");
            s.HasIndex(x => x.UserName).IsUnique();
        });
        modelBuilder.Entity<AuditRecord>(a =>
        {
            a.ToTable("audit_records");
            a.HasIndex(x => x.At);
            a.HasIndex(x => x.Subject);
            // The newest record of one action (e.g. the last eligibility_recompute run, which 政策找人 names):
            // WHERE Action = … ORDER BY Id DESC LIMIT 1 reads one index entry instead of scanning the log backwards.
            a.HasIndex(x => new { x.Action, x.Id });
        });
        modelBuilder.Entity<EligibilityDecision>(d =>
        {
            d.ToTable("eligibility_decisions");
            d.HasIndex(x => x.RunId);
            d.HasIndex(x => new { x.HouseholdId, x.Date });
            d.Property(x => x.RunId).HasMaxLength(36);
            d.Property(x => x.HouseholdNo).HasMaxLength(32);
            d.Property(x => x.CountyCode).HasMaxLength(6);
            d.Property(x => x.ChangeKind).HasMaxLength(32);
            d.Property(x => x.OldProgram).HasMaxLength(32);
            d.Property(x => x.NewProgram).HasMaxLength(32);
            // Decisions name households and members: scoped through their household like enrolments.
            d.HasQueryFilter(x => Set<Household>().Any(h => h.Id == x.HouseholdId && h.TownshipCode.StartsWith(ScopePrefix)));
        });
        modelBuilder.Entity<Policy.ParameterAddition>(p =>
        {
            p.ToTable("parameter_additions");
            // One figure per parameter, scope and date, also when two administrators add at once.
            p.HasIndex(x => new { x.Name, x.ScopeKind, x.ScopeCode, x.EffectiveFrom }).IsUnique();
            p.Property(x => x.Name).HasMaxLength(64);
            p.Property(x => x.ScopeKind).HasMaxLength(16);
            p.Property(x => x.ScopeCode).HasMaxLength(12);
            p.Property(x => x.Unit).HasMaxLength(32);
            p.Property(x => x.Reference).HasMaxLength(500);
            p.Property(x => x.Status).HasMaxLength(16);
            p.Property(x => x.AddedBy).HasMaxLength(64);
        });
        AlertModel.Configure(modelBuilder);
        // Applications name households and their circumstances: scoped by their township like households.
        ApplicationModel.Configure(modelBuilder, x => x.TownshipCode.StartsWith(ScopePrefix));
        // Alerts name people and what the feeds say about them: scoped like households. An alert belongs to
        // its township, or to its county when it has none (a person in no household), so a township's
        // caseworker never sees the county's own alerts and a county sees both.
        modelBuilder.Entity<Alert>().HasQueryFilter(x =>
            x.Township.StartsWith(ScopePrefix) || (x.Township == "" && x.County.StartsWith(ScopePrefix)));
        modelBuilder.Entity<AlertEvidence>().HasQueryFilter(x => Set<Alert>().Any(a => a.Id == x.AlertId
            && (a.Township.StartsWith(ScopePrefix) || (a.Township == "" && a.County.StartsWith(ScopePrefix)))));
    }
}

public sealed class SqliteDoudiDb(DbContextOptions<SqliteDoudiDb> options) : DoudiDb(options)
{
    public override bool IsPostgres => false;
}

public sealed class PostgresDoudiDb(DbContextOptions<PostgresDoudiDb> options) : DoudiDb(options)
{
    public override bool IsPostgres => true;
}
