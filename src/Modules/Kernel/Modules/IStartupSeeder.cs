namespace Collab.Kernel.Modules;

/// <summary>Work a module does once at start-up, after migrations (demo data, built-in records).</summary>
public interface IStartupSeeder
{
    /// <summary>Seeds; <paramref name="demo"/> is true only in Development with <c>Demo:Seed</c> on.</summary>
    Task SeedAsync(bool demo, CancellationToken cancellationToken);
}
