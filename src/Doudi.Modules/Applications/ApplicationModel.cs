using Microsoft.EntityFrameworkCore;

namespace Doudi.Applications;

internal static class ApplicationModel
{
    /// <param name="scopePrefix">The region scope, read per query: cases are scoped by their township like households.</param>
    public static void Configure(ModelBuilder modelBuilder, System.Linq.Expressions.Expression<Func<Application, bool>> scope)
    {
        modelBuilder.Entity<Application>(a =>
        {
            a.ToTable("applications");
            a.HasIndex(x => new { x.TownshipCode, x.State });
            a.HasIndex(x => new { x.HouseholdId, x.Program });
            a.HasIndex(x => x.ReviewDueOn);
            a.Property(x => x.Program).HasMaxLength(40);
            a.Property(x => x.TownshipCode).HasMaxLength(9);
            a.Property(x => x.CountyCode).HasMaxLength(6);
            a.Property(x => x.FiledAtCode).HasMaxLength(12);
            a.Property(x => x.ApplicantName).HasMaxLength(50);
            a.Property(x => x.ApplicantIdNumber).HasMaxLength(18);
            a.Property(x => x.State).HasMaxLength(24);
            a.Property(x => x.CreatedBy).HasMaxLength(64);
            a.Property(x => x.VerifiedBy).HasMaxLength(64);
            a.Property(x => x.VisitedBy).HasMaxLength(64);
            a.Property(x => x.ReviewedBy).HasMaxLength(64);
            a.Property(x => x.DecidedBy).HasMaxLength(64);
            a.Property(x => x.Version).IsConcurrencyToken();
            a.HasQueryFilter(scope);
            a.HasOne<Registry.Household>().WithMany().HasForeignKey(x => x.HouseholdId);
            a.HasMany(x => x.History).WithOne().HasForeignKey(t => t.ApplicationId);
            a.HasMany(x => x.Documents).WithOne().HasForeignKey(d => d.ApplicationId);
            a.HasMany(x => x.Objections).WithOne().HasForeignKey(o => o.ApplicationId);
        });
        modelBuilder.Entity<ApplicationTransition>(t =>
        {
            t.ToTable("application_transitions");
            t.HasIndex(x => x.ApplicationId);
            t.Property(x => x.Action).HasMaxLength(24);
            t.Property(x => x.FromState).HasMaxLength(24);
            t.Property(x => x.ToState).HasMaxLength(24);
            t.Property(x => x.By).HasMaxLength(64);
            t.Property(x => x.Role).HasMaxLength(24);
        });
        modelBuilder.Entity<ApplicationDocument>(d =>
        {
            d.ToTable("application_documents");
            d.HasIndex(x => x.ApplicationId);
            d.Property(x => x.Kind).HasMaxLength(40);
            d.Property(x => x.FileName).HasMaxLength(200);
            d.Property(x => x.ContentType).HasMaxLength(40);
            d.Property(x => x.Sha256).HasMaxLength(64);
            d.Property(x => x.UploadedBy).HasMaxLength(64);
        });
        modelBuilder.Entity<NoticeObjection>(o =>
        {
            o.ToTable("notice_objections");
            o.HasIndex(x => x.ApplicationId);
            o.Property(x => x.RecordedBy).HasMaxLength(64);
            o.Property(x => x.AnsweredBy).HasMaxLength(64);
        });
        modelBuilder.Entity<ApprovalDelegation>(d =>
        {
            d.ToTable("approval_delegations");
            d.HasKey(x => new { x.CountyCode, x.Program });
            d.Property(x => x.CountyCode).HasMaxLength(6);
            d.Property(x => x.Program).HasMaxLength(40);
            d.Property(x => x.SetBy).HasMaxLength(64);
        });
    }
}
