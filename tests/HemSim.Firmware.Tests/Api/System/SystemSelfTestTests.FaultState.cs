using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.System;

/// <summary>Which endpoints a latched fault closes (spec §20.2, §22 #17) and what a reboot clears.</summary>
public sealed partial class SystemSelfTestTests
{
    [TestMethod]
    [DataRow("GET", "/api/auth/token")]
    [DataRow("POST", "/api/auth/token")]
    [DataRow("GET", "/api/keymgmt/list")]
    [DataRow("POST", "/api/keymgmt/create")]
    [DataRow("GET", "/api/keymgmt/get/00112233445566778899aabbccddeeff")]
    [DataRow("POST", "/api/crypto/hmac/hash")]
    [DataRow("POST", "/api/crypto/exdsa/sign")]
    [DataRow("GET", "/api/logger/key")]
    [DataRow("GET", "/api/logger/list")]
    [DataRow("GET", "/api/system/config")]
    [DataRow("POST", "/api/system/config")]
    [DataRow("GET", "/api/system/config/attestation")]
    public void Injected_entropy_fault_closes_the_endpoint_with_409(string method, string path)
    {
        // Arrange: the control channel's InjectFault latches the bits directly (HemDevice.InjectFaultAsync).
        using var device = Provisioned();
        var token = device.Login("system:config");
        device.Core.LatchFault(0x02);
        var before = DeviceSnapshot.Take(device);

        // Act: 409 comes before the token and scope checks (spec §3.3), so any token shows it.
        var response = method == "GET" ? device.Get(path, token) : device.Post(path, new { }, token);

        // Assert
        response.Status.Should().Be(409);
        response.Body.Should().BeEmpty();
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    [DataRow("/api/system/status")]
    [DataRow("/api/system/version")]
    [DataRow("/api/system/selftest")]
    [DataRow("/api/system/checkin")]
    public void Injected_entropy_fault_leaves_the_endpoint_available(string path)
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        device.Core.LatchFault(0x02);

        // Act
        var response = device.Get(path, token, tls: false);

        // Assert
        response.Status.Should().Be(200);
    }

    [TestMethod]
    public void Status_and_selftest_report_the_entropy_bit_and_a_reboot_clears_it()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:shutdown");
        device.Core.LatchFault(0x02);
        var selftest = SelfTest(device, token);
        var status = TestDevice.Json(device.Get("/api/system/status"));

        // Act: reboot works while faulted (spec §11.18) and clears the bits (spec §20.2).
        var reboot = device.Get("/api/system/reboot", token, tls: false);

        // Assert
        selftest["fls_state"]!.GetValue<int>().Should().Be(0x02);
        status["fls_state"]!.GetValue<int>().Should().Be(0x02);
        reboot.Status.Should().Be(200);
        TestDevice.Json(device.Get("/api/system/status"))["fls_state"]!.GetValue<int>().Should().Be(0);
        device.Login("keymgmt:gen").Should().NotBeEmpty("login answers again once the fault is gone");
    }

    [TestMethod]
    public void Shutdown_answers_while_a_fault_is_latched()
    {
        using var device = Provisioned();
        var token = device.Login("system:shutdown");
        device.Core.LatchFault(0x02);

        var response = device.Get("/api/system/shutdown", token);

        response.Status.Should().Be(200);
        response.Flags.Should().HaveFlag(ResponseFlags.ShutdownAfterReply);
    }

    [TestMethod]
    public void Latching_an_entropy_fault_logs_TRNG_FAILED_then_NON_SECURE_STATE_once()
    {
        // Arrange
        using var device = Provisioned();
        var linesBefore = device.AuditLines().Count;

        // Act
        device.Core.LatchFault(0x02);
        device.Core.LatchFault(0x04);

        // Assert: spec §20.2, entering the fault state is logged once; later bits only add to the mask.
        device.AuditLines().Skip(linesBefore).Select(l => (l.Type, l.Result)).Should().Equal((TrngFailed, 0), (NonSecureState, 0));
        device.Core.Boot.FaultState.Should().Be(0x06);
    }
}
