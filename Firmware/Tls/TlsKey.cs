using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Platform;

namespace HemSim.Firmware.Tls;

/// <summary>
/// The device's TLS key: P-256, made from the device entropy on first boot and after a wipe, never on reboot,
/// and kept in flash sealed under the secure element like every key (blob <see cref="Blob"/>).
/// </summary>
/// <remarks>
/// §22/§17.6 choice: the key and the imported certificate are flash <b>blobs</b>, not the <c>TLS PrivateKey</c> /
/// <c>TLS Certificate</c> repository records of §17.6. Records would take keystore slots and show in list/search,
/// where a user could delete the key the HTTPS listener depends on; the simulator keeps them beside the identity
/// instead. REVIEW: add the two records (read-only, type <c>ATT,PKEY,GENERIC_DER</c> / <c>CERT,GENERIC_DER</c>) if a
/// client turns out to look for them.
/// </remarks>
internal sealed class TlsKey : IDisposable
{
    public const string Blob = "tls.key";
    private static readonly byte[] s_aad = "HemSim TLS key"u8.ToArray();

    private readonly byte[] _scalar;

    private TlsKey(byte[] scalar)
    {
        _scalar = scalar;
        CompressedPublicKey = EcScalar.CompressedPublicKey(KeyType.Secp256r1, scalar);
        using var key = CreateECDsa();
        PublicKeyInfo = key.ExportSubjectPublicKeyInfo();
    }

    /// <summary>The public point, compressed SEC1 (33 bytes).</summary>
    public byte[] CompressedPublicKey { get; }

    /// <summary>The public key as DER SubjectPublicKeyInfo, the form a certificate carries.</summary>
    public byte[] PublicKeyInfo { get; }

    /// <summary>The private scalar, for the code that signs with it (the CSR); callers must not keep it.</summary>
    internal ReadOnlySpan<byte> Scalar => _scalar;

    public static TlsKey LoadOrCreate(IFlash flash, SecureElement secureElement, IEntropySource entropy)
    {
        if (flash.ReadBlob(Blob) is { } sealedKey)
        {
            if (!secureElement.TryUnseal(sealedKey, s_aad, out var stored) || !EcScalar.IsValid(KeyType.Secp256r1, stored))
            {
                throw new InvalidDataException(
                    $"The flash holds a TLS key sealed by another secure element ({SecureElement.FileName} does not match).");
            }
            return new TlsKey(stored);
        }
        var scalar = EcScalar.Sample(KeyType.Secp256r1, entropy);
        flash.WriteBlob(Blob, secureElement.Seal(scalar, s_aad));
        return new TlsKey(scalar);
    }

    /// <summary>
    /// A key object for a delivered scalar (spec §11.6 <c>key</c>, <see cref="TlsKeyDelivery"/>), not stored yet; it
    /// takes <paramref name="scalar"/> over (and zeroes it on <see cref="Dispose"/>). The scalar must be valid.
    /// </summary>
    public static TlsKey Adopt(byte[] scalar) => new(scalar);

    /// <summary>Seals this key into flash as the device TLS key, replacing the stored one.</summary>
    public void Store(IFlash flash, SecureElement secureElement) => flash.WriteBlob(Blob, secureElement.Seal(_scalar, s_aad));

    /// <summary>True when <paramref name="other"/> holds the same private scalar.</summary>
    public bool SameAs(TlsKey other) => CryptographicOperations.FixedTimeEquals(_scalar, other._scalar);

    /// <summary>Zeroes the private scalar; the key must not be used afterwards.</summary>
    public void Dispose() => CryptographicOperations.ZeroMemory(_scalar);

    /// <summary>A .NET key object with the private half; the caller disposes it.</summary>
    public ECDsa CreateECDsa() => Ecdsa.Import(KeyType.Secp256r1, _scalar, CompressedPublicKey);

    /// <summary>The private key as PKCS#8 DER: what the bridge needs to terminate TLS (PROTOCOL.md §6.5, op 10). The
    /// caller owns the array and should zero it when done.</summary>
    public byte[] ExportPkcs8()
    {
        using var key = CreateECDsa();
        return key.ExportPkcs8PrivateKey();
    }

    /// <summary>True when <paramref name="certificate"/> certifies this key.</summary>
    public bool IsCertifiedBy(X509Certificate2 certificate) =>
        certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(PublicKeyInfo);
}
