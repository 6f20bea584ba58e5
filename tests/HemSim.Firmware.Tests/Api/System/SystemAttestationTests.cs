using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Tls;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.System;

[TestClass]
public sealed class SystemAttestationTests
{
    private const string Path = "/api/system/config/attestation";

    [TestMethod]
    public void Fresh_device_answers_the_factory_certificate_without_a_token()
    {
        using var device = new TestDevice();

        var response = device.Get(Path, tls: false);

        response.Status.Should().Be(200);
        var body = TestDevice.Json(response);
        body.Select(p => p.Key).Should().Equal("crt", "genuine");
        using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(body["crt"]!.GetValue<string>()));
        device.Core.Attestation.Certifies(certificate).Should().BeTrue();
    }

    [TestMethod]
    public void Attestation_certificate_chains_to_the_attestation_test_root()
    {
        using var device = new TestDevice();
        var body = TestDevice.Json(device.Get(Path));
        using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(body["crt"]!.GetValue<string>()));
        using var root = AttestationRoot.LoadCertificate();

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;

        chain.Build(certificate).Should().BeTrue(string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        chain.ChainElements[^1].Certificate.Thumbprint.Should().Be(root.Thumbprint);
        certificate.Issuer.Should().Be(AttestationRoot.Subject);
    }

    [TestMethod]
    public void Genuine_token_carries_the_certificate_ski_and_verifies_with_its_key()
    {
        using var device = new TestDevice();
        var body = TestDevice.Json(device.Get(Path));
        using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(body["crt"]!.GetValue<string>()));
        var parts = body["genuine"]!.GetValue<string>().Split('.');

        parts.Should().HaveCount(3);
        var ski = certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray();
        Convert.FromBase64String(parts[0]).Should().Equal(ski).And.HaveCount(20);
        long.Parse(global::System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(parts[1])), global::System.Globalization.CultureInfo.InvariantCulture)
            .Should().Be(TestDevice.StartTime);
        using var key = certificate.GetECDsaPublicKey()!;
        key.VerifyData(global::System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Convert.FromBase64String(parts[2]),
            global::System.Security.Cryptography.HashAlgorithmName.SHA256,
            global::System.Security.Cryptography.DSASignatureFormat.Rfc3279DerSequence).Should().BeTrue();
    }

    [TestMethod]
    public void Factory_fresh_secure_element_answers_a_csr_and_its_public_key()
    {
        using var device = new TestDevice();
        device.Core.Flash.DeleteBlob(Attestation.CertificateBlob);

        var body = TestDevice.Json(device.Get(Path));

        body.Select(p => p.Key).Should().Equal("csr", "key", "genuine");
        var key = Convert.FromBase64String(body["key"]!.GetValue<string>());
        key.Should().Equal(device.Core.Attestation.PublicKeyDer());
        var csr = CertificateRequest.LoadSigningRequestPem(body["csr"]!.GetValue<string>(),
            global::System.Security.Cryptography.HashAlgorithmName.SHA256);
        csr.PublicKey.ExportSubjectPublicKeyInfo().Should().Equal(key);
    }

    [TestMethod]
    public void Initialised_device_answers_401_without_a_token()
    {
        using var device = new TestDevice();
        device.Provision().Status.Should().Be(200);

        device.Get(Path).Status.Should().Be(401);
    }

    [TestMethod]
    [DataRow("system:reboot")]
    [DataRow("system:config")]
    [DataRow("keymgmt:list")]
    public void Any_valid_token_is_enough_whatever_its_scope(string scope)
    {
        using var device = new TestDevice();
        device.Provision().Status.Should().Be(200);
        var token = device.Login(scope);
        var before = device.AuditFile().Count;

        device.Get(Path, token, tls: false).Status.Should().Be(200);
        device.AuditFile().Should().HaveCount(before, "no scope check, so no FAILED_SCOPE_CHECK line");
    }

    [TestMethod]
    public void Forged_token_answers_401()
    {
        using var device = new TestDevice();

        device.Get(Path, "e30.e30.AAAA").Status.Should().Be(401);
    }

    [TestMethod]
    public void Latched_fault_answers_409()
    {
        using var device = new TestDevice();
        device.Provision().Status.Should().Be(200);
        var token = device.Login("system:config");
        device.Core.LatchFault(0x04);

        device.Get(Path, token).Status.Should().Be(409);
    }

    [TestMethod]
    public void Epa_build_has_no_attestation_endpoint()
    {
        using var device = new TestDevice(new HemDeviceOptions { Variant = HardwareVariant.Epa });

        device.Get(Path).Status.Should().Be(404);
    }

    [TestMethod]
    public void Attestation_certificate_survives_a_wipe()
    {
        using var device = new TestDevice();
        var before = TestDevice.Json(device.Get(Path))["crt"]!.GetValue<string>();

        device.Core.Wipe();

        TestDevice.Json(device.Get(Path))["crt"]!.GetValue<string>().Should().Be(before);
    }
}
