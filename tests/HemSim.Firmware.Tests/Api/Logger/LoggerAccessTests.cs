using System.Text;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.Logger;

/// <summary>Who may use the audit-log endpoints and what the pipeline answers first (spec §3.3, §15, §20.2).</summary>
[TestClass]
public sealed class LoggerAccessTests
{
    // A file id that does not exist: the access checks answer before the handler would say 404.
    private const string AbsentFile = "/api/logger/00000001";

    [TestMethod]
    [DataRow("/api/logger/key")]
    [DataRow("/api/logger/list")]
    [DataRow("/api/logger/list/0")]
    [DataRow(AbsentFile)]
    public void Logger_answers_401_without_a_token_and_writes_nothing(string path)
    {
        // Arrange
        using var rig = new LoggerRig();
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.Device.Get(path);

        // Assert
        response.Status.Should().Be(401);
        response.Body.Should().BeEmpty();
        DeviceSnapshot.Take(rig.Device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    [DataRow("/api/logger/key", "system:config")]
    [DataRow("/api/logger/key", "logger:ge")]
    [DataRow("/api/logger/key", "logger")]
    [DataRow("/api/logger/list", "keymgmt:list")]
    [DataRow("/api/logger/list/0", "system:config")]
    [DataRow(AbsentFile, "auth:ext:pair")]
    public void Logger_answers_403_to_another_scope_and_logs_only_a_failed_scope_check(string path, string scope)
    {
        // Arrange: [T] test_3 expects 403 for a system:config token on /api/logger/key.
        using var rig = new LoggerRig();
        var token = rig.Device.Login(scope);
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.Device.Get(path, token);

        // Assert
        response.Status.Should().Be(403);
        response.Body.Should().BeEmpty();
        var after = DeviceSnapshot.Take(rig.Device);
        after.Config.Should().Be(before.Config);
        after.Slots.Should().Equal(before.Slots);
        after.AuditLines.Should().HaveCount(before.AuditLines.Count + 1).And.StartWith(before.AuditLines);
        var line = rig.Device.LastAuditLine();
        (line.Type, line.Result, line.Subject).Should().Be((LoggerRig.FailedScopeCheck, LoggerRig.Failed, "U"));
        line.DataBytes.Should().Equal(Encoding.ASCII.GetBytes(scope));
    }

    [TestMethod]
    [DataRow("logger:get")]
    [DataRow("logger:get:anything")]
    public void Logger_accepts_a_scope_starting_with_logger_get(string scope)
    {
        // Arrange
        using var rig = new LoggerRig();
        var token = rig.Device.Login(scope);

        // Act
        var key = rig.Device.Get("/api/logger/key", token);
        var list = rig.Device.Get("/api/logger/list", token);

        // Assert
        key.Status.Should().Be(200);
        list.Status.Should().Be(200);
    }

    [TestMethod]
    public void Logger_accepts_the_master_role()
    {
        // Arrange
        using var rig = new LoggerRig();
        var token = rig.Device.Login("logger:get", TestDevice.Master);

        // Act
        var key = rig.Device.Get("/api/logger/key", token);
        var list = rig.Device.Get("/api/logger/list", token);

        // Assert
        key.Status.Should().Be(200);
        list.Status.Should().Be(200);
        (rig.Device.LastAuditLine().Type, rig.Device.LastAuditLine().Subject).Should().Be((LoggerRig.LoggerListLog, "M"));
    }

    [TestMethod]
    [DataRow("/api/logger/key")]
    [DataRow("/api/logger/list")]
    [DataRow("/api/logger/list/0")]
    public void Logger_works_over_plain_http(string path)
    {
        // Arrange
        using var rig = new LoggerRig();

        // Act
        var response = rig.Get(path, tls: false);

        // Assert
        response.Status.Should().Be(200);
    }

    [TestMethod]
    [DataRow("/api/logger/key", "logger:get")]
    [DataRow("/api/logger/list", "logger:get")]
    [DataRow("/api/logger/list/0", "system:config")]
    [DataRow(AbsentFile, "system:config")]
    public void Logger_answers_409_while_a_fault_is_latched_before_checking_the_scope(string path, string scope)
    {
        // Arrange: spec §3.3, the state check comes before the scope check ([T] test_5).
        using var rig = new LoggerRig();
        var token = rig.Device.Login(scope);
        rig.Device.Core.Boot.FaultState = 0x08;
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.Device.Get(path, token);

        // Assert
        response.Status.Should().Be(409);
        DeviceSnapshot.Take(rig.Device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    [DataRow("/api/logger/key")]
    [DataRow("/api/logger/list")]
    [DataRow(AbsentFile)]
    public void Logger_answers_409_on_a_fresh_device(string path)
    {
        // Arrange: no users yet, so no token can exist; "not initialised" is a 409 (spec §3.5), checked before 401.
        using var device = new TestDevice();
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Get(path, tls: false);

        // Assert
        response.Status.Should().Be(409);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    [DataRow("/api/logger/list")]
    [DataRow("/api/logger/list/0")]
    [DataRow(AbsentFile)]
    public void Logger_list_and_file_do_not_exist_on_EPA(string path)
    {
        // Arrange: spec §2, MSC paths answer 404 on EPA, before any access check.
        using var rig = new LoggerRig(new HemDeviceOptions { Variant = HardwareVariant.Epa });
        var token = rig.Token;
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.Device.Get(path, token);

        // Assert
        response.Status.Should().Be(404);
        DeviceSnapshot.Take(rig.Device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Logger_key_is_served_on_EPA()
    {
        // Arrange
        using var rig = new LoggerRig(new HemDeviceOptions { Variant = HardwareVariant.Epa });

        // Act
        var response = rig.Get("/api/logger/key");

        // Assert
        response.Status.Should().Be(200);
    }

    [TestMethod]
    public void Logger_delete_is_not_a_route()
    {
        // Arrange: spec §2 and §22 #39, 1.2.2 has no DELETE /api/logger/{file}.
        using var rig = new LoggerRig();
        rig.Reboot();
        var previous = rig.List().Ids[^2];

        // Act
        var response = rig.Device.Send(ApiRequest.Get("/api/logger/" + previous, true) with
        {
            Method = "DELETE",
            Authorization = "Bearer " + rig.Token,
        });

        // Assert
        response.Status.Should().Be(404);
        rig.Device.Core.Flash.ListLogFiles().Should().Contain(previous);
    }
}
