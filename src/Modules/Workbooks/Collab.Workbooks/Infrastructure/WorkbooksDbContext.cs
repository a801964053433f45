using Collab.Kernel.Data;
using Collab.Workbooks.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Collab.Workbooks.Infrastructure;

/// <summary>The Workbooks module's tables (prefix <c>Workbooks_</c>).</summary>
internal sealed class WorkbooksDbContext(DbContextOptions<WorkbooksDbContext> options) : DbContext(options)
{
    public const string TablePrefix = "Workbooks_";

    public DbSet<ModelRecord> Models => Set<ModelRecord>();

    public DbSet<SnapshotRecord> Snapshots => Set<SnapshotRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ModelRecord>(e =>
        {
            e.ToTable("Models");
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).HasMaxLength(64);
            e.Property(m => m.Name).HasMaxLength(ModelRules.MaxNameLength);
            e.Property(m => m.CreatedAt).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
            e.Property(m => m.UpdatedAt).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
        });
        modelBuilder.Entity<SnapshotRecord>(e =>
        {
            e.ToTable("Snapshots");
            e.HasKey(s => new { s.ModelId, s.Revision });
            e.Property(s => s.ModelId).HasMaxLength(64);
            e.Property(s => s.CreatedAt).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
        });
        modelBuilder.UseTablePrefix(TablePrefix);
    }
}

/// <summary>Lets <c>dotnet ef</c> build the context without the Host.</summary>
internal sealed class WorkbooksDbContextFactory : IDesignTimeDbContextFactory<WorkbooksDbContext>
{
    public WorkbooksDbContext CreateDbContext(string[] args) => new(ModuleDbContextExtensions.DesignTimeOptions<WorkbooksDbContext>(WorkbooksDbContext.TablePrefix));
}
