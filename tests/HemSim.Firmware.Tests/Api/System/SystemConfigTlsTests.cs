using FluentAssertions;
using HemSim.Firmware.Tests.Tls;
using HemSim.Firmware.Tls;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Org.BouncyCastle.Pkcs;

namespace HemSim.Firmware.Tests.Api.System;

/// <summary><c>tls</c> and <c>gen_csr</c> of <c>POST /api/system/config</c> (spec §11.6), through the real handler.</summary>
[TestClass]
public sealed class SystemConfigTlsTests
{
    private const string Path = "/api/system/config";

    private static (TestDevice Device, string Token) Provisioned(string hostname = "my.ence.do")
    {
        var device = new TestDevice();
        device.Provision(cfg => cfg["hostname"] = hostname).Status.Should().Be(200);
        return (device, device.Login("system:config"));
    }

    [TestMethod]
    public void Imported_certificate_needs_a_reboot_and_is_served_after_it()
    {
        var (device, token) = Provisioned();
        using var _ = device;
        var der = TestCertificates.IssueFor(device.Core.Tls.Key.PublicKeyInfo);

        var response = device.Post(Path, new { tls = new { crt = Convert.ToBase64String(der) } }, token, tls: false);

        response.Status.Should().Be(200);
        TestDevice.Json(response)["reboot_required"]!.GetValue<bool>().Should().BeTrue();
        device.Core.Tls.Certificate.Should().BeNull("this boot still serves the HemSim CA certificate");
        device.Core.Reboot();
        device.Core.Tls.Certificate.Should().Equal(der);
        TlsIdentity.Export(device.Core, [])!.Certificate.Should().Equal(der);
    }

    [TestMethod]
    public void Certificate_for_another_key_answers_400_and_changes_nothing()
    {
        var (device, token) = Provisioned();
        using var _ = device;
        var before = DeviceSnapshot.Take(device);

        var response = device.Post(Path, new { tls = new { crt = Convert.ToBase64String(TestCertificates.ForAnotherKey()) } }, token);

        response.Status.Should().Be(400);
        device.Core.Flash.ReadBlob(TlsCredentials.CertificateBlob).Should().BeNull();
        DeviceSnapshot.Take(device).Config.Should().Be(before.Config);
    }

    [TestMethod]
    [DataRow("not base64!")]
    [DataRow("MIIBAAAA")]
    [DataRow("")]
    public void Crt_that_is_not_a_certificate_answers_400(string crt)
    {
        var (device, token) = Provisioned();
        using var _ = device;

        device.Post(Path, new { tls = new { crt } }, token).Status.Should().Be(400);
        device.Core.Flash.ReadBlob(TlsCredentials.CertificateBlob).Should().BeNull();
    }

    [TestMethod]
    public void Key_and_emp_that_do_not_open_answer_400()
    {
        var (device, token) = Provisioned();
        using var _ = device;
        var der = TestCertificates.IssueFor(device.Core.Tls.Key.PublicKeyInfo);
        var key = new string('A', 24) + "." + new string('B', 88);

        device.Post(Path, new { tls = new { emp = "BAAA", key, crt = Convert.ToBase64String(der) } }, token).Status.Should().Be(400);
        device.Core.Flash.ReadBlob(TlsCredentials.CertificateBlob).Should().BeNull();
    }

    [TestMethod]
    public void Null_key_and_emp_count_as_absent()
    {
        var (device, token) = Provisioned();
        using var _ = device;
        var der = TestCertificates.IssueFor(device.Core.Tls.Key.PublicKeyInfo);

        device.Post(Path, $$$"""{"tls":{"emp":null,"key":null,"crt":"{{{Convert.ToBase64String(der)}}}"}}""", token).Status.Should().Be(200);
    }

    [TestMethod]
    public void Reposting_the_stored_certificate_is_no_change()
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _ = device;
        var tls = new { crt = Convert.ToBase64String(TestCertificates.IssueFor(device.Core.Tls.Key.PublicKeyInfo)) };
        TestDevice.Json(device.Post(Path, new { tls }, token))["updated"]!.GetValue<bool>().Should().BeTrue();
        var before = DeviceSnapshot.Take(device).Config;

        // Act
        var again = TestDevice.Json(device.Post(Path, new { tls }, token));

        // Assert: not updated, no reboot asked for, uts (and the whole stored configuration) unchanged.
        again["updated"]!.GetValue<bool>().Should().BeFalse();
        again.ContainsKey("reboot_required").Should().BeFalse();
        DeviceSnapshot.Take(device).Config.Should().Be(before);
    }

    [TestMethod]
    public void Gen_csr_answers_a_pkcs10_request_for_the_tls_key_and_the_hostname()
    {
        var (device, token) = Provisioned("cctest42.ence.do");
        using var _ = device;

        var response = device.Post(Path, new { gen_csr = true }, token);

        response.Status.Should().Be(200);
        var body = TestDevice.Json(response);
        var pem = body["csr"]!.GetValue<string>();
        body["genuine"]!.GetValue<string>().Split('.').Should().HaveCount(3);
        pem.Should().StartWith("-----BEGIN CERTIFICATE REQUEST-----\n").And.EndWith("-----END CERTIFICATE REQUEST-----\n");
        var request = new Pkcs10CertificationRequest(Convert.FromBase64String(
            string.Concat(pem.Split('\n').Where(line => !line.StartsWith("-----", StringComparison.Ordinal)))));
        request.Verify().Should().BeTrue();
        request.GetCertificationRequestInfo().Subject.ToString().Should().Be("CN=cctest42.ence.do");
        request.GetCertificationRequestInfo().SubjectPublicKeyInfo.GetDerEncoded().Should().Equal(device.Core.Tls.Key.PublicKeyInfo);
    }

    [TestMethod]
    public void Gen_csr_is_ignored_when_tls_comes_in_the_same_call()
    {
        var (device, token) = Provisioned();
        using var _ = device;
        var der = TestCertificates.IssueFor(device.Core.Tls.Key.PublicKeyInfo);

        var body = TestDevice.Json(device.Post(Path, new { gen_csr = true, tls = new { crt = Convert.ToBase64String(der) } }, token));

        body.ContainsKey("csr").Should().BeFalse();
    }

    [TestMethod]
    public void Fresh_device_takes_a_tls_bundle_without_a_token()
    {
        using var device = new TestDevice();
        var der = TestCertificates.IssueFor(device.Core.Tls.Key.PublicKeyInfo);

        var before = TlsIdentity.Export(device.Core, [])!;

        var response = device.Post(Path, new { tls = new { crt = Convert.ToBase64String(der) } }, tls: false);

        // Spec §11.6 (a): served at once, no reboot; the export tag changes, so the bridge picks it up.
        response.Status.Should().Be(200);
        device.Core.Tls.Certificate.Should().Equal(der);
        TlsIdentity.Export(device.Core, before.Tag)!.Certificate.Should().Equal(der);
        device.Core.Reboot();
        device.Core.Tls.Certificate.Should().Equal(der);
    }
}
