using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Platform;

namespace HemSim.Firmware.Tls;

/// <summary>
/// The device's TLS key and certificate: what flash holds (<see cref="Key"/>, the <see cref="CertificateBlob"/>) and
/// what this boot serves (<see cref="ServedKey"/>, <see cref="Certificate"/>). On an initialised device a bundle
/// installed by <c>POST /api/system/config</c> <c>tls</c> is stored at once but served from the next boot on, which is
/// why the config answer says <c>reboot_required</c>; on a fresh device it is served at once (spec §11.6 (a): "stored
/// as the initial TLS bundle and the HTTPS server starts"), see <see cref="ServeStored"/>.
/// </summary>
internal sealed class TlsCredentials : IDisposable
{
    /// <summary>The imported DER certificate (spec §11.6 <c>crt</c>, a single certificate).</summary>
    public const string CertificateBlob = "tls.crt";

    private TlsCredentials(TlsKey key, byte[]? certificate)
    {
        Key = key;
        ServedKey = key;
        Certificate = certificate;
    }

    /// <summary>Blob names erased by a wipe, so the next boot makes a new key and serves a HemSim CA certificate.</summary>
    public static IEnumerable<string> BlobNames => [TlsKey.Blob, CertificateBlob];

    /// <summary>
    /// The stored TLS key: the one a CSR is made for and an imported certificate must certify. It differs from
    /// <see cref="ServedKey"/> only between a key delivery on an initialised device and the next boot.
    /// </summary>
    public TlsKey Key { get; private set; }

    /// <summary>The key the HTTPS server uses this boot.</summary>
    public TlsKey ServedKey { get; private set; }

    /// <summary>
    /// The imported certificate served this boot, or null: then the bridge, which owns the HemSim CA, issues one
    /// for <see cref="ServedKey"/> and the hostname.
    /// </summary>
    public byte[]? Certificate { get; private set; }

    /// <summary>Loads (or on first boot and after a wipe, makes) the key and reads the imported certificate.</summary>
    public static TlsCredentials PowerOn(IFlash flash, SecureElement secureElement, IEntropySource entropy)
    {
        var key = TlsKey.LoadOrCreate(flash, secureElement, entropy);
        return new TlsCredentials(key, ServableCertificate(flash, key));
    }

    /// <summary>Stores <paramref name="der"/> as the imported certificate; false when flash already holds it.</summary>
    public static bool StoreCertificate(IFlash flash, byte[] der)
    {
        if (flash.ReadBlob(CertificateBlob) is { } stored && stored.AsSpan().SequenceEqual(der))
        {
            return false;
        }
        flash.WriteBlob(CertificateBlob, der);
        return true;
    }

    /// <summary>
    /// Seals <paramref name="key"/> into flash as the stored TLS key and takes it over; false (and
    /// <paramref name="key"/> disposed) when it equals the stored key. The replaced key is zeroed unless this boot
    /// still serves it.
    /// </summary>
    public bool StoreKey(IFlash flash, SecureElement secureElement, TlsKey key)
    {
        if (key.SameAs(Key))
        {
            key.Dispose();
            return false;
        }
        key.Store(flash, secureElement);
        Retire(Key);
        Key = key;
        return true;
    }

    /// <summary>Serves the stored key and certificate from now on (a fresh device's initial bundle).</summary>
    public void ServeStored(IFlash flash)
    {
        if (!ReferenceEquals(ServedKey, Key))
        {
            ServedKey.Dispose();
            ServedKey = Key;
        }
        Certificate = ServableCertificate(flash, Key);
    }

    public void Dispose()
    {
        Key.Dispose();
        ServedKey.Dispose();
    }

    private void Retire(TlsKey replaced)
    {
        if (!ReferenceEquals(replaced, ServedKey))
        {
            replaced.Dispose();
        }
    }

    /// <summary>
    /// The stored certificate when it parses and certifies the key. The config handler refuses any other (400), so
    /// this only guards against a flash written by other means: the device then serves a HemSim CA certificate
    /// rather than one whose key it does not hold, which no TLS handshake could use.
    /// </summary>
    private static byte[]? ServableCertificate(IFlash flash, TlsKey key)
    {
        if (flash.ReadBlob(CertificateBlob) is not { } der)
        {
            return null;
        }
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            return key.IsCertifiedBy(certificate) ? der : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
