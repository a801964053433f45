using Collab.Kernel.Data;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Collab.Host.Identity;

/// <summary>People, roles and OpenIddict's applications and tokens (prefix <c>Auth_</c>).</summary>
public sealed class AuthDbContext(DbContextOptions<AuthDbContext> options) : IdentityDbContext<CollabUser>(options)
{
    public const string TablePrefix = "Auth_";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.Entity<CollabUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(100);
            e.Property(u => u.Color).HasMaxLength(16);
            e.Property(u => u.CreatedAt).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
            e.Property(u => u.FirstFailedSignInAt).HasConversion(v => v.HasValue ? v.Value.ToUnixTimeMilliseconds() : (long?)null, v => v.HasValue ? DateTimeOffset.FromUnixTimeMilliseconds(v.Value) : null);
        });
        builder.UseTablePrefix(TablePrefix);
    }
}

/// <summary>Lets <c>dotnet ef</c> build the context without running the Host.</summary>
public sealed class AuthDbContextFactory : IDesignTimeDbContextFactory<AuthDbContext>
{
    public AuthDbContext CreateDbContext(string[] args) => new(ModuleDbContextExtensions.DesignTimeOptions<AuthDbContext>(AuthDbContext.TablePrefix));
}
