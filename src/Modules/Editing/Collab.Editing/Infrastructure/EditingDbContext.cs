using Collab.Editing.Domain;
using Collab.Kernel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Collab.Editing.Infrastructure;

/// <summary>The Editing module's tables (prefix <c>Editing_</c>): the op log, cell changes and session records.</summary>
internal sealed class EditingDbContext(DbContextOptions<EditingDbContext> options) : DbContext(options)
{
    public const string TablePrefix = "Editing_";

    public DbSet<OpRecord> Ops => Set<OpRecord>();

    public DbSet<ModelChangeRecord> Changes => Set<ModelChangeRecord>();

    public DbSet<SessionRecord> Sessions => Set<SessionRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OpRecord>(e =>
        {
            e.ToTable("Ops");
            e.HasKey(o => new { o.ModelId, o.Revision });
            e.HasIndex(o => new { o.ModelId, o.OpId }).IsUnique();
            e.Property(o => o.ModelId).HasMaxLength(64);
            e.Property(o => o.OpId).HasMaxLength(64);
        });
        modelBuilder.Entity<ModelChangeRecord>(e =>
        {
            e.ToTable("Changes");
            e.HasKey(c => c.Id);
            e.HasIndex(c => new { c.ModelId, c.Revision });
            e.HasIndex(c => new { c.ModelId, c.Sheet, c.Cell });
        });
        modelBuilder.Entity<SessionRecord>(e =>
        {
            e.ToTable("Sessions");
            e.HasKey(s => s.Id);
            e.HasIndex(s => new { s.ModelId, s.JoinedAt });
        });
        modelBuilder.UseTablePrefix(TablePrefix);
    }
}

/// <summary>Lets <c>dotnet ef</c> build the context without the Host.</summary>
internal sealed class EditingDbContextFactory : IDesignTimeDbContextFactory<EditingDbContext>
{
    public EditingDbContext CreateDbContext(string[] args) => new(ModuleDbContextExtensions.DesignTimeOptions<EditingDbContext>(EditingDbContext.TablePrefix));
}
