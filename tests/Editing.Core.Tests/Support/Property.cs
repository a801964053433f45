using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using CsCheck;

namespace Collab.Editing.Core.Tests;

/// <summary>Runs a property over random seeds and, on failure, says how to replay exactly that case.</summary>
internal static partial class Property
{
    public static void Check(Action<int> property, long ciDefault, [CallerFilePath] string file = "", [CallerMemberName] string test = "")
    {
        try
        {
            Gen.Int.Sample(property, iter: Scenarios.Runs(ciDefault), print: seed => $"scenario seed {seed}");
        }
        catch (CsCheckException e)
        {
            string seed = SeedPattern().Match(e.Message) is { Success: true } m ? m.Groups[1].Value : "(see above)";
            string type = Path.GetFileNameWithoutExtension(file);
            throw new InvalidOperationException(
                $"Property {type}.{test} failed. Replay this case with:\n" +
                $"  cd tests/Editing.Core.Tests && CsCheck_Seed={seed} dotnet test -- --filter-method \"*{test}\"\n{e.Message}", e);
        }
    }

    [GeneratedRegex("Set seed: \"([^\"]+)\"")]
    private static partial Regex SeedPattern();
}
