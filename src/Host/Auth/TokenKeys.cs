using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Collab.Host.Auth;

/// <summary>RSA keys that sign and encrypt tokens, kept as PEM files beside the database so tokens survive a restart.</summary>
internal static class TokenKeys
{
    public static RsaSecurityKey LoadOrCreate(string folder, string name)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".pem");
        var rsa = RSA.Create();
        if (File.Exists(path))
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            rsa.KeySize = 2048;
            var pem = rsa.ExportRSAPrivateKeyPem();
            var temp = path + ".tmp";
            File.WriteAllText(temp, pem);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temp, path, overwrite: false);
        }

        return new RsaSecurityKey(rsa) { KeyId = name };
    }
}
