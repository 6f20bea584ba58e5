using System.Security.Cryptography;
using HemSim.Firmware.Platform;

namespace HemSim.Firmware.Keystore;

/// <summary>
/// The simulated secure element: holds the device secret that seals key material in flash. The secret
/// never lives in the flash file (ARCHITECTURE.md); on disk it is a separate 0600 file in the data folder.
/// Sealing is AES-256-GCM with a 12-byte random nonce: <c>nonce(12) ‖ ciphertext ‖ tag(16)</c>, with the
/// caller's associated data binding the blob to its record.
/// </summary>
internal sealed class SecureElement
{
    public const string FileName = "secure-element.key";
    private const int SecretSize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _secret;
    private readonly Func<IEntropySource> _entropy;

    private SecureElement(byte[] secret, Func<IEntropySource> entropy)
    {
        _secret = secret;
        _entropy = entropy;
    }

    /// <summary>Loads the secret from <paramref name="dataDirectory"/>, creating it on first use.</summary>
    /// <param name="entropy">The device's current entropy source: a new one is made at every boot.</param>
    public static SecureElement Open(string dataDirectory, Func<IEntropySource> entropy)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            var existing = File.ReadAllBytes(path);
            if (existing.Length != SecretSize)
            {
                throw new InvalidDataException($"{FileName} is damaged: expected {SecretSize} bytes, found {existing.Length}.");
            }
            return new SecureElement(existing, entropy);
        }
        var secret = new byte[SecretSize];
        entropy().Fill(secret);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var file = new FileStream(path, options))
        {
            file.Write(secret);
            file.Flush(flushToDisk: true);
        }
        return new SecureElement(secret, entropy);
    }

    public static SecureElement Open(string dataDirectory, IEntropySource entropy) => Open(dataDirectory, () => entropy);

    public static SecureElement InMemory(IEntropySource entropy) => InMemory(() => entropy);

    /// <summary>A secure element whose secret lives only in memory.</summary>
    public static SecureElement InMemory(Func<IEntropySource> entropy)
    {
        var secret = new byte[SecretSize];
        entropy().Fill(secret);
        return new SecureElement(secret, entropy);
    }

    public byte[] Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var blob = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = blob.AsSpan(0, NonceSize);
        _entropy().Fill(nonce);
        using var aes = new AesGcm(_secret, TagSize);
        aes.Encrypt(nonce, plaintext, blob.AsSpan(NonceSize, plaintext.Length), blob.AsSpan(NonceSize + plaintext.Length), associatedData);
        return blob;
    }

    /// <summary>Opens a sealed blob; false when it was altered or belongs to another record.</summary>
    public bool TryUnseal(ReadOnlySpan<byte> blob, ReadOnlySpan<byte> associatedData, out byte[] plaintext)
    {
        plaintext = [];
        if (blob.Length < NonceSize + TagSize)
        {
            return false;
        }
        var length = blob.Length - NonceSize - TagSize;
        var output = new byte[length];
        try
        {
            using var aes = new AesGcm(_secret, TagSize);
            aes.Decrypt(blob[..NonceSize], blob.Slice(NonceSize, length), blob[^TagSize..], output, associatedData);
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(output);
            return false;
        }
        plaintext = output;
        return true;
    }
}
