using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using HemSim.Firmware.Api.System;
using HemSim.Firmware.Device;
using HemSim.Firmware.Json;

namespace HemSim.Firmware.Tls;

/// <summary>
/// The device's TLS identity (spec §11.6 <c>tls</c>/<c>gen_csr</c>, §17.6): its private key and certificate live in
/// the device's flash (<see cref="TlsKey"/>, <see cref="TlsCredentials"/>), not in the bridge. These are the calls
/// the config handler makes, plus the export the bridge fetches over the control channel.
/// </summary>
/// <remarks>
/// §22 #26: <c>tls</c> is <c>{emp?, key?, crt}</c>. <c>crt</c> (b64 DER, standard or URL-safe alphabet) must parse as
/// an X.509 certificate and is installed on its own. <c>key</c> and <c>emp</c> (an encrypted private key and the
/// ephemeral key of its undocumented transport scheme) are accepted and ignored: the device keeps its own TLS key,
/// so an imported certificate must certify <b>that</b> key — a certificate for another key is refused with 400
/// (<see cref="IsValidBundle(DeviceCore, JsonElement)"/>), since the device could never complete a handshake with it.
/// </remarks>
internal static class TlsIdentity
{
    /// <summary>
    /// Validation phase of <c>POST /api/system/config</c>: true when the <c>tls</c> object holds a <c>crt</c> that
    /// parses. Does not see the device, so it cannot check the key: prefer <see cref="IsValidBundle(DeviceCore, JsonElement)"/>.
    /// </summary>
    public static bool IsValidBundle(JsonElement tls) => TryReadCertificate(tls, out _);

    /// <summary>
    /// <see cref="IsValidBundle(JsonElement)"/>, and the certificate certifies the device's TLS key (else 400).
    /// </summary>
    public static bool IsValidBundle(DeviceCore device, JsonElement tls)
    {
        if (!TryReadCertificate(tls, out var der))
        {
            return false;
        }
        using var certificate = X509CertificateLoader.LoadCertificate(der);
        return device.Tls.Key.IsCertifiedBy(certificate);
    }

    /// <summary>
    /// Apply phase: stores the certificate of a bundle that passed <see cref="IsValidBundle(DeviceCore, JsonElement)"/>;
    /// it is served from the next boot on (the answer says <c>reboot_required</c>). A certificate for another key is
    /// stored but never served (<see cref="TlsCredentials"/>).
    /// </summary>
    public static void Install(DeviceCore device, JsonElement tls)
    {
        if (!TryReadCertificate(tls, out var der))
        {
            throw new ArgumentException("The tls bundle was not validated: its crt is not a certificate.", nameof(tls));
        }
        device.Flash.WriteBlob(TlsCredentials.CertificateBlob, der);
    }

    /// <summary>A PEM PKCS#10 request for the stored TLS key, subject CN = the configured hostname (<c>gen_csr</c>).</summary>
    public static string CreateCsrPem(DeviceCore device) =>
        CertificationRequest.CreatePem(device.Tls.Key, Hostname(device), device.Entropy);

    /// <summary>The identity served this boot, or null when its tag equals <paramref name="knownTag"/>.</summary>
    public static TlsIdentityExport? Export(DeviceCore device, ReadOnlySpan<byte> knownTag)
    {
        var hostname = Hostname(device);
        var certificate = device.Tls.Certificate;
        var tag = Tag(hostname, device.Tls.Key.PublicKeyInfo, certificate);
        return knownTag.SequenceEqual(tag) ? null : new TlsIdentityExport(tag, hostname, device.Tls.Key.ExportPkcs8(), certificate);
    }

    private static string Hostname(DeviceCore device) => device.Config?.Hostname ?? SystemStatus.FactoryHostname;

    private static byte[] Tag(string hostname, byte[] publicKeyInfo, byte[]? certificate)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var name = Encoding.UTF8.GetBytes(hostname);
        // Length-prefixed parts, so that no two different identities hash the same bytes.
        foreach (var part in new[] { name, publicKeyInfo, certificate ?? [] })
        {
            hash.AppendData(BitConverter.GetBytes(part.Length));
            hash.AppendData(part);
        }
        return hash.GetHashAndReset();
    }

    private static bool TryReadCertificate(JsonElement tls, out byte[] der)
    {
        der = [];
        if (tls.ValueKind != JsonValueKind.Object
            || !tls.TryGetProperty("crt", out var crt)
            || crt.ValueKind != JsonValueKind.String
            || !Base64Text.TryDecode(crt.GetString()!, out var bytes)
            || bytes.Length == 0)
        {
            return false;
        }
        try
        {
            // DER only: the loader would also take PEM text, which b64 of a PEM file would smuggle in.
            if (bytes[0] != 0x30)
            {
                return false;
            }
            using var certificate = X509CertificateLoader.LoadCertificate(bytes);
            der = bytes;
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
