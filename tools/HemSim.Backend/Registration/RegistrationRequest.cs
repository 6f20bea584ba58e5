using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using HemSim.Backend.Checkin;

namespace HemSim.Backend.Registration;

/// <summary>
/// The body of <c>POST /domain/register/NAME/AUTHKEY</c> as the vendor tester sends it ([T] test_2 step i):
/// <c>{"csr": …, "genuine": …, "ip": …}</c> from a PPA, <c>{"csr": …, "genuine": …, "cname": …}</c> from an EPA.
/// Every field is checked here and each refusal names the field, so the handler trusts what it gets.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>csr</c>: a PKCS#10 request as PEM text (what the device sends, spec §22 #20) or as base64 DER (what the
/// vendor's config page describes); its signature must verify with its own public key.</item>
/// <item><c>genuine</c>: the device's attestation token (spec §11.7) — checked for its shape only,
/// <c>b64(20-byte key id).b64(decimal time).b64(DER signature)</c>. The stand-in cannot verify the signature: the
/// request does not carry the device's attestation certificate, and the real backend's rule is unknown.</item>
/// <item><c>ip</c> (an IP address) and <c>cname</c> (a DNS name): optional; where the vendor backend points the
/// domain, the stand-in names them in the certificate as well, so the device is also reachable under them.</item>
/// </list>
/// Without <c>csr</c> (the vendor tester's default, <c>$cfg_enforce_ppa_domain = 1</c>: <c>{genuine, ip}</c>) the
/// backend makes the TLS key and sends it encrypted (spec §11.6 <c>{emp, key, crt}</c>). The vendor's transport
/// encryption is undocumented (§22 #26), so the stand-in uses HemSim's scheme (<see cref="TlsKeyDelivery"/>), which
/// encrypts to the device's attestation key: that key is recovered from the <c>genuine</c> token
/// (<see cref="GenuineKeyRecovery"/>), and a token from which no key with its SKI recovers is refused (400).
/// </remarks>
/// <param name="Csr">The verified CSR, or null for key delivery.</param>
/// <param name="AttestationPoint">Key delivery only: the device's attestation public key, SEC1 uncompressed.</param>
internal sealed record RegistrationRequest(CertificateRequest? Csr, byte[]? AttestationPoint, string Genuine, IPAddress? Ip, string? Cname)
{
    private const int KeyIdLength = 20;

    /// <summary>Parses <paramref name="body"/>; false with a one-line reason naming the field when it is refused.</summary>
    public static bool TryParse(byte[] body, [NotNullWhen(true)] out RegistrationRequest? request, [NotNullWhen(false)] out string? problem)
    {
        request = null;
        JsonElement root;
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            problem = "the body is not JSON";
            return false;
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = "the body is not a JSON object";
            return false;
        }

        if (!TryString(root, "csr", required: false, out string? csrText, out problem)
            || !TryString(root, "genuine", required: true, out string? genuine, out problem)
            || !TryString(root, "ip", required: false, out string? ipText, out problem)
            || !TryString(root, "cname", required: false, out string? cname, out problem))
        {
            return false;
        }
        CertificateRequest? csr = null;
        if (csrText is not null && !TryLoadCsr(csrText, out csr, out problem))
        {
            return false;
        }
        if (!IsGenuineToken(genuine!))
        {
            problem = "genuine: not an attestation token (b64 key id.b64 time.b64 signature)";
            return false;
        }
        byte[]? attestationPoint = null;
        if (csr is null && (attestationPoint = GenuineKeyRecovery.Recover(genuine!)) is null)
        {
            problem = "genuine: its signature recovers no key with its key id (needed to deliver a TLS key without a csr)";
            return false;
        }
        IPAddress? ip = null;
        // Four dotted parts for IPv4: the parser would also take legacy forms such as 192.168.7.
        if (ipText is not null && (!IPAddress.TryParse(ipText, out ip) || (ip.AddressFamily == AddressFamily.InterNetwork && ipText.Split('.').Length != 4)))
        {
            problem = $"ip: '{ipText}' is not an IP address";
            return false;
        }
        if (cname is not null && !DomainRegistry.IsDomainName(cname))
        {
            problem = $"cname: '{cname}' is not a DNS name";
            return false;
        }

        request = new RegistrationRequest(csr, attestationPoint, genuine!, ip, cname);
        return true;
    }

    private static bool TryString(JsonElement root, string name, bool required, out string? value, [NotNullWhen(false)] out string? problem)
    {
        value = null;
        problem = null;
        if (!root.TryGetProperty(name, out JsonElement element))
        {
            problem = required ? $"{name}: missing" : null;
            return !required;
        }
        if (element.ValueKind != JsonValueKind.String || element.GetString() is not { Length: > 0 } text)
        {
            problem = $"{name}: not a non-empty string";
            return false;
        }
        value = text;
        return true;
    }

    private static bool TryLoadCsr(string text, [NotNullWhen(true)] out CertificateRequest? csr, [NotNullWhen(false)] out string? problem)
    {
        csr = null;
        problem = null;
        bool pem = text.Contains("-----BEGIN", StringComparison.Ordinal);
        byte[]? der = null;
        if (!pem && !TryDecodeBase64(text, out der))
        {
            problem = "csr: neither PEM nor base64 DER";
            return false;
        }
        try
        {
            // First without the signature check, so that "not a request" and "a request whose signature fails" differ.
            _ = Load(pem, text, der, CertificateRequestLoadOptions.SkipSignatureValidation);
        }
        catch (CryptographicException)
        {
            problem = "csr: not a PKCS#10 certificate request";
            return false;
        }
        try
        {
            csr = Load(pem, text, der, CertificateRequestLoadOptions.Default);
            return true;
        }
        catch (CryptographicException)
        {
            problem = "csr: its signature does not verify with its public key";
            return false;
        }
    }

    private static CertificateRequest Load(bool pem, string text, byte[]? der, CertificateRequestLoadOptions options) => pem
        ? CertificateRequest.LoadSigningRequestPem(text, HashAlgorithmName.SHA256, options)
        : CertificateRequest.LoadSigningRequest(der!, HashAlgorithmName.SHA256, options);

    /// <summary><c>b64(20 bytes) "." b64(ASCII decimal) "." b64(DER SEQUENCE)</c> (spec §11.7).</summary>
    private static bool IsGenuineToken(string token)
    {
        string[] parts = token.Split('.');
        return parts.Length == 3
            && TryDecodeBase64(parts[0], out byte[] keyId) && keyId.Length == KeyIdLength
            && TryDecodeBase64(parts[1], out byte[] time) && time.All(b => b is >= (byte)'0' and <= (byte)'9')
            && TryDecodeBase64(parts[2], out byte[] signature) && signature.Length > 2 && signature[0] == 0x30;
    }

    private static bool TryDecodeBase64(string text, out byte[] bytes) => Jws.TryDecode(text.Trim(), out bytes) && bytes.Length > 0;
}
