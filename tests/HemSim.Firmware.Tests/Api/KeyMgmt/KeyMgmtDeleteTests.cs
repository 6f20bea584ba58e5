using System.Text;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Platform;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.KeyMgmt.KeyWriteRig;

namespace HemSim.Firmware.Tests.Api.KeyMgmt;

/// <summary>DELETE /api/keymgmt/delete/{kid} (spec §12.6, QUIRK §3.4).</summary>
[TestClass]
public sealed class KeyMgmtDeleteTests
{
    [TestMethod]
    public void Delete_answers_200_with_an_empty_body_and_the_key_is_gone()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var kid = rig.Create("ED25519");
        var other = rig.Create("AES256");

        // Act
        var response = rig.Delete(kid);

        // Assert
        response.Status.Should().Be(200);
        response.Body.Should().BeEmpty();
        rig.IsStored(kid).Should().BeFalse();
        rig.IsStored(other).Should().BeTrue();
        rig.Keys.Total.Should().Be(1);
    }

    [TestMethod]
    public void Delete_lowers_total_by_one_on_the_next_list()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        rig.Create("AES128");
        var kid = rig.Create("AES192");
        rig.Create("AES256");
        var token = rig.Token("keymgmt:list");
        var before = TestDevice.Json(rig.Device.Get("/api/keymgmt/list", token));

        // Act
        rig.Delete(kid).Status.Should().Be(200);

        // Assert
        var after = TestDevice.Json(rig.Device.Get("/api/keymgmt/list", token));
        after["total"]!.GetValue<int>().Should().Be(before["total"]!.GetValue<int>() - 1);
        after["list"]!.AsArray().Select(k => k!["kid"]!.GetValue<string>()).Should().NotContain(kid);
    }

    [TestMethod]
    public void Delete_marks_the_slot_deleted_and_wipes_the_sealed_material_but_its_first_byte()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var kid = rig.Create("SECP384R1");
        var sealedBefore = rig.Record(kid).SealedSecret;
        var slot = rig.Record(kid).Slot;

        // Act
        rig.Delete(kid).Status.Should().Be(200);

        // Assert: as [T]'s DIAG memdump shows, the bytes change and only the first survives.
        var stored = rig.Device.Core.Flash.ReadSlots().Single(r => r.Slot == slot);
        stored.State.Should().Be(SlotState.Deleted);
        stored.SealedSecret.Should().HaveCount(sealedBefore.Length);
        stored.SealedSecret[0].Should().Be(sealedBefore[0]);
        stored.SealedSecret.Skip(1).Should().OnlyContain(b => b == 0);
        rig.Keys.Deleted.Should().Be(1);
    }

    [TestMethod]
    public void Delete_accepts_an_upper_case_kid()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var kid = rig.Create("AES256");

        // Act
        var response = rig.Delete(kid.ToUpperInvariant());

        // Assert
        response.Status.Should().Be(200);
        rig.IsStored(kid).Should().BeFalse();
    }

    [TestMethod]
    public void Delete_logs_key_delete_ok_with_the_kid()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var kid = rig.Create("AES256");
        var linesBefore = rig.Device.AuditLines().Count;

        // Act
        rig.Delete(kid).Status.Should().Be(200);

        // Assert
        var lines = rig.Device.AuditLines();
        lines.Should().HaveCount(linesBefore + 1);
        lines[^1].Type.Should().Be(KeyDelete);
        lines[^1].Result.Should().Be(Ok);
        lines[^1].Subject.Should().Be("U");
        lines[^1].DataBytes.Should().Equal(Convert.FromHexString(kid));
    }

    [TestMethod]
    [DataRow("00112233445566778899aabbccddeef", DisplayName = "31 hex")]
    [DataRow("00112233445566778899aabbccddeeff0", DisplayName = "33 hex")]
    [DataRow("00112233445566778899aabbccddeegg", DisplayName = "not hex")]
    [DataRow("x", DisplayName = "short")]
    public void Delete_answers_400_to_a_malformed_kid_and_logs_an_error(string kid)
    {
        // Arrange
        using var rig = new KeyWriteRig();
        rig.Create("AES256");
        var before = rig.Snapshot();

        // Act
        var response = rig.Delete(kid);

        // Assert
        response.Status.Should().Be(400);
        response.Body.Should().BeEmpty();
        rig.ShouldOnlyHaveLogged(before, KeyDelete, Error, []);
    }

    [TestMethod]
    public void Delete_answers_406_when_no_key_has_the_kid_and_logs_a_failure()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        rig.Create("AES256");
        var missing = new string('b', 32);
        var before = rig.Snapshot();

        // Act
        var response = rig.Delete(missing);

        // Assert
        response.Status.Should().Be(406);
        response.Body.Should().BeEmpty();
        rig.ShouldOnlyHaveLogged(before, KeyDelete, Failed, Convert.FromHexString(missing));
    }

    [TestMethod]
    public void Delete_of_a_deleted_key_answers_406()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var kid = rig.Create("AES256");
        rig.Delete(kid).Status.Should().Be(200);
        var before = rig.Snapshot();

        // Act
        var response = rig.Delete(kid);

        // Assert
        response.Status.Should().Be(406);
        rig.ShouldOnlyHaveLogged(before, KeyDelete, Failed, Convert.FromHexString(kid));
    }

    [TestMethod]
    public void Delete_over_plain_http_answers_409_as_the_firmware_does()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var kid = rig.Create("AES256");
        var before = rig.Snapshot();

        // Act
        var response = rig.Delete(kid, tls: false);

        // Assert: QUIRK spec §3.4, "no TLS" folded into the state check.
        response.Status.Should().Be(409);
        response.Body.Should().BeEmpty();
        rig.ShouldBeUnchanged(before);
    }

    [TestMethod]
    public void Delete_over_plain_http_answers_418_with_strict_tls()
    {
        // Arrange
        using var rig = new KeyWriteRig(new HemDeviceOptions { StrictTls = true });
        var kid = rig.Create("AES256");
        var before = rig.Snapshot();

        // Act
        var response = rig.Delete(kid, tls: false);

        // Assert
        response.Status.Should().Be(418);
        rig.ShouldBeUnchanged(before);
        rig.Delete(kid).Status.Should().Be(200, "HTTPS still works with the option");
    }

    [TestMethod]
    [DataRow("keymgmt:gen")]
    [DataRow("keymgmt:upd")]
    [DataRow("keymgmt:de")]
    public void Delete_answers_403_to_another_scope_and_logs_a_failed_scope_check(string scope)
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var kid = rig.Create("AES256");
        var token = rig.Token(scope);
        var before = rig.Snapshot();

        // Act
        var response = rig.Delete(kid, token);

        // Assert
        response.Status.Should().Be(403);
        rig.ShouldOnlyHaveLogged(before, FailedScopeCheck, Failed, Encoding.ASCII.GetBytes(scope));
    }

    [TestMethod]
    public void Delete_frees_room_for_a_new_key_in_a_full_keystore()
    {
        // Arrange
        using var rig = new KeyWriteRig(new HemDeviceOptions { KeystoreSlots = 2 });
        var first = rig.Create("AES128");
        rig.Create("AES256");
        var slot = rig.Record(first).Slot;

        // Act
        rig.Delete(first).Status.Should().Be(200);
        var replacement = rig.Create("AES192");

        // Assert
        rig.Record(replacement).Slot.Should().Be(slot);
        rig.Keys.Total.Should().Be(2);
    }
}
