using System.Text;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.SelfTest;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Device;

[TestClass]
public sealed class DeviceCoreTests
{
    private static HemDeviceOptions OnDisk(TempFolder folder, FakeClock clock) =>
        new() { DataDirectory = folder.Path, Clock = clock, Seed = Encoding.ASCII.GetBytes("DeviceCoreTests") };

    private static string CreateKey(TestDevice device, string type = "ED25519") =>
        TestDevice.Json(device.Post("/api/keymgmt/create", new { label = "k", type }, device.Login("keymgmt:gen")))["kid"]!.GetValue<string>();

    [TestMethod]
    public void Device_state_survives_a_power_cycle_on_the_same_data_folder()
    {
        // Arrange
        using var folder = new TempFolder();
        var clock = new FakeClock(TestDevice.StartTime, keepTimeOnReset: true);
        string kid, instanceId;
        byte[] eid, signPublic;
        long bootCount;
        using (var first = new TestDevice(OnDisk(folder, clock), clock))
        {
            first.Provision().Status.Should().Be(200);
            kid = CreateKey(first);
            instanceId = first.Core.Config!.InstanceId;
            eid = first.Core.Identity.EidPublic;
            signPublic = first.Core.Identity.SignPublic;
            bootCount = first.Core.BootCount;
        }
        clock.Advance(TimeSpan.FromSeconds(5));

        // Act
        using var second = new TestDevice(OnDisk(folder, clock), clock);

        // Assert
        second.Core.IsInitialised.Should().BeTrue();
        second.Core.Config!.InstanceId.Should().Be(instanceId);
        second.Core.Identity.EidPublic.Should().Equal(eid);
        second.Core.Identity.SignPublic.Should().Equal(signPublic);
        second.Core.BootCount.Should().Be(bootCount + 1);
        second.Core.Keys.Valid.Select(r => Convert.ToHexStringLower(r.Kid)).Should().Equal(kid);
        Kid.TryParse(kid, out var parsed).Should().BeTrue();
        second.Core.Keys.TryFind(parsed!, out var record).Should().BeTrue();
        second.Core.Keys.TryOpenSecret(record, out var secret).Should().BeTrue();
        secret!.Dispose();
        second.Login("keymgmt:gen").Should().NotBeEmpty();
    }

    [TestMethod]
    public void Device_refuses_to_boot_a_flash_sealed_by_another_secure_element()
    {
        // Arrange
        using var folder = new TempFolder();
        var clock = new FakeClock(TestDevice.StartTime, keepTimeOnReset: true);
        using (var first = new TestDevice(OnDisk(folder, clock), clock))
        {
            first.Provision().Status.Should().Be(200);
        }
        var secretPath = folder.File(SecureElement.FileName);
        File.WriteAllBytes(secretPath, Enumerable.Repeat((byte)0x5A, 32).ToArray());

        // Act
        var act = () => DeviceCore.Create(OnDisk(folder, clock));

        // Assert
        act.Should().Throw<InvalidDataException>();
    }

    [TestMethod]
    public void Device_refused_for_a_foreign_secure_element_boots_again_unchanged_with_its_own()
    {
        // Arrange
        using var folder = new TempFolder();
        var clock = new FakeClock(TestDevice.StartTime, keepTimeOnReset: true);
        string genuineSki;
        DeviceSnapshot before;
        using (var first = new TestDevice(OnDisk(folder, clock), clock))
        {
            genuineSki = TestDevice.Json(first.Get("/api/auth/init"))["genuine"]!.GetValue<string>().Split('.')[0];
            first.Provision().Status.Should().Be(200);
            before = DeviceSnapshot.Take(first);
        }
        var secretPath = folder.File(SecureElement.FileName);
        var ownSecret = File.ReadAllBytes(secretPath);
        File.WriteAllBytes(secretPath, Enumerable.Repeat((byte)0x5A, 32).ToArray());
        FluentActions.Invoking(() => DeviceCore.Create(OnDisk(folder, clock))).Should().Throw<InvalidDataException>();
        File.WriteAllBytes(secretPath, ownSecret);

        // Act
        using var again = new TestDevice(OnDisk(folder, clock), clock);

        // Assert: the refused boot left no trace, the attestation key (SKI) included.
        again.Core.IsInitialised.Should().BeTrue();
        DeviceSnapshot.Take(again).Config.Should().Be(before.Config);
        DeviceSnapshot.Take(again).Slots.Should().Equal(before.Slots);
        again.Core.Attestation.GenuineToken(again.Now).Split('.')[0].Should().Be(genuineSki);
    }

    [TestMethod]
    public void Device_with_the_same_seed_and_requests_produces_the_same_keys()
    {
        // Arrange
        var seed = Encoding.ASCII.GetBytes("same seed");
        using var first = new TestDevice(new HemDeviceOptions { Seed = seed });
        using var second = new TestDevice(new HemDeviceOptions { Seed = seed });

        // Act
        first.Provision().Status.Should().Be(200);
        second.Provision().Status.Should().Be(200);
        var kids = new[] { "ED25519", "AES256", "SECP256R1" }.Select(t => (CreateKey(first, t), CreateKey(second, t))).ToList();

        // Assert
        kids.Should().AllSatisfy(pair => pair.Item2.Should().Be(pair.Item1));
        second.Core.Config!.InstanceId.Should().Be(first.Core.Config!.InstanceId);
        second.Core.Identity.EidPublic.Should().Equal(first.Core.Identity.EidPublic);
    }

    [TestMethod]
    public void Device_with_another_seed_produces_other_keys()
    {
        // Arrange
        using var first = new TestDevice(new HemDeviceOptions { Seed = Encoding.ASCII.GetBytes("seed one") });
        using var second = new TestDevice(new HemDeviceOptions { Seed = Encoding.ASCII.GetBytes("seed two") });
        first.Provision().Status.Should().Be(200);
        second.Provision().Status.Should().Be(200);

        // Act
        var kidFirst = CreateKey(first);
        var kidSecond = CreateKey(second);

        // Assert
        kidSecond.Should().NotBe(kidFirst);
        second.Core.Identity.EidPublic.Should().NotEqual(first.Core.Identity.EidPublic);
    }

    [TestMethod]
    public void Device_with_a_seed_draws_other_session_keys_on_each_boot()
    {
        // Arrange
        using var device = new TestDevice();
        var spkFirstBoot = device.Core.Boot.SessionPublicText;

        // Act
        device.Get("/api/system/reboot").Status.Should().Be(200);

        // Assert
        device.Core.Boot.SessionPublicText.Should().NotBe(spkFirstBoot);
    }

    [TestMethod]
    public void Device_counts_boots_in_flash()
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        device.Get("/api/system/reboot").Status.Should().Be(200);
        device.Get("/api/system/reboot").Status.Should().Be(200);

        // Assert
        device.Core.BootCount.Should().Be(3);
    }

    [TestMethod]
    public void Device_wipe_erases_configuration_keys_and_identity_but_keeps_the_audit_log()
    {
        // Arrange
        using var device = new TestDevice();
        device.Provision().Status.Should().Be(200);
        CreateKey(device);
        var eid = device.Core.Identity.EidPublic;
        var files = device.Core.Flash.ListLogFiles();

        // Act
        device.Core.Wipe();

        // Assert
        device.Core.IsInitialised.Should().BeFalse();
        device.Core.Keys.Total.Should().Be(0);
        device.Core.Identity.EidPublic.Should().NotEqual(eid);
        device.Core.Flash.ListLogFiles().Should().StartWith(files).And.HaveCount(files.Count + 1);
        TestDevice.Json(device.Get("/api/system/status"))["inited"]!.GetValue<bool>().Should().BeFalse();
    }

    [TestMethod]
    public void Device_latching_a_fault_logs_non_secure_state_once()
    {
        // Arrange
        using var device = new TestDevice();
        var linesBefore = device.AuditLines().Count;

        // Act
        device.Core.LatchFault(FaultBits.Integrity);
        device.Core.LatchFault(FaultBits.Temperature);

        // Assert
        device.Core.Boot.FaultState.Should().Be(0x0C);
        var added = device.AuditLines().Skip(linesBefore).ToList();
        added.Select(l => (l.Type, l.Result)).Should().Equal((0x08, 0));
    }

    [TestMethod]
    public void Device_latching_a_trng_fault_logs_trng_failed_then_non_secure_state()
    {
        // Arrange
        using var device = new TestDevice();
        var linesBefore = device.AuditLines().Count;

        // Act
        device.Core.LatchFault(FaultBits.Entropy);

        // Assert
        device.AuditLines().Skip(linesBefore).Select(l => (l.Type, l.Result)).Should().Equal((0x05, 0), (0x08, 0));
    }
}
