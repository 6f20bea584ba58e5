using FluentAssertions;
using HemSim.Firmware.Tls;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Tls;

/// <summary>
/// <c>tls = {emp, key, crt}</c> of <c>POST /api/system/config</c> (spec §11.6) in HemSim's key-delivery scheme:
/// the device opens the key with its attestation key, checks it against <c>crt</c> and replaces its TLS key.
/// </summary>
[TestClass]
public sealed class TlsKeyDeliveryTests
{
    private const string Path = "/api/system/config";

    private static (TestDevice Device, string Token) Provisioned()
    {
        var device = new TestDevice();
        device.Provision(cfg => cfg["hostname"] = "my.ence.do").Status.Should().Be(200);
        return (device, device.Login("system:config"));
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void Delivered_key_replaces_the_tls_key_and_is_served_with_its_certificate_after_the_reboot(bool compressedEmp)
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _ = device;
        var bundle = DeliveredBundle.For(device.Core.Attestation.PublicKeyDer(), compressedEmp);
        var sealedBefore = device.Core.Flash.ReadBlob(TlsKey.Blob);
        var servedBefore = device.Core.Tls.ServedKey.PublicKeyInfo;

        // Act
        var response = device.Post(Path, new { tls = bundle.Json() }, token, tls: false);

        // Assert: stored (sealed, new), served from the next boot on.
        response.Status.Should().Be(200);
        TestDevice.Json(response)["reboot_required"]!.GetValue<bool>().Should().BeTrue();
        device.Core.Flash.ReadBlob(TlsKey.Blob).Should().NotEqual(sealedBefore);
        device.Core.Tls.Key.PublicKeyInfo.Should().Equal(bundle.PublicKeyInfo);
        device.Core.Tls.ServedKey.PublicKeyInfo.Should().Equal(servedBefore);
        device.Core.Reboot();
        device.Core.Tls.Key.PublicKeyInfo.Should().Equal(bundle.PublicKeyInfo, "the sealed key survives the reboot");
        device.Core.Tls.Certificate.Should().Equal(Convert.FromBase64String(bundle.Crt));
        var export = TlsIdentity.Export(device.Core, [])!;
        using var exported = System.Security.Cryptography.ECDsa.Create();
        exported.ImportPkcs8PrivateKey(export.PrivateKey, out var read);
        read.Should().Be(export.PrivateKey.Length);
        exported.ExportSubjectPublicKeyInfo().Should().Equal(bundle.PublicKeyInfo);
    }

    [TestMethod]
    [DataRow("key")]
    [DataRow("emp")]
    [DataRow("crt")]
    [DataRow("binding")]
    [DataRow("other attestation key")]
    [DataRow("emp alone")]
    [DataRow("key alone")]
    [DataRow("emp not a point")]
    public void Tampered_delivery_answers_400_and_changes_nothing(string tamper)
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _ = device;
        var attestation = device.Core.Attestation.PublicKeyDer();
        var good = DeliveredBundle.For(attestation);
        object tls = tamper switch
        {
            "key" => new { emp = good.Emp, key = Flip(good.Key, 30), crt = good.Crt },
            "emp" => new { emp = DeliveredBundle.For(attestation).Emp, key = good.Key, crt = good.Crt },
            "crt" => new { emp = good.Emp, key = good.Key, crt = DeliveredBundle.For(attestation).Crt },
            // A second certificate for the same key: the key is right, the binding is not.
            "binding" => new { emp = good.Emp, key = good.Key, crt = Convert.ToBase64String(TestCertificates.IssueFor(good.PublicKeyInfo, "other.example")) },
            "other attestation key" => DeliveredBundle.For(OtherAttestationKey()).Json(),
            "emp alone" => new { emp = good.Emp, crt = good.Crt },
            "key alone" => new { key = good.Key, crt = good.Crt },
            _ => new { emp = Convert.ToBase64String(new byte[65]), key = good.Key, crt = good.Crt },
        };
        var before = DeviceSnapshot.Take(device);
        var sealedKey = device.Core.Flash.ReadBlob(TlsKey.Blob);
        var storedKey = device.Core.Tls.Key.PublicKeyInfo;

        // Act
        var response = device.Post(Path, new { tls }, token, tls: false);

        // Assert
        response.Status.Should().Be(400);
        device.Core.Flash.ReadBlob(TlsKey.Blob).Should().Equal(sealedKey);
        device.Core.Flash.ReadBlob(TlsCredentials.CertificateBlob).Should().BeNull();
        device.Core.Tls.Key.PublicKeyInfo.Should().Equal(storedKey);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Fresh_device_serves_a_delivered_bundle_at_once()
    {
        using var device = new TestDevice();
        var bundle = DeliveredBundle.For(device.Core.Attestation.PublicKeyDer());
        var before = TlsIdentity.Export(device.Core, [])!;

        var response = device.Post(Path, new { tls = bundle.Json() }, tls: false);

        response.Status.Should().Be(200);
        var now = TlsIdentity.Export(device.Core, before.Tag);
        now.Should().NotBeNull("the tag changed, so the bridge takes the new identity at its next handshake");
        now!.Certificate.Should().Equal(Convert.FromBase64String(bundle.Crt));
        device.Core.Tls.ServedKey.PublicKeyInfo.Should().Equal(bundle.PublicKeyInfo);
    }

    [TestMethod]
    public void Reposting_the_delivered_bundle_is_no_change()
    {
        var (device, token) = Provisioned();
        using var _ = device;
        var bundle = DeliveredBundle.For(device.Core.Attestation.PublicKeyDer());
        device.Post(Path, new { tls = bundle.Json() }, token, tls: false).Status.Should().Be(200);
        var uts = device.Core.Config!.Uts;
        var sealedKey = device.Core.Flash.ReadBlob(TlsKey.Blob);

        var again = TestDevice.Json(device.Post(Path, new { tls = bundle.Json() }, token, tls: false));

        again["updated"]!.GetValue<bool>().Should().BeFalse();
        again.ContainsKey("reboot_required").Should().BeFalse();
        device.Core.Config!.Uts.Should().Be(uts);
        device.Core.Flash.ReadBlob(TlsKey.Blob).Should().Equal(sealedKey);
    }

    private static string Flip(string text, int index)
    {
        var chars = text.ToCharArray();
        chars[index] = chars[index] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    private static byte[] OtherAttestationKey()
    {
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        return other.ExportSubjectPublicKeyInfo();
    }
}
