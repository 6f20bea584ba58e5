using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class AttestationCommandTests
{
    private const string Genuine = "AAECAwQFBgcICQoLDA0ODxAREhM=.MTc2NDAwMDAwMA==.MEQCIA==";

    private static byte[] AttestationCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=HemSim Secure Element 00, O=HemSim", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(Enumerable.Range(0, 20).Select(i => (byte)i).ToArray(), false));
        using var certificate = request.CreateSelfSigned(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2120, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return certificate.RawData;
    }

    [TestMethod]
    public async Task Attestation_prints_the_certificate_and_the_genuine_token_and_writes_the_der()
    {
        // Arrange
        var der = AttestationCertificate();
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/config/attestation", FakeReply.Json($$"""{"crt":"{{Convert.ToBase64String(der)}}","genuine":"{{Genuine}}"}"""));
        var file = Path.Combine(Path.GetTempPath(), $"hemsim-attestation-{Guid.NewGuid():N}.der");

        try
        {
            // Act
            CliResult result = await new CliInvocation().RunAsync("attestation", "--url", hem.UrlText, "--token", "any-scope", "--out", file);

            // Assert
            result.ExitCode.Should().Be(0, result.Error);
            hem.Requests.Should().ContainSingle().Which.Authorization.Should().Be("Bearer any-scope");
            result.Out.Should().Contain("subject:     CN=HemSim Secure Element 00, O=HemSim\n")
                .And.Contain("issuer:      CN=HemSim Secure Element 00, O=HemSim\n")
                .And.Contain("valid:       2020-01-01 to 2120-01-01\n")
                .And.Contain("ski:         000102030405060708090a0b0c0d0e0f10111213\n")
                .And.Contain($"genuine:     {Genuine}\n");
            File.ReadAllBytes(file).Should().Equal(der);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public async Task Fresh_secure_element_prints_its_csr_and_key_and_needs_no_token_on_a_fresh_device()
    {
        // Arrange
        const string Csr = "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n";
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/status", FakeReply.Json("""{"inited":false,"ctx":0,"uptime":3,"temp":31,"fls_state":0}"""));
        hem.On("GET", "/api/system/config/attestation",
            FakeReply.Json($$"""{"csr":"{{Csr.Replace("\n", "\\n", StringComparison.Ordinal)}}","key":"MFkw","genuine":"{{Genuine}}"}"""));
        var file = Path.Combine(Path.GetTempPath(), $"hemsim-attestation-{Guid.NewGuid():N}.pem");

        try
        {
            // Act
            CliResult result = await new CliInvocation().RunAsync("attestation", "--url", hem.UrlText, "--out", file);

            // Assert
            result.ExitCode.Should().Be(0, result.Error);
            hem.Requests[1].Authorization.Should().BeNull();
            result.Out.Should().StartWith("certificate: none (factory-fresh secure element); its request:\n" + Csr + "key:         MFkw\n");
            File.ReadAllText(file).Should().Be(Csr);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public async Task Json_prints_the_answer_as_it_came()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        var body = $$"""{"crt":"{{Convert.ToBase64String(AttestationCertificate())}}","genuine":"{{Genuine}}"}""";
        hem.On("GET", "/api/system/config/attestation", FakeReply.Json(body));

        CliResult result = await new CliInvocation().RunAsync("attestation", "--url", hem.UrlText, "--token", "t", "--json");

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Be(body + "\n");
    }

    [TestMethod]
    [DataRow(401, "pass a token")]
    [DataRow(404, "EPA")]
    [DataRow(409, "a fault is latched")]
    public async Task Refusals_carry_a_hint(int status, string hint)
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/config/attestation", FakeReply.Status(status));

        CliResult result = await new CliInvocation().RunAsync("attestation", "--url", hem.UrlText, "--token", "t");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain(hint);
    }
}
