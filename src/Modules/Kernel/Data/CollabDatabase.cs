using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.Kernel.Data;

/// <summary>The one SQLite file every module stores its tables in.</summary>
/// <param name="FilePath">Absolute path of the database file.</param>
public sealed record CollabDatabase(string FilePath)
{
    /// <summary>The connection string modules open the file with.</summary>
    public string ConnectionString { get; } = new SqliteConnectionStringBuilder
    {
        DataSource = FilePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>
    /// Taken around the frequent writes (the op log, snapshots): SQLite has one writer at a time, and a writer that finds
    /// the file locked is retried by Microsoft.Data.Sqlite until it succeeds, blocking its thread meanwhile, so forty
    /// model sessions committing at once stalled each other for hundreds of milliseconds; waiting here is asynchronous.
    /// </summary>
    public SemaphoreSlim WriteGate { get; } = new(1, 1);

    /// <summary>The folder that holds the database (and other state kept beside it, such as data protection keys).</summary>
    public string Folder => Path.GetDirectoryName(FilePath)!;
}

/// <summary>Marks a module DbContext whose migrations the Host applies at start-up.</summary>
/// <param name="ContextType">The DbContext type.</param>
public sealed record ModuleDbContextRegistration(Type ContextType);

/// <summary>Registration of a module's own DbContext on the shared SQLite file.</summary>
public static class ModuleDbContextExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/> (scoped) and a factory for it (singleton) on the shared
    /// database, with a migrations history table of the module's own, and marks it for migration at start-up.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services, string tablePrefix)
        where TContext : DbContext
    {
        services.AddDbContextFactory<TContext>((sp, options) =>
            options.UseSqlite(sp.GetRequiredService<CollabDatabase>().ConnectionString, sqlite => sqlite.MigrationsHistoryTable(HistoryTable(tablePrefix))));
        services.AddSingleton(new ModuleDbContextRegistration(typeof(TContext)));
        return services;
    }

    /// <summary>Options for design-time tools (dotnet ef) and tests: the same history table as at run time.</summary>
    public static DbContextOptions<TContext> DesignTimeOptions<TContext>(string tablePrefix, string connectionString = "Data Source=design.db")
        where TContext : DbContext =>
        new DbContextOptionsBuilder<TContext>()
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable(HistoryTable(tablePrefix)))
            .Options;

    /// <summary>Prefixes every table of the model with the module's prefix (SQLite has no schemas).</summary>
    public static void UseTablePrefix(this ModelBuilder modelBuilder, string tablePrefix)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table && !table.StartsWith(tablePrefix, StringComparison.Ordinal))
            {
                entity.SetTableName(tablePrefix + table);
            }
        }
    }

    private static string HistoryTable(string tablePrefix) => "__Migrations_" + tablePrefix.TrimEnd('_');
}
