using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Http;

/// <summary>HTTPS trust: <c>--ca</c> is the only root, no CA means the system store, <c>--insecure</c> trusts anything.</summary>
[TestClass]
public sealed class HemClientTlsTests
{
    private const string Status = """{"ctx":0,"uptime":1,"temp":31,"fls_state":0}""";

    private static string s_folder = "";
    private static string s_caPem = "";
    private static string s_otherCaPem = "";
    private static X509Certificate2 s_server = null!;

    [ClassInitialize]
    public static void IssueCertificates(TestContext context)
    {
        s_folder = Directory.CreateTempSubdirectory("hemsim-cli-tls-").FullName;
        using ECDsa caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 ca = CreateCa(caKey, "CN=HemSim test CA");
        using ECDsa otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 other = CreateCa(otherKey, "CN=Some other CA");
        s_caPem = WritePem("ca.pem", ca);
        s_otherCaPem = WritePem("other-ca.pem", other);
        s_server = CreateServerCertificate(ca, caKey);
    }

    [ClassCleanup]
    public static void RemoveCertificates()
    {
        s_server.Dispose();
        Directory.Delete(s_folder, recursive: true);
    }

    [TestMethod]
    public async Task Server_certificate_issued_by_the_given_ca_is_trusted()
    {
        await using FakeHem hem = await StartAsync();

        CliResult result = await new CliInvocation().RunAsync("status", "--url", hem.UrlText, "--ca", s_caPem);

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Contain("initialised: yes");
    }

    [TestMethod]
    public async Task Ca_is_taken_from_HEMSIM_CA()
    {
        await using FakeHem hem = await StartAsync();
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_CA"] = s_caPem;

        CliResult result = await cli.RunAsync("status", "--url", hem.UrlText);

        result.ExitCode.Should().Be(0, result.Error);
    }

    [TestMethod]
    public async Task Server_certificate_from_another_ca_is_refused_with_exit_2()
    {
        await using FakeHem hem = await StartAsync();

        CliResult result = await new CliInvocation().RunAsync("status", "--url", hem.UrlText, "--ca", s_otherCaPem);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("certificate is not trusted").And.Contain("--ca");
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Server_certificate_is_refused_without_a_ca()
    {
        await using FakeHem hem = await StartAsync();

        CliResult result = await new CliInvocation().RunAsync("status", "--url", hem.UrlText);

        result.ExitCode.Should().Be(2);
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Server_certificate_for_another_host_name_is_refused_even_from_the_given_ca()
    {
        await using FakeHem hem = await StartAsync();
        string wrongHost = $"https://localhost:{hem.Url.Port}";

        CliResult result = await new CliInvocation().RunAsync("status", "--url", wrongHost, "--ca", s_caPem);

        result.ExitCode.Should().Be(2);
    }

    [TestMethod]
    public async Task Insecure_skips_validation_and_warns()
    {
        await using FakeHem hem = await StartAsync();

        CliResult result = await new CliInvocation().RunAsync("status", "--url", hem.UrlText, "--insecure");

        result.ExitCode.Should().Be(0, result.Error);
        result.Error.Should().StartWith("warning: --insecure");
    }

    [TestMethod]
    public async Task Missing_ca_file_is_a_usage_error()
    {
        CliResult result = await new CliInvocation().RunAsync(
            "status", "--url", "https://127.0.0.1:1", "--ca", Path.Combine(s_folder, "absent.pem"));

        result.ExitCode.Should().Be(1);
        result.Error.Should().StartWith("error: cannot read the CA certificate");
    }

    private static async Task<FakeHem> StartAsync()
    {
        FakeHem hem = await FakeHem.StartAsync(s_server);
        hem.On("GET", "/api/system/status", FakeReply.Json(Status));
        return hem;
    }

    private static X509Certificate2 CreateCa(ECDsa key, string subject)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 CreateServerCertificate(X509Certificate2 ca, ECDsa caKey)
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        byte[] serial = RandomNumberGenerator.GetBytes(8);
        using X509Certificate2 issued = request.Create(
            ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), serial);
        using X509Certificate2 withKey = issued.CopyWithPrivateKey(key);
        // A PKCS#12 round trip gives Kestrel a certificate whose key it can use on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null);
    }

    private static string WritePem(string name, X509Certificate2 certificate)
    {
        string path = Path.Combine(s_folder, name);
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }
}
