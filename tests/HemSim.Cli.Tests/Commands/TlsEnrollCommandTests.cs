using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Cli.Commands;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class TlsEnrollCommandTests
{
    private const string Csr = "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n";
    private const string Genuine = "AAECAwQFBgcICQoLDA0ODxAREhM=.MTc2NDAwMDAwMA==.MEQCIA==";
    private const string Status = """{"ctx":0,"uptime":3,"temp":31,"fls_state":0}""";

    private static string Bundle()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=cctest1.ence.do", key, HashAlgorithmName.SHA256);
        using var certificate = request.Create(new X500DistinguishedName("CN=Test CA"), X509SignatureGenerator.CreateForECDsa(key),
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 2, 2, 3, 4, 5, TimeSpan.Zero), [0x0a, 0xbc]);
        return $$"""{"crt":"{{Convert.ToBase64String(certificate.RawData)}}"}""";
    }

    /// <summary>An initialised device with <paramref name="hostname"/> and a backend issuing <paramref name="bundle"/>.</summary>
    private static async Task<(FakeHem Device, FakeHem Backend)> StartAsync(string bundle, string hostname = "cctest1.ence.do", string name = "cctest1")
    {
        FakeHem device = await FakeHem.StartAsync();
        device.On("GET", "/api/system/status", FakeReply.Json(Status))
            .On("GET", "/api/system/config", FakeReply.Json($$"""{"user":"u","hostname":"{{hostname}}"}"""))
            .On("POST", "/api/system/config", request => request.Body.Contains("gen_csr", StringComparison.Ordinal)
                ? FakeReply.Json($$"""{"updated":false,"csr":"{{Csr.Replace("\n", "\\n", StringComparison.Ordinal)}}","genuine":"{{Genuine}}"}""")
                : FakeReply.Json("""{"updated":true,"reboot_required":true}"""))
            .On("GET", "/api/system/reboot", FakeReply.Status(200));
        FakeHem backend = await FakeHem.StartAsync();
        backend.On("POST", $"/domain/register/{name}/hemsim", FakeReply.Json(bundle));
        return (device, backend);
    }

    [TestMethod]
    public async Task Enroll_gets_a_csr_registers_it_and_installs_the_backend_bundle_unchanged()
    {
        // Arrange
        var bundle = Bundle();
        var (device, backend) = await StartAsync(bundle);
        await using var _ = device;
        await using var __ = backend;

        // Act
        CliResult result = await new CliInvocation().RunAsync("tls", "enroll", "--url", device.UrlText, "--token", "T", "--backend", backend.UrlText);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        device.Requests.Select(r => $"{r.Method} {r.Path}").Should().Equal(
            "GET /api/system/status", "GET /api/system/config", "POST /api/system/config", "POST /api/system/config");
        device.Requests.Skip(1).Should().OnlyContain(r => r.Authorization == "Bearer T");
        device.Requests[2].Body.Should().Be("""{"gen_csr":true}""");
        device.Requests[3].Body.Should().Be($$"""{"tls":{{bundle}}}""");
        var registration = backend.Requests.Should().ContainSingle().Subject;
        registration.Path.Should().Be("/domain/register/cctest1/hemsim");
        registration.ContentType.Should().Be("application/json");
        var sent = JsonNode.Parse(registration.Body)!.AsObject();
        sent.Select(p => p.Key).Should().Equal("csr", "genuine", "ip");
        sent["csr"]!.GetValue<string>().Should().Be(Csr);
        sent["genuine"]!.GetValue<string>().Should().Be(Genuine);
        sent["ip"]!.GetValue<string>().Should().Be("127.0.0.1", "the device is reached at that address");
        result.Out.Should().Be(
            $"csr:       made by the device for cctest1.ence.do{Environment.NewLine}" +
            $"issued:    CN=cctest1.ence.do, serial 0abc, valid until 2027-02-02T03:04:05Z, by {backend.UrlText}{Environment.NewLine}" +
            $"installed: served from the next boot (hemsim reboot, or pass --reboot){Environment.NewLine}");
    }

    [TestMethod]
    public async Task Enroll_with_reboot_reboots_with_the_same_token()
    {
        var (device, backend) = await StartAsync(Bundle());
        await using var _ = device;
        await using var __ = backend;

        CliResult result = await new CliInvocation().RunAsync("tls", "enroll", "--reboot", "--url", device.UrlText, "--token", "T", "--backend", backend.UrlText);

        result.ExitCode.Should().Be(0, result.Error);
        device.Requests[^1].Should().Match<RecordedRequest>(r => r.Method == "GET" && r.Path == "/api/system/reboot" && r.Authorization == "Bearer T");
        result.Out.Should().Contain("installed: the device is rebooting to serve it");
    }

    [TestMethod]
    public async Task Enroll_with_json_prints_the_installed_bundle()
    {
        var bundle = Bundle();
        var (device, backend) = await StartAsync(bundle);
        await using var _ = device;
        await using var __ = backend;

        CliResult result = await new CliInvocation().RunAsync("tls", "enroll", "--json", "--url", device.UrlText, "--token", "T", "--backend", backend.UrlText);

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Trim().Should().Be(bundle);
    }

    [TestMethod]
    public async Task Enroll_takes_backend_and_auth_key_from_the_environment_and_sends_a_whole_hostname()
    {
        // Arrange: the check-in URL of the environment names the backend; only its origin counts.
        var (device, backend) = await StartAsync(Bundle(), hostname: "hem.example.test", name: "hem.example.test");
        await using var _ = device;
        await using var __ = backend;
        backend.On("POST", "/domain/register/hem.example.test/s3cret", FakeReply.Json(Bundle()));
        var cli = new CliInvocation();
        cli.Environment[CheckinCommand.BackendVariable] = backend.UrlText + "/checkin";
        cli.Environment[TlsEnrollCommand.AuthKeyVariable] = "s3cret";

        // Act
        CliResult result = await cli.RunAsync("tls", "enroll", "--url", device.UrlText, "--token", "T");

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        backend.Requests.Should().ContainSingle().Which.Path.Should().Be("/domain/register/hem.example.test/s3cret");
        result.AllOutput.Should().NotContain("s3cret", "the auth key is a credential");
    }

    [TestMethod]
    public async Task Enroll_sends_cname_when_the_device_is_reached_by_name()
    {
        var (device, backend) = await StartAsync(Bundle());
        await using var _ = device;
        await using var __ = backend;

        CliResult result = await new CliInvocation().RunAsync("tls", "enroll", "--url", $"http://localhost:{device.Url.Port}", "--token", "T", "--backend", backend.UrlText);

        result.ExitCode.Should().Be(0, result.Error);
        JsonNode.Parse(backend.Requests.Single().Body)!["cname"]!.GetValue<string>().Should().Be("localhost");
    }

    [TestMethod]
    public async Task Enroll_refuses_a_fresh_device_before_any_config_request()
    {
        var (device, backend) = await StartAsync(Bundle());
        await using var _ = device;
        await using var __ = backend;
        device.On("GET", "/api/system/status", FakeReply.Json("""{"inited":false,"ctx":0}"""));

        CliResult result = await new CliInvocation().RunAsync("tls", "enroll", "--url", device.UrlText, "--token", "T", "--backend", backend.UrlText);

        result.ExitCode.Should().Be(ExitCodes.Failure);
        result.Error.Should().Contain("not initialised").And.Contain("hemsim init");
        device.Requests.Should().ContainSingle();
        backend.Requests.Should().BeEmpty();
    }

    [TestMethod]
    [DataRow(400, """{"error":"csr: its signature does not verify with its public key"}""", "the backend refused the registration: csr: its signature does not verify")]
    [DataRow(400, "", "the backend refused the registration: 400 without a reason")]
    [DataRow(401, "", "the backend refused the auth key (401): pass the one it expects with --auth-key")]
    [DataRow(201, """{"id":"42"}""", "the backend queued the registration (201)")]
    [DataRow(500, "", "answered 500")]
    [DataRow(200, """{"key":"x"}""", "has no \"crt\" string")]
    public async Task Enroll_stops_when_the_backend_does_not_issue_and_installs_nothing(int status, string body, string message)
    {
        // Arrange
        var (device, backend) = await StartAsync(Bundle());
        await using var _ = device;
        await using var __ = backend;
        backend.On("POST", "/domain/register/cctest1/hemsim", new FakeReply(status, body));

        // Act
        CliResult result = await new CliInvocation().RunAsync("tls", "enroll", "--url", device.UrlText, "--token", "T", "--backend", backend.UrlText);

        // Assert
        result.ExitCode.Should().Be(ExitCodes.Failure);
        result.Error.Should().Contain(message);
        device.Requests.Where(r => r.Method == "POST").Should().ContainSingle("only the CSR request reached the device");
    }

    [TestMethod]
    public async Task Enroll_explains_a_device_refusing_the_certificate()
    {
        var (device, backend) = await StartAsync(Bundle());
        await using var _ = device;
        await using var __ = backend;
        device.On("POST", "/api/system/config", request => request.Body.Contains("gen_csr", StringComparison.Ordinal)
            ? FakeReply.Json($$"""{"updated":false,"csr":"x","genuine":"{{Genuine}}"}""")
            : FakeReply.Status(400));

        CliResult result = await new CliInvocation().RunAsync("tls", "enroll", "--reboot", "--url", device.UrlText, "--token", "T", "--backend", backend.UrlText);

        result.ExitCode.Should().Be(ExitCodes.Failure);
        result.Error.Should().Contain("error: 400").And.Contain("hint: the device refused the certificate: it must certify the device's own TLS key");
        device.Requests.Should().NotContain(r => r.Path == "/api/system/reboot");
    }

    [TestMethod]
    public async Task Enroll_refuses_a_backend_that_is_no_url()
    {
        CliResult result = await new CliInvocation().RunAsync("tls", "enroll", "--url", "http://127.0.0.1:1", "--token", "T", "--backend", "api.encedo.com");

        result.ExitCode.Should().Be(ExitCodes.Failure);
        result.Error.Should().Contain("--backend must be an absolute https:// URL");
    }

    [TestMethod]
    [DataRow("my.ence.do", "my")]
    [DataRow("CCTEST1.ENCE.DO", "CCTEST1")]
    [DataRow("a.b.ence.do", "a.b.ence.do")]
    [DataRow("ence.do", "ence.do")]
    [DataRow("hem.local", "hem.local")]
    public void Registration_name_is_the_prefix_under_ence_do_or_the_whole_hostname(string hostname, string name)
    {
        TlsEnrollCommand.RegistrationName(hostname).Should().Be(name);
    }
}
