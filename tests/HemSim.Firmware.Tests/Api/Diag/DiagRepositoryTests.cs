using System.Text;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Keystore;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Diag.DiagRig;

namespace HemSim.Firmware.Tests.Api.Diag;

/// <summary><c>/api/diag/corrupt_repo</c> (G8) and <c>/api/diag/memdump</c> (G9) over the key repository (spec §16).</summary>
[TestClass]
public sealed class DiagRepositoryTests
{
    [TestMethod]
    public void Corrupt_repo_makes_the_selftest_report_integrity_and_list_skip_the_record()
    {
        // Arrange
        using var device = Provisioned();
        var gen = device.Login("keymgmt:gen");
        var list = device.Login("keymgmt:list");
        var config = device.Login("system:config");
        var victim = Create(device, gen, "SECP256R1", "victim");
        var other = Create(device, gen, "AES256", "other");
        var (addr, _) = Where(List(device, list), victim);

        // Act
        var response = device.Get($"/api/diag/corrupt_repo/{addr}", tls: false);
        var afterCorrupt = List(device, list);
        var linesBefore = device.AuditLines().Count;
        var selftest = RunSelfTest(device, config);

        // Assert
        response.Status.Should().Be(200);
        var json = TestDevice.Json(response);
        json.Select(p => p.Key).Should().Equal("address", "status");
        json["address"]!.GetValue<long>().Should().Be(addr);
        json["status"]!.GetValue<int>().Should().Be(1);
        afterCorrupt.Select(k => k!["kid"]!.GetValue<string>()).Should().Equal(other);
        selftest["fls_state"]!.GetValue<int>().Should().Be(0x08);
        selftest["repo_stats"]!["invalid"]!.GetValue<int>().Should().Be(1);
        var added = device.AuditLines().Skip(linesBefore).Select(l => (l.Type, l.Result)).ToList();
        added.Should().Contain((KeyIntegrityError, 1)).And.Contain((NonSecureState, 0));
        TestDevice.Json(device.Get("/api/system/status"))["fls_state"]!.GetValue<int>().Should().Be(0x08);
    }

    [TestMethod]
    public void A_corrupted_record_stays_invalid_after_reboot_and_the_device_keeps_answering()
    {
        // Arrange
        using var device = Provisioned();
        var victim = Create(device, device.Login("keymgmt:gen"));
        var (addr, _) = Where(List(device, device.Login("keymgmt:list")), victim);
        device.Get($"/api/diag/corrupt_repo/{addr}").Status.Should().Be(200);

        // Act
        device.Core.Reboot();

        // Assert: the power-up self-test finds it again (spec §20.2) and takes it out of use.
        FaultState(device).Should().Be(0x08);
        device.Core.Keys.Valid.Should().BeEmpty();
        device.Core.Keys.Total.Should().Be(0);
        device.Get("/api/diag/test").Status.Should().Be(200);
        device.Get($"/api/diag/corrupt_repo/{addr}").Status.Should().Be(400, "the record is no longer valid");
    }

    [TestMethod]
    public void Corrupt_repo_rejects_malformed_misaligned_and_foreign_addresses_without_trace()
    {
        // Arrange
        using var device = Provisioned();
        var gen = device.Login("keymgmt:gen");
        var kept = Create(device, gen);
        var deleted = Create(device, gen);
        var all = List(device, device.Login("keymgmt:list"));
        var (keptAddr, _) = Where(all, kept);
        var (deletedAddr, _) = Where(all, deleted);
        device.Core.Keys.TryFind(Kid.TryParse(deleted, out var kid) ? kid : throw new InvalidOperationException(), out var record)
            .Should().BeTrue();
        device.Core.Keys.Delete(record, device.Now);
        var paths = new[]
        {
            "abc", "-1", "+" + keptAddr, keptAddr + ".0", " " + keptAddr, "0x" + keptAddr.ToString("x"),
            (keptAddr + 4).ToString(), (keptAddr + 32).ToString(), "0",
            (KeyRecordLayout.RegionBase - KeyRecordLayout.SlotStride).ToString(),
            (KeyRecordLayout.RegionBase + (16L * KeyRecordLayout.SlotStride)).ToString(),
            (KeyRecordLayout.RegionBase + (5L * KeyRecordLayout.SlotStride)).ToString(),
            deletedAddr.ToString(), "99999999999999999999",
        };
        var before = DeviceSnapshot.Take(device);

        // Act
        var statuses = paths.Select(p => device.Get("/api/diag/corrupt_repo/" + Uri.EscapeDataString(p)).Status).ToList();

        // Assert
        statuses.Should().AllBeEquivalentTo(400);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Memdump_serves_each_record_image_at_its_address()
    {
        // Arrange
        using var device = Provisioned();
        var kid = Create(device, device.Login("keymgmt:gen"), "AES256", "dumped");
        var (addr, len) = Where(List(device, device.Login("keymgmt:list")), kid);

        // Act
        var image = Dump(device, addr, len);
        var around = Dump(device, addr - 16, 32);

        // Assert
        image.Should().HaveCount(len);
        image[0].Should().Be(1, "state: used");
        Convert.ToHexStringLower(image.AsSpan(16, 16)).Should().Be(kid);
        Encoding.ASCII.GetString(image, 64, 6).Should().Be("dumped");
        image.AsSpan(4, 4).ToArray().Should().NotEqual(new byte[4], "the seal word of a sealed record");
        around.AsSpan(0, 16).ToArray().Should().OnlyContain(b => b == 0, "nothing lies below slot 0");
        around.AsSpan(16).ToArray().Should().Equal(image.AsSpan(0, 16).ToArray());
    }

    [TestMethod]
    public void Memdump_content_changes_after_delete_and_after_corrupt()
    {
        // Arrange
        using var device = Provisioned();
        var gen = device.Login("keymgmt:gen");
        var toDelete = Create(device, gen, "AES256", "gone");
        var toCorrupt = Create(device, gen, "AES256", "bad");
        var all = List(device, device.Login("keymgmt:list"));
        var (delAddr, delLen) = Where(all, toDelete);
        var (badAddr, badLen) = Where(all, toCorrupt);
        var delBefore = Dump(device, delAddr, delLen);
        var badBefore = Dump(device, badAddr, badLen);

        // Act
        var delete = new ApiRequest("DELETE", "/api/keymgmt/delete/" + toDelete, true, []) { Authorization = "Bearer " + device.Login("keymgmt:del") };
        device.Send(delete).Status.Should().Be(200);
        device.Get($"/api/diag/corrupt_repo/{badAddr}").Status.Should().Be(200);
        var delAfter = Dump(device, delAddr, delLen);
        var badAfter = Dump(device, badAddr, badLen);

        // Assert: AES-256 has no public key, so its sealed secret (12 nonce + 32 key + 16 tag) starts at +160.
        const int sealedAt = 160, sealedLength = 60;
        delAfter.Should().NotEqual(delBefore);
        delAfter[0].Should().Be(2, "state: deleted");
        delAfter[sealedAt].Should().Be(delBefore[sealedAt], "a deleted secret keeps its first byte (spec §12.6)");
        delAfter.AsSpan(sealedAt + 1, sealedLength - 1).ToArray().Should().OnlyContain(b => b == 0);
        var expected = (byte[])badBefore.Clone();
        expected.AsSpan(4, 4).Clear();
        expected.AsSpan(sealedAt + 4, 4).Clear();
        badAfter.Should().Equal(expected, "corrupt_repo zeroes bytes 4-7 of the record, the seal word (spec §22 #35)");
    }

    [TestMethod]
    [DataRow("0/16")]
    [DataRow("x/16")]
    [DataRow("1/0")]
    [DataRow("1/4096")]
    [DataRow("1/abc")]
    [DataRow("-5/16")]
    [DataRow("1/16.0")]
    public void Memdump_rejects_malformed_arguments(string arguments)
    {
        using var device = Provisioned();

        var response = device.Get("/api/diag/memdump/" + arguments);

        response.Status.Should().Be(400);
        response.Body.Should().BeEmpty();
    }

    [TestMethod]
    public void Memdump_of_unmapped_memory_answers_zeros_up_to_4095_bytes()
    {
        using var device = Provisioned();

        Dump(device, 1, 4095).Should().HaveCount(4095).And.OnlyContain(b => b == 0);
    }
}
