using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Entropy;
using HemSim.Firmware.Tests.Entropy;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.System;

/// <summary>What the self-test finds and latches (spec §11.16 audit, §20.1 bits, §20.2 latching).</summary>
public sealed partial class SystemSelfTestTests
{
    private const int KeyInit = 0x0, Startup = 0x1, SelftestPassed = 0x7;

    /// <summary>Creates an AES key and flips one byte of its sealed secret in flash, as a damaged repository would.</summary>
    private static void CorruptOneKey(TestDevice device)
    {
        var kid = TestDevice.Json(device.Post("/api/keymgmt/create", new { label = "victim", type = "AES256" }, device.Login("keymgmt:gen")))["kid"]!;
        var record = device.Core.Flash.ReadSlots().Single(r => Convert.ToHexStringLower(r.Kid) == kid.GetValue<string>());
        var damaged = (byte[])record.SealedSecret.Clone();
        damaged[^1] ^= 0x01;
        device.Core.Flash.WriteSlot(record with { SealedSecret = damaged });
    }

    [TestMethod]
    public void Selftest_latches_integrity_failure_for_a_record_that_does_not_unseal()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        CorruptOneKey(device);
        var linesBefore = device.AuditLines().Count;

        // Act
        var body = SelfTest(device, token);

        // Assert: bit 0x08, the FAILED line with its error code (SIM: the count, "1"), then NON_SECURE_STATE.
        body["fls_state"]!.GetValue<int>().Should().Be(0x08);
        body["repo_stats"]!["invalid"]!.GetValue<int>().Should().Be(1);
        body["repo_stats"]!["total"]!.GetValue<int>().Should().Be(1);
        var added = device.AuditLines().Skip(linesBefore).ToList();
        added.Select(l => (l.Type, l.Result)).Should().Equal((KeyIntegrityError, 1), (NonSecureState, 0));
        added[0].DataBytes.Should().Equal("1"u8.ToArray());
        TestDevice.Json(device.Get("/api/system/status"))["fls_state"]!.GetValue<int>().Should().Be(0x08);
    }

    [TestMethod]
    public void Repository_corruption_latches_again_at_the_next_power_up()
    {
        // Arrange
        using var device = Provisioned();
        CorruptOneKey(device);
        SelfTest(device, device.Login("system:config"));

        // Act
        device.Core.Reboot();

        // Assert: spec §20.2, the next self-test (the power-up one) finds it again.
        device.Core.Boot.FaultState.Should().Be(0x08);
        device.AuditLines().Select(l => (l.Type, l.Result)).Should().Equal(
            (KeyInit, 0), (Startup, 0), (SelftestPassed, 1), (KeyIntegrityError, 1), (NonSecureState, 0));
    }

    [TestMethod]
    public void Power_up_of_an_intact_device_writes_only_the_three_standard_lines()
    {
        using var device = Provisioned();

        device.Core.Reboot();

        device.AuditLines().Select(l => (l.Type, l.Result)).Should().Equal((KeyInit, 0), (Startup, 0), (SelftestPassed, 0));
        device.Core.Boot.FaultState.Should().Be(0);
    }

    [TestMethod]
    public void Selftest_latches_the_kat_bit_when_a_known_answer_test_fails()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        device.Core.KnownAnswerTests = () => false;
        var linesBefore = device.AuditLines().Count;

        // Act
        var body = SelfTest(device, token);

        // Assert
        body["fls_state"]!.GetValue<int>().Should().Be(0x01);
        device.AuditLines().Skip(linesBefore).Select(l => (l.Type, l.Result)).Should().Equal((NonSecureState, 0), (KeyIntegrityError, 0));
    }

    [TestMethod]
    public void Power_up_kat_failure_logs_SELFTEST_PASSED_FAILED_and_latches_the_kat_bit()
    {
        using var device = new TestDevice();
        device.Core.KnownAnswerTests = () => false;

        device.Core.Reboot();

        device.Core.Boot.FaultState.Should().Be(0x01);
        device.AuditLines().Select(l => (l.Type, l.Result)).Should().Equal(
            (KeyInit, 0), (Startup, 0), (SelftestPassed, 1), (NonSecureState, 0));
        TestDevice.Json(device.Get(Path))["last_fls_state"]!.GetValue<int>().Should().Be(0x01);
    }

    [TestMethod]
    public void Selftest_finds_a_failed_trng_and_latches_the_entropy_bit()
    {
        // Arrange: the production entropy source over noise that sticks after boot (a failed TRNG).
        var noise = new FaultableNoise();
        using var entropy = new DrbgEntropySource(noise);
        using var device = Provisioned(new HemDeviceOptions { Entropy = entropy });
        var token = device.Login("system:config");
        var linesBefore = device.AuditLines().Count;
        noise.Stick(0x00);

        // Act
        var body = SelfTest(device, token);

        // Assert: spec §11.16, TRNG_FAILED / OK, then NON_SECURE_STATE on entering the fault state.
        body["fls_state"]!.GetValue<int>().Should().Be(0x02);
        entropy.HasFailed.Should().BeTrue();
        device.AuditLines().Skip(linesBefore).Select(l => (l.Type, l.Result)).Should().Equal(
            (TrngFailed, 0), (NonSecureState, 0), (KeyIntegrityError, 0));
    }

    [TestMethod]
    public void Trng_failure_in_a_request_latches_and_the_selftest_reports_it_without_entering_twice()
    {
        // Arrange
        var noise = new FaultableNoise();
        using var entropy = new DrbgEntropySource(noise);
        using var device = Provisioned(new HemDeviceOptions { Entropy = entropy });
        var selftestToken = device.Login("system:config");
        var genToken = device.Login("keymgmt:gen");
        noise.Stick(0xA5);

        // Act: key generation draws from the failed source → EntropyFailureException → the pipeline latches 0x02.
        var create = device.Post("/api/keymgmt/create", new { label = "k", type = "ED25519" }, genToken);
        var linesAfterLatch = device.AuditLines().Count;
        var body = SelfTest(device, selftestToken);

        // Assert
        create.Status.Should().Be(409);
        body["fls_state"]!.GetValue<int>().Should().Be(0x02);
        body["last_fls_state"]!.GetValue<int>().Should().Be(0);
        TestDevice.Json(device.Get("/api/system/status"))["fls_state"]!.GetValue<int>().Should().Be(0x02);
        device.AuditLines().Skip(linesAfterLatch).Select(l => (l.Type, l.Result)).Should().Equal((TrngFailed, 0), (KeyIntegrityError, 0));
    }

    [TestMethod]
    public void Selftest_keeps_bits_latched_before_it_and_adds_its_own()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        CorruptOneKey(device);
        device.Core.LatchFault(0x04);

        // Act
        var body = SelfTest(device, token);

        // Assert: nothing but a boot clears a bit; entering happened once, at 0x04.
        body["fls_state"]!.GetValue<int>().Should().Be(0x0C);
        device.AuditLines().Count(l => l.Type == NonSecureState).Should().Be(1);
    }

    [TestMethod]
    public void Selftest_leaves_a_healthy_device_healthy_and_keys_usable()
    {
        // Arrange
        using var device = Provisioned();
        var gen = device.Login("keymgmt:gen");
        device.Post("/api/keymgmt/create", new { label = "k", type = "AES256" }, gen).Status.Should().Be(200);

        // Act
        var body = SelfTest(device, gen);

        // Assert
        body["fls_state"]!.GetValue<int>().Should().Be(0);
        device.Post("/api/keymgmt/create", new { label = "k2", type = "AES256" }, gen).Status.Should().Be(200);
    }
}
