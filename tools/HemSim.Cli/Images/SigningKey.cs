using System.Security.Cryptography;
using System.Text;
using HemSim.Cli.Commands;
using HemSim.Cli.Text;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace HemSim.Cli.Images;

/// <summary>
/// An Ed25519 vendor signing key (RFC 8032 §5.1, pure): the 32-byte seed, wiped on dispose, and its public key —
/// the value a device trusts as <c>fwk</c> (docs/UPGRADE.md §2). The seed never leaves this type except into a new
/// key file.
/// </summary>
internal sealed class SigningKey : IDisposable
{
    public const int SeedSize = 32; // RFC 8032 §5.1.5: the private key is a 32-byte seed
    public const int PublicKeySize = 32;

    /// <summary>docs/UPGRADE.md §2: the published test seed is SHA-256 of these 27 ASCII bytes.</summary>
    private const string TestSeedLabel = "HemSim firmware signing key";

    private readonly byte[] _seed;

    private SigningKey(byte[] seed, bool isTestKey)
    {
        _seed = seed;
        IsTestKey = isTestKey;
        PublicKey = new byte[PublicKeySize];
        Ed25519.GeneratePublicKey(_seed, 0, PublicKey, 0);
    }

    public byte[] PublicKey { get; }

    public string PublicKeyBase64 => Base64Text.Encode(PublicKey);

    /// <summary>True for the published HemSim test key, which anyone can derive.</summary>
    public bool IsTestKey { get; }

    /// <summary>The published HemSim vendor test key. NOT SECRET: it exists so anyone can sign for a default simulator.</summary>
    public static SigningKey Test() => new(SHA256.HashData(Encoding.ASCII.GetBytes(TestSeedLabel)), isTestKey: true);

    public static SigningKey Generate() => new(RandomNumberGenerator.GetBytes(SeedSize), isTestKey: false);

    /// <summary>
    /// Reads a key file: the seed as base64 text (either alphabet, surrounding white space ignored). A file others
    /// may read is refused, as ssh refuses such a private key: whoever reads it can sign firmware.
    /// </summary>
    public static SigningKey FromFile(string path)
    {
        string text;
        try
        {
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.OtherRead) != 0)
            {
                throw new CliUsageException($"key file '{path}' is readable by every user; make it private first: chmod 600 '{path}'");
            }

            text = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read key file '{path}': {ex.Message}");
        }

        // The message never echoes the file's content: it is a secret even when malformed.
        if (!Base64Text.TryDecodeAny(text, out byte[]? seed) || seed.Length != SeedSize)
        {
            if (seed is not null)
            {
                CryptographicOperations.ZeroMemory(seed);
            }
            throw new CliUsageException($"key file '{path}' must hold a {SeedSize}-byte Ed25519 seed as base64 (make one with `hemsim image keygen`)");
        }

        return new SigningKey(seed, isTestKey: false);
    }

    /// <summary>Writes the seed as base64 to a NEW owner-only file (never overwrites: that could lose a vendor key).</summary>
    public void WriteNewFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        byte[] text = Encoding.ASCII.GetBytes(Base64Text.Encode(_seed) + "\n");
        try
        {
            using var stream = new FileStream(path, options);
            stream.Write(text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot create '{path}': {ex.Message}");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(text);
        }
    }

    /// <summary>Signs <paramref name="message"/> into <paramref name="signature"/> (64 bytes).</summary>
    public void Sign(ReadOnlySpan<byte> message, Span<byte> signature)
    {
        byte[] result = new byte[Ed25519.SignatureSize];
        Ed25519.Sign(_seed, 0, message.ToArray(), 0, message.Length, result, 0);
        result.CopyTo(signature);
    }

    /// <summary>True when <paramref name="signature"/> is <paramref name="publicKey"/>'s over <paramref name="message"/>.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        publicKey.Length == PublicKeySize
        && signature.Length == Ed25519.SignatureSize
        && Ed25519.Verify(signature.ToArray(), 0, publicKey.ToArray(), 0, message.ToArray(), 0, message.Length);

    public void Dispose() => CryptographicOperations.ZeroMemory(_seed);
}
