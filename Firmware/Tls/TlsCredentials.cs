using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Platform;

namespace HemSim.Firmware.Tls;

/// <summary>
/// The TLS identity in force for one boot: the device key and the imported certificate as they were at power-up.
/// A certificate installed later (<c>POST /api/system/config</c> <c>tls</c>) is stored at once but served from the
/// next boot on, which is why the config answer says <c>reboot_required</c> (spec §11.6).
/// </summary>
internal sealed class TlsCredentials
{
    /// <summary>The imported DER certificate (spec §11.6 <c>crt</c>, a single certificate).</summary>
    public const string CertificateBlob = "tls.crt";

    private TlsCredentials(TlsKey key, byte[]? certificate)
    {
        Key = key;
        Certificate = certificate;
    }

    /// <summary>Blob names erased by a wipe, so the next boot makes a new key and serves a HemSim CA certificate.</summary>
    public static IEnumerable<string> BlobNames => [TlsKey.Blob, CertificateBlob];

    public TlsKey Key { get; }

    /// <summary>
    /// The imported certificate served this boot, or null: then the bridge, which owns the HemSim CA, issues one
    /// for the device key and hostname.
    /// </summary>
    public byte[]? Certificate { get; }

    /// <summary>Loads (or on first boot and after a wipe, makes) the key and reads the imported certificate.</summary>
    public static TlsCredentials PowerOn(IFlash flash, SecureElement secureElement, IEntropySource entropy)
    {
        var key = TlsKey.LoadOrCreate(flash, secureElement, entropy);
        return new TlsCredentials(key, ServableCertificate(flash, key));
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
