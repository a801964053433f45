using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Collab.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

// Measures the live grid with real browsers against a real host on a loopback port:
//   latency [users] [edits]  edit in browser A to rendered in browser B, with that many people in the model
//   memory [pages]           server memory per connected browser with a 10,000-cell model open
// Usage: dotnet run -c Release --project tests/GridPerf -- latency 20 200
//        dotnet run -c Release --project tests/GridPerf -- memory 20
namespace Collab.GridPerf;

/// <summary>The console run (the host's own Program is the web app's entry point).</summary>
internal static class Runner
{
    public static async Task Main(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "latency";
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var edits = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;

        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Collab.sln")))
        {
            root = root.Parent;
        }

        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_COLLAB_HOST", Path.Combine(root!.FullName, "src", "Host"));
        await using var app = new CollabAppFactory("Development");
        app.UseKestrel(0);
        app.StartServer();
        var baseAddress = app.ClientOptions.BaseAddress;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });

        using var admin = await app.CreateClientForAsync("admin@demo.local");
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        var modelId = await CollabAppFactory.CreateModelAsync(alice, "Perf " + mode);
        await FillAsync(modelId);
        var people = new List<string> { "alice@demo.local" };
        for (var i = 1; people.Count < Math.Max(count, 2); i++)
        {
            var email = $"perf{i}@demo.local";
            using var created = await admin.PostAsJsonAsync("/api/users", new { email, displayName = $"Perf User{i}", password = CollabAppFactory.DemoPassword });
            created.EnsureSuccessStatusCode();
            await ShareAsync(modelId, email);
            people.Add(email);
        }

        if (mode == "memory")
        {
            await MemoryAsync();
        }
        else
        {
            await LatencyAsync();
        }

        async Task FillAsync(string id)
        {
            // 10,000 cells: 100 rows x 100 columns of numbers and formulas, in one setRange.
            var token = await app.GetTokenAsync("alice@demo.local");
            var connection = new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "/hubs/collab?access_token=" + Uri.EscapeDataString(token))).Build();
            await connection.StartAsync();
            await connection.InvokeAsync<JsonElement>("JoinModel", id, null);
            var inputs = Enumerable.Range(1, 100).Select(r => Enumerable.Range(1, 100).Select(c => c == 1 ? r.ToString(CultureInfo.InvariantCulture) : $"=A{r}*{c}").ToArray()).ToArray();
            await connection.InvokeAsync<JsonElement>("SubmitOperation", new { modelId = id, opId = Guid.NewGuid().ToString("N"), baseRevision = 0, op = new { type = "setRange", sheet = "Sheet1", range = "A1:CV100", inputs } });
            await connection.DisposeAsync();
        }

        async Task ShareAsync(string id, string email)
        {
            var found = await alice.GetFromJsonAsync<JsonElement[]>($"/api/users?search={Uri.EscapeDataString(email)}");
            var userId = found!.Single(u => u.GetProperty("email").GetString() == email).GetProperty("id").GetString();
            using var response = await alice.PutAsJsonAsync($"/api/models/{id}/permissions/{userId}", new { role = "editor" });
            response.EnsureSuccessStatusCode();
        }

        async Task<IPage> OpenAsync(string email)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
            context.SetDefaultTimeout(60_000);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/account/login");
            await page.GetByTestId("login-email").FillAsync(email);
            await page.GetByTestId("login-password").FillAsync(CollabAppFactory.DemoPassword);
            await page.GetByTestId("login-submit").ClickAsync();
            await page.WaitForURLAsync("**/models");
            await page.GotoAsync($"/models/{modelId}");
            await page.GetByTestId("interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
            await page.Locator(".cg-cell[data-cell='A1']").WaitForAsync();
            await Assertions.Expect(page.Locator(".cg-cell[data-cell='A1']")).ToHaveTextAsync("1");
            return page;
        }

        async Task LatencyAsync()
        {
            Console.WriteLine($"Opening {people.Count} browser pages on a 10,000-cell model...");
            var pages = new List<IPage>();
            foreach (var email in people)
            {
                pages.Add(await OpenAsync(email));
            }

            var a = pages[0];
            var b = pages[1];
            await a.EvaluateAsync("() => { window.__t0 = 0; document.querySelector('.cg-editor').addEventListener('keydown', e => { if (e.key === 'Enter') window.__t0 = performance.timeOrigin + performance.now(); }, true); }");
            await b.EvaluateAsync(@"() => {
                window.__seen = {};
                new MutationObserver(() => {
                    for (const el of document.querySelectorAll('.cg-cell[data-want]')) {
                        if (el.textContent === el.dataset.want && !window.__seen[el.dataset.want]) window.__seen[el.dataset.want] = performance.timeOrigin + performance.now();
                    }
                }).observe(document.querySelector('.cg-body'), { subtree: true, childList: true, characterData: true });
            }");

            var latencies = new List<double>();
            for (var i = 0; i < edits; i++)
            {
                var cell = $"B{2 + i % 25}";
                var value = $"v{i}";
                await b.EvaluateAsync("([cell, value]) => { document.querySelector(`.cg-cell[data-cell='${cell}']`).dataset.want = value; }", new object[] { cell, value });
                await a.Locator($".cg-cell[data-cell='{cell}']").ClickAsync();
                await a.Keyboard.TypeAsync(value);
                await a.Keyboard.PressAsync("Enter");
                await b.WaitForFunctionAsync("v => !!window.__seen[v]", value);
                var t0 = await a.EvaluateAsync<double>("() => window.__t0");
                var t1 = await b.EvaluateAsync<double>("v => window.__seen[v]", value);
                latencies.Add(t1 - t0);
            }

            latencies.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"edit in A -> rendered in B, {edits} edits, {pages.Count} people in the model: median {Percentile(latencies, 50):F1} ms, p95 {Percentile(latencies, 95):F1} ms, max {latencies[^1]:F1} ms"));
        }

        async Task MemoryAsync()
        {
            // Warm up: the model's session loads and the first page's code paths are JIT-compiled.
            var warm = await OpenAsync(people[0]);
            await warm.Context.CloseAsync();
            var before = Heap();
            var pages = new List<IPage>();
            foreach (var email in people)
            {
                pages.Add(await OpenAsync(email));
            }

            var after = Heap();
            var perPage = (after - before) / (double)pages.Count / (1024 * 1024);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"server GC heap: {before / 1048576.0:F1} MiB before, {after / 1048576.0:F1} MiB with {pages.Count} model pages open: {perPage:F2} MiB per connected browser user"));
            foreach (var page in pages)
            {
                await page.Context.CloseAsync();
            }
        }

        static long Heap()
        {
            for (var i = 0; i < 3; i++)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
            }

            return GC.GetTotalMemory(forceFullCollection: true);
        }

        static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
