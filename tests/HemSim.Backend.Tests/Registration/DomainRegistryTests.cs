using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Backend.Registration;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Backend.Tests.Registration;

/// <summary>
/// Certificate registration ([T] test_2 step i) against a real simulated device: its CSR in, a certificate from
/// the CA out, and the device accepts that certificate as its <c>tls</c> bundle.
/// </summary>
[TestClass]
public sealed class DomainRegistryTests
{
    [TestMethod]
    public void Register_issues_a_certificate_for_the_csr_key_and_the_domain_that_the_device_installs()
    {
        // Arrange
        using var rig = RegistrationRig.Create();
        var csrKey = CertificateRequest.LoadSigningRequestPem(rig.Csr, HashAlgorithmName.SHA256).PublicKey.ExportSubjectPublicKeyInfo();

        // Act
        var (status, answer) = rig.Register("cctest1700000000/any-auth-key", rig.Body());

        // Assert: the vendor's shape, passed on unchanged as {"tls": …}.
        status.Should().Be(200);
        answer!.Select(p => p.Key).Should().Equal("crt");
        using var issued = RegistrationRig.CertificateOf(answer!);
        issued.PublicKey.ExportSubjectPublicKeyInfo().Should().Equal(csrKey);
        issued.GetNameInfo(X509NameType.SimpleName, forIssuer: false).Should().Be(RegistrationRig.DeviceHostname);
        issued.IssuerName.RawData.Should().Equal(rig.Authority.SubjectName.RawData);
        var names = issued.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        names.EnumerateDnsNames().Should().Equal(RegistrationRig.DeviceHostname);
        names.EnumerateIPAddresses().Should().Equal(IPAddress.Parse("192.168.7.1"));
        issued.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority.Should().BeFalse();
        issued.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages[0].Value.Should().Be("1.3.6.1.5.5.7.3.1");
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(rig.Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.Build(issued).Should().BeTrue();

        var install = rig.Device.Post("/api/system/config", $$"""{"tls":{{answer!.ToJsonString()}}}""", rig.Token, tls: false);
        install.Status.Should().Be(200, "the device takes the backend's answer unchanged");
        TestDevice.Json(install)["reboot_required"]!.GetValue<bool>().Should().BeTrue();
    }

    [TestMethod]
    public void Register_names_a_whole_host_name_and_the_cname_of_an_epa()
    {
        using var rig = RegistrationRig.Create();
        var body = new JsonObject { ["csr"] = rig.Csr, ["genuine"] = rig.Genuine, ["cname"] = "c10.cloud.example.test" };

        var (status, answer) = rig.Register("HEM.Example.Test/k", body);

        status.Should().Be(200);
        using var issued = RegistrationRig.CertificateOf(answer!);
        issued.GetNameInfo(X509NameType.SimpleName, forIssuer: false).Should().Be("hem.example.test");
        var names = issued.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        names.EnumerateDnsNames().Should().Equal("hem.example.test", "c10.cloud.example.test");
        names.EnumerateIPAddresses().Should().BeEmpty();
    }

    [TestMethod]
    public void Register_accepts_the_csr_as_base64_der()
    {
        using var rig = RegistrationRig.Create();
        var der = CertificateRequest.LoadSigningRequestPem(rig.Csr, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.SkipSignatureValidation);
        var body = rig.Body();
        body["csr"] = Convert.ToBase64String(Convert.FromBase64String(rig.Csr[PemEncoding.Find(rig.Csr).Base64Data]));

        var (status, answer) = rig.Register("name/k", body);

        status.Should().Be(200);
        using var issued = RegistrationRig.CertificateOf(answer!);
        issued.PublicKey.ExportSubjectPublicKeyInfo().Should().Equal(der.PublicKey.ExportSubjectPublicKeyInfo());
    }

    [TestMethod]
    public void Check_says_404_while_a_name_is_free_and_200_once_registered()
    {
        using var rig = RegistrationRig.Create();

        var before = rig.Registry.Check("cctest1700000000");
        rig.Register("cctest1700000000/k", rig.Body()).Status.Should().Be(200);
        var after = rig.Registry.Check("CCTEST1700000000");

        before.Status.Should().Be(404);
        after.Status.Should().Be(200);
        JsonNode.Parse(after.Body)!["hostname"]!.GetValue<string>().Should().Be(RegistrationRig.DeviceHostname);
        rig.Registry.Check("cctest1700000000.ence.do").Status.Should().Be(200, "the prefix and the whole name are one domain");
        rig.Registry.Check("other").Status.Should().Be(404);
    }

    [TestMethod]
    [DataRow("x")]
    [DataRow("x/")]
    [DataRow("/k")]
    [DataRow("a/b/c")]
    [DataRow("")]
    public void Register_answers_404_for_a_path_that_is_not_name_and_authkey(string rest)
    {
        using var rig = RegistrationRig.Create();

        rig.Register(rest, rig.Body()).Status.Should().Be(404);
    }

    [TestMethod]
    [DataRow("a/b")]
    [DataRow("")]
    public void Check_answers_404_for_a_path_that_is_not_one_name(string rest)
    {
        using var rig = RegistrationRig.Create();

        rig.Registry.Check(rest).Status.Should().Be(404);
    }

    [TestMethod]
    [DataRow("not json", "the body is not JSON")]
    [DataRow("[1]", "the body is not a JSON object")]
    [DataRow("""{"csr":5,"genuine":"GENUINE"}""", "csr: not a non-empty string")]
    [DataRow("""{"csr":"","genuine":"GENUINE"}""", "csr: not a non-empty string")]
    [DataRow("""{"csr":"%%%","genuine":"GENUINE"}""", "csr: neither PEM nor base64 DER")]
    [DataRow("""{"csr":"MIIBAAAA","genuine":"GENUINE"}""", "csr: not a PKCS#10 certificate request")]
    [DataRow("""{"csr":"-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n","genuine":"GENUINE"}""", "csr: not a PKCS#10 certificate request")]
    [DataRow("""{"csr":"CSR"}""", "genuine: missing")]
    [DataRow("""{"csr":"CSR","genuine":true}""", "genuine: not a non-empty string")]
    [DataRow("""{"csr":"CSR","genuine":"abc"}""", "genuine: not an attestation token")]
    [DataRow("""{"csr":"CSR","genuine":"AAAA.MTIz.MEQ="}""", "genuine: not an attestation token")]
    [DataRow("""{"csr":"CSR","genuine":"GENUINE","ip":"192.168.7"}""", "ip: '192.168.7' is not an IP address")]
    [DataRow("""{"csr":"CSR","genuine":"GENUINE","ip":7}""", "ip: not a non-empty string")]
    [DataRow("""{"csr":"CSR","genuine":"GENUINE","cname":"a b"}""", "cname: 'a b' is not a DNS name")]
    public void Register_refuses_a_malformed_body_with_400_naming_the_field(string body, string problem)
    {
        // Arrange: CSR and GENUINE stand for the device's real values, so only the field under test is wrong.
        using var rig = RegistrationRig.Create();
        var text = body.Replace("\"CSR\"", RegistrationRig.Serialize(rig.Csr), StringComparison.Ordinal)
            .Replace("\"GENUINE\"", RegistrationRig.Serialize(rig.Genuine), StringComparison.Ordinal);

        // Act
        var (status, answer) = rig.Register("cctest1700000000/k", text);

        // Assert
        status.Should().Be(400);
        answer!["error"]!.GetValue<string>().Should().StartWith(problem);
        rig.Registry.Check("cctest1700000000").Status.Should().Be(404, "a refused registration registers nothing");
    }

    [TestMethod]
    public void Register_refuses_a_csr_whose_signature_does_not_verify()
    {
        // Arrange: one bit of the signature flipped.
        using var rig = RegistrationRig.Create();
        var fields = PemEncoding.Find(rig.Csr);
        var der = Convert.FromBase64String(rig.Csr[fields.Base64Data]);
        der[^3] ^= 0x01;
        var body = rig.Body();
        body["csr"] = PemEncoding.WriteString("CERTIFICATE REQUEST", der);

        // Act
        var (status, answer) = rig.Register("cctest1700000000/k", body);

        // Assert
        status.Should().Be(400);
        answer!["error"]!.GetValue<string>().Should().Be("csr: its signature does not verify with its public key");
    }

    [TestMethod]
    [DataRow("bad_name/k")]
    [DataRow("127.0.0.1/k")]
    [DataRow("a..b/k")]
    public void Register_refuses_a_name_that_is_no_domain_with_400(string rest)
    {
        using var rig = RegistrationRig.Create();

        var (status, answer) = rig.Register(rest, rig.Body());

        status.Should().Be(400);
        answer!["error"]!.GetValue<string>().Should().StartWith("name: ");
    }

    [TestMethod]
    public void HostnameOf_puts_a_prefix_under_the_vendor_domain_and_keeps_a_dotted_name()
    {
        DomainRegistry.HostnameOf("my").Should().Be("my.ence.do");
        DomainRegistry.HostnameOf("Hem.Local").Should().Be("hem.local");
        DomainRegistry.HostnameOf("").Should().BeNull();
        DomainRegistry.HostnameOf("::1").Should().BeNull();
    }
}
