using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using FluentAssertions;
using HemSim.Firmware.Tls;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Org.BouncyCastle.Pkcs;

namespace HemSim.Firmware.Tests.Tls;

[TestClass]
public sealed class TlsIdentityTests
{
    private static JsonElement Bundle(object value) => JsonSerializer.SerializeToElement(value);

    [TestMethod]
    public void Fresh_device_has_a_tls_key_and_no_imported_certificate()
    {
        using var device = new TestDevice();

        var export = TlsIdentity.Export(device.Core, []);

        export.Should().NotBeNull();
        export!.Hostname.Should().Be("my.ence.do");
        export.Certificate.Should().BeNull();
        using var key = System.Security.Cryptography.ECDsa.Create();
        key.ImportPkcs8PrivateKey(export.PrivateKey, out _);
        key.ExportSubjectPublicKeyInfo().Should().Equal(device.Core.Tls.Key.PublicKeyInfo);
        device.Core.Flash.ReadBlob(TlsKey.Blob).Should().NotBeNull("the key is sealed in flash");
    }

    [TestMethod]
    public void Tls_key_survives_a_reboot_and_is_replaced_by_a_wipe()
    {
        using var device = new TestDevice();
        var first = device.Core.Tls.Key.PublicKeyInfo;

        device.Core.Reboot();
        device.Core.Tls.Key.PublicKeyInfo.Should().Equal(first);

        device.Core.Wipe();
        device.Core.Tls.Key.PublicKeyInfo.Should().NotEqual(first);
    }

    [TestMethod]
    public void Export_answers_null_while_the_tag_is_current()
    {
        using var device = new TestDevice();
        var export = TlsIdentity.Export(device.Core, [])!;

        TlsIdentity.Export(device.Core, export.Tag).Should().BeNull();
        device.Core.Reboot();
        TlsIdentity.Export(device.Core, export.Tag).Should().BeNull("a reboot alone changes nothing served");
    }

    [TestMethod]
    public void Installed_certificate_is_served_from_the_next_boot_on()
    {
        using var device = new TestDevice();
        var der = TestCertificates.IssueFor(device.Core.Tls.Key.PublicKeyInfo);
        var bundle = Bundle(new { crt = Convert.ToBase64String(der) });
        var before = TlsIdentity.Export(device.Core, [])!;

        TlsIdentity.IsValidBundle(device.Core, bundle).Should().BeTrue();
        TlsIdentity.Install(device.Core, bundle);

        TlsIdentity.Export(device.Core, before.Tag).Should().BeNull("reboot_required: nothing changes before the reboot");
        device.Core.Reboot();
        var after = TlsIdentity.Export(device.Core, before.Tag);
        after.Should().NotBeNull();
        after!.Certificate.Should().Equal(der);
    }

    [TestMethod]
    public void Wipe_forgets_the_imported_certificate()
    {
        using var device = new TestDevice();
        var der = TestCertificates.IssueFor(device.Core.Tls.Key.PublicKeyInfo);
        TlsIdentity.Install(device.Core, Bundle(new { crt = Convert.ToBase64String(der) }));
        device.Core.Reboot();

        device.Core.Wipe();

        device.Core.Tls.Certificate.Should().BeNull();
        device.Core.Flash.ReadBlob(TlsCredentials.CertificateBlob).Should().BeNull();
    }

    [TestMethod]
    public void Bundle_needs_a_parsable_der_certificate()
    {
        var der = TestCertificates.ForAnotherKey();
        TlsIdentity.IsValidBundle(Bundle(new { crt = Convert.ToBase64String(der) })).Should().BeTrue();
        TlsIdentity.IsValidBundle(Bundle(new { crt = Convert.ToBase64String(der).TrimEnd('=').Replace('+', '-').Replace('/', '_') }))
            .Should().BeTrue("§3.8: URL-safe base64 without padding is accepted");
        TlsIdentity.IsValidBundle(Bundle(new { crt = Convert.ToBase64String(der), key = "ignored", emp = "ignored" }))
            .Should().BeTrue("§22 #26: key and emp are accepted and ignored");

        TlsIdentity.IsValidBundle(Bundle(new { key = "x" })).Should().BeFalse("crt is required");
        TlsIdentity.IsValidBundle(Bundle(new { crt = 5 })).Should().BeFalse();
        TlsIdentity.IsValidBundle(Bundle(new { crt = "not base64!" })).Should().BeFalse();
        TlsIdentity.IsValidBundle(Bundle(new { crt = Convert.ToBase64String(der[..^10]) })).Should().BeFalse("truncated DER");
        TlsIdentity.IsValidBundle(Bundle(new { crt = Convert.ToBase64String("-----BEGIN CERTIFICATE-----"u8.ToArray()) })).Should().BeFalse("PEM is not DER");
        TlsIdentity.IsValidBundle(Bundle("crt")).Should().BeFalse("tls must be an object");
    }

    [TestMethod]
    public void Certificate_for_another_key_is_refused_and_never_served()
    {
        using var device = new TestDevice();
        var bundle = Bundle(new { crt = Convert.ToBase64String(TestCertificates.ForAnotherKey()) });

        TlsIdentity.IsValidBundle(device.Core, bundle).Should().BeFalse();

        // Written by other means anyway: the next boot serves a HemSim CA certificate instead.
        TlsIdentity.Install(device.Core, bundle);
        device.Core.Reboot();
        device.Core.Tls.Certificate.Should().BeNull();
    }

    [TestMethod]
    public void Csr_is_pkcs10_for_the_tls_key_with_the_hostname_as_common_name()
    {
        using var device = new TestDevice();
        device.Provision(cfg => cfg["hostname"] = "cctest1.ence.do").Status.Should().Be(200);

        var pem = TlsIdentity.CreateCsrPem(device.Core);

        pem.Should().StartWith("-----BEGIN CERTIFICATE REQUEST-----");
        var request = new Pkcs10CertificationRequest(Convert.FromBase64String(
            string.Concat(pem.Split('\n').Where(line => !line.StartsWith("-----", StringComparison.Ordinal)))));
        request.Verify().Should().BeTrue("signed by its own public key");
        var info = request.GetCertificationRequestInfo();
        info.Subject.ToString().Should().Be("CN=cctest1.ence.do");
        info.SubjectPublicKeyInfo.GetDerEncoded().Should().Equal(device.Core.Tls.Key.PublicKeyInfo);

        // .NET reads it too, with the same answer.
        var parsed = CertificateRequest.LoadSigningRequestPem(pem, System.Security.Cryptography.HashAlgorithmName.SHA256);
        parsed.SubjectName.Name.Should().Be("CN=cctest1.ence.do");
    }
}
