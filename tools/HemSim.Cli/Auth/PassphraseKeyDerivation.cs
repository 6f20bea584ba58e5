using System.Security.Cryptography;
using System.Text;

namespace HemSim.Cli.Auth;

/// <summary>Passphrase → X25519 key pair, exactly as every HEM client does it (spec §6.1 steps 2–3, §18.5).</summary>
internal static class PassphraseKeyDerivation
{
    public const int Iterations = 600_000;
    public const int SeedSize = 32;

    /// <summary>
    /// <c>seed = PBKDF2-HMAC-SHA256(UTF-8 passphrase, salt = eid, 600000, 32)</c>. The salt is the eid's base64
    /// TEXT as the device sent it (44 ASCII characters, '=' included), not the decoded key bytes.
    /// </summary>
    public static ClientKeyPair Derive(ReadOnlySpan<char> passphrase, string eid)
    {
        byte[] seed = new byte[SeedSize];
        Rfc2898DeriveBytes.Pbkdf2(passphrase, Encoding.UTF8.GetBytes(eid), seed, Iterations, HashAlgorithmName.SHA256);
        return new ClientKeyPair(seed);
    }
}
