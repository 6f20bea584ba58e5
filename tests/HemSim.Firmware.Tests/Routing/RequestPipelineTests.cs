using System.Text;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Routing;

/// <summary>The request processing order of spec §3.3, seen through real endpoints.</summary>
[TestClass]
public sealed partial class RequestPipelineTests
{
    private const int FailedScopeCheck = 0x0c;

    private static readonly object CreateBody = new { label = "k", type = "ED25519" };

    private static TestDevice Provisioned(string origin = "*")
    {
        var device = new TestDevice();
        device.Provision(cfg => cfg["origin"] = origin).Status.Should().Be(200);
        return device;
    }

    private static ApiResponse Send(TestDevice device, string method, string path, string? origin = null, string? token = null) =>
        device.Send(new ApiRequest(method, path, true, []) { Origin = origin, Authorization = token is null ? null : "Bearer " + token });

    [TestMethod]
    public void Pipeline_answers_409_before_the_scope_check_while_a_fault_is_latched()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("keymgmt:list");
        device.Core.Boot.FaultState = 0x08;
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Post("/api/keymgmt/create", CreateBody, token);

        // Assert: 409, and no FAILED_SCOPE_CHECK because the scope was never looked at.
        response.Status.Should().Be(409);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Pipeline_answers_409_before_418_while_a_fault_is_latched()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("keymgmt:gen");
        device.Core.Boot.FaultState = 0x01;

        // Act
        var response = device.Post("/api/keymgmt/create", CreateBody, token, tls: false);

        // Assert
        response.Status.Should().Be(409);
    }

    [TestMethod]
    public void Pipeline_answers_409_on_an_uninitialised_device_before_asking_for_a_token()
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        var response = device.Post("/api/keymgmt/create", CreateBody);

        // Assert
        response.Status.Should().Be(409);
    }

    [TestMethod]
    [DataRow("keymgmt:gen")]
    [DataRow("keymgmt:list")]
    [DataRow(null)]
    public void Pipeline_answers_418_to_plain_http_on_an_https_only_endpoint(string? scope)
    {
        // Arrange
        using var device = Provisioned();
        var token = scope is null ? null : device.Login(scope);
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Post("/api/keymgmt/create", CreateBody, token, tls: false);

        // Assert: 418 beats 401 (no token) and 403 (wrong scope); nothing is created or logged.
        response.Status.Should().Be(418);
        response.Body.Should().BeEmpty();
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Pipeline_answers_401_when_a_required_token_is_absent()
    {
        // Arrange
        using var device = Provisioned();
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Post("/api/keymgmt/create", CreateBody);

        // Assert
        response.Status.Should().Be(401);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Pipeline_answers_403_to_a_master_token_on_key_management_and_logs_it()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("keymgmt:gen", TestDevice.Master);
        var slotsBefore = device.Core.Flash.ReadSlots().Count;

        // Act
        var response = device.Post("/api/keymgmt/create", CreateBody, token);

        // Assert
        response.Status.Should().Be(403);
        device.Core.Flash.ReadSlots().Should().HaveCount(slotsBefore);
        var line = device.LastAuditLine();
        line.Type.Should().Be(FailedScopeCheck);
        line.Result.Should().Be(1);
        line.Subject.Should().Be("M");
        line.DataBytes.Should().Equal(Encoding.ASCII.GetBytes("keymgmt:gen"));
    }

    [TestMethod]
    public void Pipeline_checks_the_scope_before_the_body()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("keymgmt:list");

        // Act
        var response = device.Post("/api/keymgmt/create", "{not json", token);

        // Assert
        response.Status.Should().Be(403);
    }

    [TestMethod]
    [DataRow("{not json")]
    [DataRow("[]")]
    [DataRow("\"text\"")]
    [DataRow("{} {}")]
    public void Pipeline_answers_400_to_a_body_that_is_not_one_json_object(string body)
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("keymgmt:gen");

        // Act
        var response = device.Post("/api/keymgmt/create", body, token);

        // Assert
        response.Status.Should().Be(400);
        response.Body.Should().BeEmpty();
    }

    [TestMethod]
    public void Pipeline_latches_a_trng_failure_and_answers_409_until_reboot()
    {
        // Arrange
        var entropy = new ScriptedEntropy();
        using var device = new TestDevice(new HemDeviceOptions { Entropy = entropy });
        device.Provision().Status.Should().Be(200);
        var token = device.Login("keymgmt:gen");
        var rebootToken = device.Login("system:config");
        var slotsBefore = device.Core.Flash.ReadSlots().Count;
        var linesBefore = device.AuditLines().Count;
        entropy.FailNextFill();

        // Act
        var failed = device.Post("/api/keymgmt/create", CreateBody, token);
        var next = device.Post("/api/keymgmt/create", CreateBody, token);

        // Assert: spec §20, the fault latches bit 0x02, logs TRNG_FAILED then NON_SECURE_STATE, and clears on reboot.
        failed.Status.Should().Be(409);
        next.Status.Should().Be(409);
        device.Core.Boot.FaultState.Should().Be(0x02);
        device.Core.Flash.ReadSlots().Should().HaveCount(slotsBefore);
        device.AuditLines().Skip(linesBefore).Select(l => (l.Type, l.Result)).Should().Equal((0x05, 0), (0x08, 0));
        TestDevice.Json(device.Get("/api/system/status"))["fls_state"]!.GetValue<int>().Should().Be(0x02);
        device.Get("/api/system/reboot", rebootToken).Status.Should().Be(200);
        device.Core.Boot.FaultState.Should().Be(0);
        device.Post("/api/keymgmt/create", CreateBody, device.Login("keymgmt:gen")).Status.Should().Be(200);
    }

    [TestMethod]
    public void Pipeline_answers_400_to_a_body_that_is_not_utf8()
    {
        // Arrange
        using var device = Provisioned();
        byte[] body = [.. "{\"auth\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        // Act
        var response = device.Send(ApiRequest.Post("/api/auth/token", body, isTls: false));

        // Assert: spec §3.7, JSON text is UTF-8; anything else is unparseable (400), never a 500.
        response.Status.Should().Be(400);
    }

    [TestMethod]
    [DataRow("GET", "/api/unknown")]
    [DataRow("GET", "/")]
    [DataRow("GET", "/api/system/status/extra")]
    [DataRow("GET", "/API/system/status")]
    [DataRow("POST", "/api/system/status")]
    [DataRow("DELETE", "/api/system/version")]
    [DataRow("GET", "/api/keymgmt/create")]
    [DataRow("PUT", "/api/auth/token")]
    public void Pipeline_answers_404_to_an_unknown_path_or_method(string method, string path)
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var response = Send(device, method, path);

        // Assert
        response.Status.Should().Be(404);
        response.Body.Should().BeEmpty();
    }

    [TestMethod]
    public void Pipeline_ignores_trailing_blanks_in_the_path()
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var response = Send(device, "GET", "/api/system/status  ");

        // Assert
        response.Status.Should().Be(200);
    }

    [TestMethod]
    public void Pipeline_answers_401_to_an_invalid_token_before_routing()
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var response = device.Send(ApiRequest.Get("/api/unknown") with { Authorization = "Bearer a.b.c" });

        // Assert
        response.Status.Should().Be(401);
    }

    [TestMethod]
    [DataRow("GET", "/api/system/status")]
    [DataRow("GET", "/api/unknown")]
    [DataRow("OPTIONS", "/api/unknown")]
    [DataRow("POST", "/api/keymgmt/create")]
    public void Pipeline_closes_every_connection_and_labels_every_body_json(string method, string path)
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var response = Send(device, method, path);

        // Assert
        response.Flags.Should().HaveFlag(ResponseFlags.CloseConnection);
        response.ContentType.Should().Be("application/json");
    }

    [TestMethod]
    public void Pipeline_logs_the_outcome_of_a_request_refused_with_400()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("keymgmt:gen");
        var slotsBefore = device.Core.Flash.ReadSlots().Count;

        // Act
        var response = device.Post("/api/keymgmt/create", new { label = "", type = "ED25519" }, token);

        // Assert: spec §12.7 KEY_GENERATION / ERROR on 400.
        response.Status.Should().Be(400);
        device.Core.Flash.ReadSlots().Should().HaveCount(slotsBefore);
        device.LastAuditLine().Type.Should().Be(0x14);
        device.LastAuditLine().Result.Should().Be(2);
    }
}
