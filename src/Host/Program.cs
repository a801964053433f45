using Collab.Host.Composition;

var builder = WebApplication.CreateBuilder(args);
builder.AddCollab(HostModules.All());

var app = builder.Build();
await app.PrepareCollabAsync();
app.UseCollab();

await app.RunAsync();

/// <summary>Entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
