using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Diag.DiagRig;

namespace HemSim.Firmware.Tests.Api.Diag;

/// <summary><c>/api/diag/*</c> G1–G7 (spec §16): presence, liveness, TRNG sample, armed faults and wipe.</summary>
[TestClass]
public sealed class DiagTests
{
    [TestMethod]
    [DataRow("/api/diag/test")]
    [DataRow("/api/diag/test_trng")]
    [DataRow("/api/diag/break_temp")]
    [DataRow("/api/diag/break_trng")]
    [DataRow("/api/diag/break_tls")]
    [DataRow("/api/diag/disable_selftest")]
    [DataRow("/api/diag/wipe_config")]
    [DataRow("/api/diag/corrupt_repo/135266304")]
    [DataRow("/api/diag/memdump/135266304/64")]
    public void Every_diag_path_answers_404_on_a_production_build(string path)
    {
        // Arrange
        using var device = Provisioned(diag: false);
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Get(path);

        // Assert
        response.Status.Should().Be(404);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void Test_answers_200_empty_over_https_and_http_without_a_token(bool tls)
    {
        using var device = Provisioned();

        var response = device.Get("/api/diag/test", tls: tls);

        response.Status.Should().Be(200);
        response.Body.Should().BeEmpty();
    }

    [TestMethod]
    public void Test_trng_answers_8192_bytes_from_the_entropy_source()
    {
        using var device = Provisioned();

        var response = device.Get("/api/diag/test_trng", tls: false);

        response.Status.Should().Be(200);
        var json = TestDevice.Json(response);
        json.Select(p => p.Key).Should().Equal("rnd");
        var rnd = Convert.FromBase64String(json["rnd"]!.GetValue<string>());
        rnd.Should().HaveCount(8192);
        rnd.Distinct().Count().Should().BeGreaterThan(200, "a CSPRNG sample of 8 KiB covers nearly every byte value");
    }

    [TestMethod]
    public void Break_temp_latches_the_temperature_bit_and_logs_non_secure_state()
    {
        // Arrange
        using var device = Provisioned();
        var config = device.Login("system:config");
        var linesBefore = device.AuditLines().Count;

        // Act
        var response = device.Get("/api/diag/break_temp");

        // Assert
        response.Status.Should().Be(200);
        response.Body.Should().BeEmpty();
        FaultState(device).Should().Be(0x04);
        device.AuditLines().Skip(linesBefore).Select(l => (l.Type, l.Result)).Should().Equal((NonSecureState, 0));
        RunSelfTest(device, config)["fls_state"]!.GetValue<int>().Should().Be(0x04, "the broken sensor is found again");
    }

    [TestMethod]
    public void Break_trng_answers_the_state_before_the_call_then_latches_the_entropy_bit()
    {
        // Arrange
        using var device = Provisioned();
        device.Get("/api/diag/test_trng").Status.Should().Be(200);
        var linesBefore = device.AuditLines().Count;

        // Act
        var first = device.Get("/api/diag/break_trng", tls: false);
        var second = device.Get("/api/diag/break_trng");

        // Assert
        first.Status.Should().Be(200);
        var before = TestDevice.Json(first);
        before.Select(p => p.Key).Should().Equal("mode", "last_ts", "last_val");
        before["mode"]!.GetValue<int>().Should().Be(0);
        before["last_ts"]!.GetValue<long>().Should().Be(device.Core.Boot.SelfTest.EntropyTestTs);
        before["last_val"]!.GetValue<int>().Should().BeInRange(7900, 8000, "Shannon entropy of a healthy sample, milli-bits per byte");
        var after = TestDevice.Json(second);
        after["mode"]!.GetValue<int>().Should().Be(1);
        after["last_val"]!.GetValue<int>().Should().Be(0);
        FaultState(device).Should().Be(0x02);
        device.AuditLines().Skip(linesBefore).Select(l => (l.Type, l.Result))
            .Should().Equal((TrngFailed, 0), (NonSecureState, 0), (TrngFailed, 0));
        device.Get("/api/diag/test_trng").Status.Should().Be(400, "the broken TRNG yields nothing");
    }

    [TestMethod]
    public void Disable_selftest_leaves_armed_faults_latent_until_an_explicit_selftest()
    {
        // Arrange
        using var device = Provisioned();
        var config = device.Login("system:config");
        device.Get("/api/diag/disable_selftest").Status.Should().Be(200);

        // Act
        device.Get("/api/diag/break_trng").Status.Should().Be(200);
        device.Get("/api/diag/break_temp").Status.Should().Be(200);
        var latent = FaultState(device);
        var selftest = RunSelfTest(device, config);

        // Assert
        latent.Should().Be(0);
        selftest["fls_state"]!.GetValue<int>().Should().Be(0x06);
        FaultState(device).Should().Be(0x06);
    }

    [TestMethod]
    public void Break_tls_and_disable_selftest_are_per_boot_flags_a_reboot_clears()
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var tls = device.Get("/api/diag/break_tls", tls: false);
        var disable = device.Get("/api/diag/disable_selftest", tls: false);
        var armed = (device.Core.Boot.Diag.TlsBroken, device.Core.Boot.Diag.PeriodicDisabled);
        device.Core.Reboot();

        // Assert
        tls.Status.Should().Be(200);
        tls.Body.Should().BeEmpty();
        disable.Status.Should().Be(200);
        disable.Body.Should().BeEmpty();
        armed.Should().Be((true, true));
        (device.Core.Boot.Diag.TlsBroken, device.Core.Boot.Diag.PeriodicDisabled).Should().Be((false, false));
        FaultState(device).Should().Be(0, "break_tls latches no fls_state bit");
    }

    [TestMethod]
    public void Diag_endpoints_answer_while_a_fault_is_latched()
    {
        using var device = Provisioned();
        device.Core.LatchFault(0x08);

        device.Get("/api/diag/test").Status.Should().Be(200);
        device.Get("/api/diag/memdump/1/16").Status.Should().Be(200);
    }

    [TestMethod]
    public void Wipe_config_answers_then_returns_the_device_to_fresh()
    {
        // Arrange
        using var device = Provisioned();
        Create(device, device.Login("keymgmt:gen"));

        // Act
        var response = device.Get("/api/diag/wipe_config", tls: false);

        // Assert: TestDevice performs the reboot the reply asks for.
        response.Status.Should().Be(200);
        response.Body.Should().BeEmpty();
        response.Flags.Should().HaveFlag(ResponseFlags.RebootAfterReply).And.HaveFlag(ResponseFlags.CloseConnection);
        device.Core.IsInitialised.Should().BeFalse();
        device.Core.Keys.Total.Should().Be(0);
        device.Core.Flash.ReadSlots().Should().BeEmpty();
        TestDevice.Json(device.Get("/api/system/status"))["inited"]!.GetValue<bool>().Should().BeFalse();
        device.Provision().Status.Should().Be(200, "a fresh device can be provisioned again");
    }
}
