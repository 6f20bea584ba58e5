using System.Text;
using FluentAssertions;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.KeyMgmt;

/// <summary>GET /api/keymgmt/list: who may list, and the statuses the pipeline answers (spec §3.3, §12, §12.3).</summary>
public sealed partial class KeyMgmtListTests
{
    private const int FailedScopeCheck = 0x0c;

    [TestMethod]
    [DataRow("keymgmt:list")]
    [DataRow("keymgmt:listing")]
    public void List_accepts_a_scope_starting_with_keymgmt_list(string scope)
    {
        // Arrange
        using var rig = new Rig();

        // Act
        var response = rig.List(token: rig.Token(scope));

        // Assert
        response.Status.Should().Be(200);
    }

    [TestMethod]
    [DataRow("/api/keymgmt/list")]
    [DataRow("/api/keymgmt/list/0")]
    [DataRow("/api/keymgmt/list/0/5")]
    public void List_answers_401_without_a_token_and_writes_nothing(string path)
    {
        // Arrange
        using var rig = new Rig();
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.Device.Get(path);

        // Assert
        response.Status.Should().Be(401);
        DeviceSnapshot.Take(rig.Device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    [DataRow("keymgmt:get")]
    [DataRow("keymgmt:search")]
    [DataRow("keymgmt:lis")]
    [DataRow("system:config")]
    public void List_answers_403_to_another_scope_and_logs_a_failed_scope_check(string scope)
    {
        // Arrange
        using var rig = new Rig();
        var token = rig.Token(scope);
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.List(token: token);

        // Assert
        response.Status.Should().Be(403);
        response.Body.Should().BeEmpty();
        AssertOnlyAFailedScopeCheckWasLogged(rig.Device, before, "U", scope);
    }

    [TestMethod]
    public void List_answers_403_to_the_master_role_even_with_the_list_scope()
    {
        // Arrange
        using var rig = new Rig();
        var token = rig.Device.Login("keymgmt:list", TestDevice.Master);
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.List("/0/5", token);

        // Assert
        response.Status.Should().Be(403);
        AssertOnlyAFailedScopeCheckWasLogged(rig.Device, before, "M", "keymgmt:list");
    }

    [TestMethod]
    public void List_answers_418_over_plain_http_before_looking_at_the_token()
    {
        // Arrange
        using var rig = new Rig();
        var token = rig.Token("system:config");
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var withWrongScope = rig.List(token: token, tls: false);
        var withoutToken = rig.Device.Get("/api/keymgmt/list/abc", tls: false);

        // Assert
        withWrongScope.Status.Should().Be(418);
        withoutToken.Status.Should().Be(418);
        DeviceSnapshot.Take(rig.Device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void List_answers_409_on_a_fresh_device()
    {
        // Arrange
        using var device = new TestDevice();
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Get("/api/keymgmt/list");

        // Assert
        response.Status.Should().Be(409);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    /// <summary>Flash and config unchanged; exactly one new audit line, FAILED_SCOPE_CHECK / FAILED with the scope as data.</summary>
    internal static void AssertOnlyAFailedScopeCheckWasLogged(TestDevice device, DeviceSnapshot before, string subject, string scope)
    {
        var after = DeviceSnapshot.Take(device);
        after.Config.Should().Be(before.Config);
        after.Slots.Should().Equal(before.Slots);
        after.AuditLines.Should().HaveCount(before.AuditLines.Count + 1);
        after.AuditLines.Take(before.AuditLines.Count).Should().Equal(before.AuditLines);
        var line = device.LastAuditLine();
        line.Type.Should().Be(FailedScopeCheck);
        line.Result.Should().Be(1);
        line.Subject.Should().Be(subject);
        Encoding.ASCII.GetString(line.DataBytes).Should().Be(scope);
    }
}
