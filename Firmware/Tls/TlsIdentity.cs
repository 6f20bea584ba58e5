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
/// an X.509 certificate. Without <c>emp</c>/<c>key</c> (absent or null) it is installed on its own and must certify
/// the device's stored TLS key. With both, they carry a new TLS key for <c>crt</c> in the simulator's delivery scheme
/// (<see cref="TlsKeyDelivery"/>; the vendor's is undocumented): the key replaces the device's TLS key (sealed in
/// flash as before). Anything else — one of the two alone, a delivery that does not decrypt or bind to <c>crt</c>, a
/// certificate for a key the device would not hold — is refused with 400 in the validation phase
/// (<see cref="IsValidBundle(DeviceCore, JsonElement)"/>), so the apply phase cannot fail.
/// </remarks>
internal static class TlsIdentity
{
    /// <summary>
    /// Validation phase of <c>POST /api/system/config</c>: true when the <c>tls</c> object holds a <c>crt</c> that
    /// parses. Does not see the device, so it cannot check the key: prefer <see cref="IsValidBundle(DeviceCore, JsonElement)"/>.
    /// </summary>
    public static bool IsValidBundle(JsonElement tls) => TryReadCertificate(tls, out _);

    /// <summary>
    /// <see cref="IsValidBundle(JsonElement)"/>, and the certificate certifies the device's TLS key, or the delivered
    /// key decrypts, binds to the certificate and is the key it certifies (else 400).
    /// </summary>
    public static bool IsValidBundle(DeviceCore device, JsonElement tls)
    {
        if (!TryReadCertificate(tls, out var der) || ReadDelivery(tls) is not { } delivery)
        {
            return false;
        }
        using var certificate = X509CertificateLoader.LoadCertificate(der);
        if (delivery.Emp is null)
        {
            return device.Tls.Key.IsCertifiedBy(certificate);
        }
        using var key = TlsKeyDelivery.TryOpen(device.Attestation, delivery.Emp, delivery.Key!, der);
        return key is not null && key.IsCertifiedBy(certificate);
    }

    /// <summary>
    /// Apply phase: stores the key (when delivered) and the certificate of a bundle that passed
    /// <see cref="IsValidBundle(DeviceCore, JsonElement)"/>. On an initialised device they are served from the next
    /// boot on (the answer says <c>reboot_required</c>); <see cref="ServeStored"/> serves them at once. Returns false
    /// when flash already held exactly this key and certificate (a re-post is no change).
    /// </summary>
    public static bool Install(DeviceCore device, JsonElement tls)
    {
        if (!TryReadCertificate(tls, out var der) || ReadDelivery(tls) is not { } delivery)
        {
            throw new ArgumentException("The tls bundle was not validated.", nameof(tls));
        }
        var keyChanged = false;
        if (delivery.Emp is not null)
        {
            var key = TlsKeyDelivery.TryOpen(device.Attestation, delivery.Emp, delivery.Key!, der)
                ?? throw new ArgumentException("The tls bundle was not validated: its key does not open.", nameof(tls));
            keyChanged = device.Tls.StoreKey(device.Flash, device.SecureElement, key);
        }
        var certificateChanged = TlsCredentials.StoreCertificate(device.Flash, der);
        return keyChanged || certificateChanged;
    }

    /// <summary>Serves the stored key and certificate from now on: spec §11.6 (a), the initial bundle of a fresh
    /// device starts the HTTPS server at once. The export tag changes, so the bridge picks it up at its next handshake.</summary>
    public static void ServeStored(DeviceCore device) => device.Tls.ServeStored(device.Flash);

    /// <summary>A PEM PKCS#10 request for the stored TLS key, subject CN = the configured hostname (<c>gen_csr</c>).</summary>
    public static string CreateCsrPem(DeviceCore device) =>
        CertificationRequest.CreatePem(device.Tls.Key, Hostname(device), device.Entropy);

    /// <summary>The identity served this boot, or null when its tag equals <paramref name="knownTag"/>.</summary>
    public static TlsIdentityExport? Export(DeviceCore device, ReadOnlySpan<byte> knownTag)
    {
        var hostname = Hostname(device);
        var certificate = device.Tls.Certificate;
        var tag = Tag(hostname, device.Tls.ServedKey.PublicKeyInfo, certificate);
        // The PKCS#8 array belongs to the export from here on: the receiver zeroes it once it has imported or
        // forwarded it (HostBridge DeviceCertificateSource, the control-channel transfer).
        return knownTag.SequenceEqual(tag) ? null : new TlsIdentityExport(tag, hostname, device.Tls.ServedKey.ExportPkcs8(), certificate);
    }

    private static string Hostname(DeviceCore device) => device.Config?.Hostname ?? device.Options.FactoryHostname;

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

    /// <summary>The <c>emp</c>/<c>key</c> pair: both null when neither is given (absent or JSON null), both set when
    /// both are non-empty strings; null (malformed) otherwise.</summary>
    private static Delivery? ReadDelivery(JsonElement tls)
    {
        var emp = Member(tls, "emp");
        var key = Member(tls, "key");
        if (emp is null && key is null)
        {
            return new Delivery(null, null);
        }
        return emp is { ValueKind: JsonValueKind.String } e && e.GetString() is { Length: > 0 } empText
            && key is { ValueKind: JsonValueKind.String } k && k.GetString() is { Length: > 0 } keyText
            ? new Delivery(empText, keyText)
            : null;
    }

    private static JsonElement? Member(JsonElement tls, string name) =>
        tls.ValueKind == JsonValueKind.Object && tls.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    private sealed record Delivery(string? Emp, string? Key);

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
