using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HemSim.Backend.Registration;
using HemSim.TestKit;

namespace HemSim.Backend.Tests.Registration;

/// <summary>
/// A provisioned simulated device that made a CSR at provisioning (<c>gen_csr</c>, as [T] test_2 asks), and a
/// registry issuing from a test CA: what a certificate-registration test needs on both sides.
/// </summary>
internal sealed class RegistrationRig : IDisposable
{
    public const string DeviceHostname = "cctest1700000000.ence.do";

    private RegistrationRig(TestDevice device, X509Certificate2 authority, string csr, string genuine, string token)
    {
        Device = device;
        Authority = authority;
        Csr = csr;
        Genuine = genuine;
        Token = token;
        Registry = new DomainRegistry(new DeviceCertificateIssuer(authority, TimeProvider.System));
    }

    public TestDevice Device { get; }

    /// <summary>The test CA, with its private key.</summary>
    public X509Certificate2 Authority { get; }

    public DomainRegistry Registry { get; }

    /// <summary>The device's PEM CSR and attestation token from <c>POST /api/auth/init</c>.</summary>
    public string Csr { get; }

    public string Genuine { get; }

    /// <summary>The init token (scope <c>system:config</c>), as test_2 uses it for the <c>tls</c> install.</summary>
    public string Token { get; }

    public static RegistrationRig Create()
    {
        var device = new TestDevice();
        var init = TestDevice.Json(device.Provision(cfg =>
        {
            cfg["hostname"] = DeviceHostname;
            cfg["gen_csr"] = true;
        }));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Registration test CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var authority = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
        return new RegistrationRig(device, authority, init["csr"]!.GetValue<string>(), init["genuine"]!.GetValue<string>(),
            init["token"]!.GetValue<string>());
    }

    /// <summary>The vendor's PPA body: <c>{csr, genuine, ip}</c>.</summary>
    public JsonObject Body() => new() { ["csr"] = Csr, ["genuine"] = Genuine, ["ip"] = "192.168.7.1" };

    public (int Status, JsonObject? Json) Register(string rest, JsonObject body) => Register(rest, body.ToJsonString());

    public (int Status, JsonObject? Json) Register(string rest, string body)
    {
        var (status, answer) = Registry.Register(rest, Encoding.UTF8.GetBytes(body));
        return (status, answer.Length == 0 ? null : JsonNode.Parse(answer)!.AsObject());
    }

    /// <summary>The certificate of a 200 answer.</summary>
    public static X509Certificate2 CertificateOf(JsonObject answer) =>
        X509CertificateLoader.LoadCertificate(Convert.FromBase64String(answer["crt"]!.GetValue<string>()));

    public static string Serialize(object value) => JsonSerializer.Serialize(value);

    public void Dispose()
    {
        Device.Dispose();
        Authority.Dispose();
    }
}
