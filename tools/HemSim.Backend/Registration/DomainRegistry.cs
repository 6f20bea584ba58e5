using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace HemSim.Backend.Registration;

/// <summary>
/// The backend half of certificate registration at provisioning, in the shape the vendor tester uses it ([T] test_2
/// steps d and i; spec §7.1 step 8):
/// <list type="bullet">
/// <item><c>GET /domain/check/NAME</c>: 404 while NAME is free, 200 <c>{"hostname":…}</c> once registered here.</item>
/// <item><c>POST /domain/register/NAME/AUTHKEY</c> with <see cref="RegistrationRequest"/>: verifies the CSR, issues a
/// certificate from the HemSim CA for its public key and the domain (<see cref="DeviceCertificateIssuer"/>) and
/// answers 200 with the bundle the client passes on unchanged as <c>POST /api/system/config {"tls": …}</c>:
/// <c>{"crt":"&lt;b64 DER&gt;"}</c> (spec §11.6). Without a CSR (the tester's default) it makes a P-256 TLS key,
/// issues the certificate for it and answers <c>{"emp","key","crt"}</c>, the key encrypted to the device's
/// attestation key (<see cref="TlsKeyDelivery"/>).</item>
/// </list>
/// NAME is a prefix under the vendor's domain (<c>cctest1659620927</c> → <c>cctest1659620927.ence.do</c>), or — a
/// simulator extension for devices under other names — a whole host name when it contains a dot
/// (<c>hem.example.test</c>). AUTHKEY is the vendor's helper-API key; the stand-in has no accounts and accepts any
/// (never echoed or logged). The vendor may answer 201 <c>{"id"}</c> and have the client poll; the stand-in issues at
/// once, so it always answers 200. Registering a name again issues a new certificate (a renewal).
/// </summary>
/// <remarks>
/// Statuses: 200; 400 <c>{"error":"…"}</c> naming the refused part (NAME, body, <c>csr</c>, <c>genuine</c>,
/// <c>ip</c>, <c>cname</c>); 404 when the path is not <c>NAME/AUTHKEY</c> (register) or <c>NAME</c> (check).
/// </remarks>
internal sealed class DomainRegistry
{
    public const string RegisterPrefix = "/domain/register/";
    public const string CheckPrefix = "/domain/check/";

    /// <summary>The vendor's domain for device names ([T] test_2: <c>$new_prefix . ".ence.do"</c>).</summary>
    public const string VendorDomain = "ence.do";

    private readonly DeviceCertificateIssuer _issuer;
    private readonly ConcurrentDictionary<string, byte> _registered = new(StringComparer.OrdinalIgnoreCase);

    public DomainRegistry(DeviceCertificateIssuer issuer) => _issuer = issuer;

    /// <summary>The host name a registration for <paramref name="name"/> certifies, or null when it names none.</summary>
    public static string? HostnameOf(string name)
    {
        string hostname = (name.Contains('.', StringComparison.Ordinal) ? name : $"{name}.{VendorDomain}").ToLowerInvariant();
        return name.Length > 0 && IsDomainName(hostname) && Uri.CheckHostName(hostname) == UriHostNameType.Dns ? hostname : null;
    }

    /// <summary>
    /// A DNS host name (RFC 1123): dot-separated labels of 1–63 letters, digits and hyphens, not starting or ending
    /// with a hyphen, 253 characters at most, and not all-numeric at the end (that would be an IPv4 address).
    /// </summary>
    public static bool IsDomainName(string text)
    {
        string[] labels = text.Split('.');
        return text.Length <= 253
            && labels.All(label => label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-'
                && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            && !labels[^1].All(char.IsAsciiDigit);
    }

    /// <summary><c>POST /domain/register/</c> + <paramref name="rest"/> (<c>NAME/AUTHKEY</c>).</summary>
    public (int Status, byte[] Body) Register(string rest, byte[] body)
    {
        string[] segments = rest.Split('/');
        if (segments.Length != 2 || segments[0].Length == 0 || segments[1].Length == 0)
        {
            return (404, []);
        }
        if (HostnameOf(segments[0]) is not { } hostname)
        {
            return Refuse($"name: '{segments[0]}' is not a domain name prefix or host name");
        }
        if (!RegistrationRequest.TryParse(body, out RegistrationRequest? request, out string? problem))
        {
            return Refuse(problem);
        }

        var bundle = request.Csr is { } csr
            ? new Dictionary<string, string> { ["crt"] = Convert.ToBase64String(_issuer.Issue(csr.PublicKey, hostname, request.Cname, request.Ip)) }
            : DeliverKey(request.AttestationPoint!, hostname, request);
        _registered[hostname] = 0;
        return (200, JsonSerializer.SerializeToUtf8Bytes(bundle));
    }

    /// <summary>A new TLS key, its certificate, and the key encrypted to the attestation key: <c>{emp, key, crt}</c>.</summary>
    private Dictionary<string, string> DeliverKey(byte[] attestationPoint, string hostname, RegistrationRequest request)
    {
        using var tlsKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] certificate = _issuer.Issue(new PublicKey(tlsKey), hostname, request.Cname, request.Ip);
        byte[] scalar = tlsKey.ExportParameters(true).D!;
        try
        {
            var (emp, key) = TlsKeyDelivery.Seal(attestationPoint, scalar, certificate);
            return new Dictionary<string, string> { ["emp"] = emp, ["key"] = key, ["crt"] = Convert.ToBase64String(certificate) };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }
    }

    /// <summary><c>GET /domain/check/</c> + <paramref name="rest"/> (<c>NAME</c>).</summary>
    public (int Status, byte[] Body) Check(string rest)
    {
        if (rest.Length == 0 || rest.Contains('/', StringComparison.Ordinal))
        {
            return (404, []);
        }
        if (HostnameOf(rest) is not { } hostname)
        {
            return Refuse($"name: '{rest}' is not a domain name prefix or host name");
        }
        return _registered.ContainsKey(hostname)
            ? (200, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["hostname"] = hostname }))
            : (404, []);
    }

    private static (int Status, byte[] Body) Refuse(string problem) =>
        (400, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["error"] = problem }));
}
