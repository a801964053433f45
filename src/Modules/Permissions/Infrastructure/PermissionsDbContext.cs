using Collab.Kernel.Data;
using Collab.Permissions.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Collab.Permissions.Infrastructure;

/// <summary>The Permissions module's tables (prefix <c>Permissions_</c>).</summary>
internal sealed class PermissionsDbContext(DbContextOptions<PermissionsDbContext> options) : DbContext(options)
{
    public const string TablePrefix = "Permissions_";

    public DbSet<ModelMember> Members => Set<ModelMember>();

    public DbSet<PermissionAuditEntry> Audit => Set<PermissionAuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ModelMember>(e =>
        {
            e.ToTable("Members");
            e.HasKey(m => new { m.ModelId, m.UserId });
            e.HasIndex(m => m.UserId);
            e.Property(m => m.Role).HasConversion<int>();
            e.Property(m => m.GrantedAt).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
        });
        modelBuilder.Entity<PermissionAuditEntry>(e =>
        {
            e.ToTable("Audit");
            e.HasKey(a => a.Id);
            e.HasIndex(a => new { a.ModelId, a.At });
            e.Property(a => a.OldRole).HasConversion<int>();
            e.Property(a => a.NewRole).HasConversion<int>();
            e.Property(a => a.At).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
        });
        modelBuilder.UseTablePrefix(TablePrefix);
    }
}

/// <summary>Lets <c>dotnet ef</c> build the context without the Host.</summary>
internal sealed class PermissionsDbContextFactory : IDesignTimeDbContextFactory<PermissionsDbContext>
{
    public PermissionsDbContext CreateDbContext(string[] args) => new(ModuleDbContextExtensions.DesignTimeOptions<PermissionsDbContext>(PermissionsDbContext.TablePrefix));
}
