using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Tests.Tls;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.System;

[TestClass]
public sealed class SystemProvisioningTests
{
    private const string Path = "/api/system/config/provisioning";

    /// <summary>A device whose secure element has no certificate yet, and what the factory would send it.</summary>
    private static (TestDevice Device, string Genuine, string Crt) FactoryFresh()
    {
        var device = new TestDevice();
        device.Core.Flash.DeleteBlob(Attestation.CertificateBlob);
        var body = TestDevice.Json(device.Get("/api/system/config/attestation"));
        var crt = Convert.ToBase64String(TestCertificates.IssueFor(Convert.FromBase64String(body["key"]!.GetValue<string>())));
        return (device, body["genuine"]!.GetValue<string>(), crt);
    }

    [TestMethod]
    public void Stores_the_certificate_of_a_factory_fresh_secure_element()
    {
        var (device, genuine, crt) = FactoryFresh();
        using var _ = device;

        var response = device.Post(Path, new { genuine, crt }, tls: false);

        response.Status.Should().Be(200);
        response.Body.Should().BeEmpty();
        TestDevice.Json(device.Get("/api/system/config/attestation"))["crt"]!.GetValue<string>().Should().Be(crt);
    }

    [TestMethod]
    public void Initialised_device_answers_403_before_looking_at_the_fields()
    {
        using var device = new TestDevice();
        device.Provision().Status.Should().Be(200);
        var token = device.Login("system:config");
        var before = DeviceSnapshot.Take(device);

        // [T] test_4 sends exactly this body with a valid token.
        device.Post(Path, """{"crt":"not_importand","genuine":"not_importand"}""", token).Status.Should().Be(403);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Certificate_already_present_answers_406()
    {
        using var device = new TestDevice();
        var body = TestDevice.Json(device.Get("/api/system/config/attestation"));
        var stored = device.Core.Flash.ReadBlob(Attestation.CertificateBlob);

        device.Post(Path, new { genuine = body["genuine"]!.GetValue<string>(), crt = body["crt"]!.GetValue<string>() })
            .Status.Should().Be(406);
        device.Core.Flash.ReadBlob(Attestation.CertificateBlob).Should().Equal(stored);
    }

    [TestMethod]
    public void Certificate_for_another_public_key_answers_406()
    {
        var (device, genuine, _) = FactoryFresh();
        using var _d = device;

        device.Post(Path, new { genuine, crt = Convert.ToBase64String(TestCertificates.ForAnotherKey()) }).Status.Should().Be(406);
        device.Core.Flash.ReadBlob(Attestation.CertificateBlob).Should().BeNull();
    }

    [TestMethod]
    public void Genuine_token_of_another_secure_element_answers_406()
    {
        var (device, _, crt) = FactoryFresh();
        using var _d = device;
        using var other = new TestDevice(new HemDeviceOptions { Seed = "another device"u8.ToArray() });
        var foreign = other.Core.Attestation.GenuineToken(TestDevice.StartTime);

        device.Post(Path, new { genuine = foreign, crt }).Status.Should().Be(406);
        device.Core.Flash.ReadBlob(Attestation.CertificateBlob).Should().BeNull();
    }

    [TestMethod]
    [DataRow("""{"crt":"MIIB"}""", DisplayName = "genuine missing")]
    [DataRow("""{"genuine":"a.b.c"}""", DisplayName = "crt missing")]
    [DataRow("""{"genuine":"a.b","crt":"CRT"}""", DisplayName = "genuine not three parts")]
    [DataRow("""{"genuine":"a.b.c","crt":"not base64!"}""", DisplayName = "crt not base64")]
    [DataRow("""{"genuine":"a.b.c","crt":"MIIBAAAA"}""", DisplayName = "crt not a certificate")]
    [DataRow("""{"genuine":5,"crt":"CRT"}""", DisplayName = "genuine not a string")]
    [DataRow("""{"genuine":"a.b.c",""", DisplayName = "unparseable JSON")]
    public void Malformed_body_answers_400(string body)
    {
        var (device, _, crt) = FactoryFresh();
        using var _d = device;

        device.Post(Path, body.Replace("CRT", crt, StringComparison.Ordinal)).Status.Should().Be(400);
        device.Core.Flash.ReadBlob(Attestation.CertificateBlob).Should().BeNull();
    }

    [TestMethod]
    public void Latched_fault_answers_409()
    {
        var (device, genuine, crt) = FactoryFresh();
        using var _d = device;
        device.Core.LatchFault(0x04);

        device.Post(Path, new { genuine, crt }).Status.Should().Be(409);
        device.Core.Flash.ReadBlob(Attestation.CertificateBlob).Should().BeNull();
    }

    [TestMethod]
    public void Epa_build_has_no_provisioning_endpoint()
    {
        using var device = new TestDevice(new HemDeviceOptions { Variant = HardwareVariant.Epa });

        device.Post(Path, new { genuine = "a.b.c", crt = "x" }).Status.Should().Be(404);
    }
}
