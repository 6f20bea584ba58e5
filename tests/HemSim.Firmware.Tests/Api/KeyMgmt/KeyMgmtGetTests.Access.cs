using FluentAssertions;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Rig = HemSim.Firmware.Tests.Api.KeyMgmt.KeyMgmtListTests.Rig;

namespace HemSim.Firmware.Tests.Api.KeyMgmt;

/// <summary>GET /api/keymgmt/get/{kid}: the path kid, unknown keys and who may read a key (spec §3.9, §5.4, §12.5).</summary>
public sealed partial class KeyMgmtGetTests
{
    [TestMethod]
    [DataRow("0123456789abcdef0123456789abcde")]
    [DataRow("0123456789abcdef0123456789abcdef0")]
    [DataRow("0123456789abcdef0123456789abcdeg")]
    [DataRow("0123456789abcdef 123456789abcdef")]
    [DataRow("0x23456789abcdef0123456789abcdef")]
    [DataRow("-")]
    public void Get_answers_400_when_the_kid_is_not_32_hex_characters(string kid)
    {
        // Arrange
        using var rig = new Rig();
        rig.Create();
        var token = rig.Token("keymgmt:get");
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.Device.Get("/api/keymgmt/get/" + kid, token);

        // Assert
        response.Status.Should().Be(400);
        response.Body.Should().BeEmpty();
        DeviceSnapshot.Take(rig.Device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Get_answers_406_when_no_key_has_the_kid()
    {
        // Arrange
        using var rig = new Rig();
        rig.Create();
        var token = rig.Token("keymgmt:get");
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.Device.Get("/api/keymgmt/get/00112233445566778899aabbccddeeff", token);

        // Assert
        response.Status.Should().Be(406);
        response.Body.Should().BeEmpty();
        DeviceSnapshot.Take(rig.Device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Get_answers_406_for_a_deleted_key()
    {
        // Arrange
        using var rig = new Rig();
        var kid = rig.Create();
        rig.Delete(kid);

        // Act
        var response = Get(rig, kid);

        // Assert
        response.Status.Should().Be(406);
    }

    [TestMethod]
    public void Get_accepts_an_uppercase_kid_in_the_path()
    {
        // Arrange
        using var rig = new Rig();
        var kid = rig.Create("ED25519");

        // Act
        var response = Get(rig, kid.ToUpperInvariant());

        // Assert
        response.Status.Should().Be(200);
        TestDevice.Json(response)["pubkey"]!.GetValue<string>().Should().Be(Convert.ToBase64String(rig.Record(kid).PublicKey));
    }

    [TestMethod]
    [DataRow("keymgmt:get")]
    [DataRow("keymgmt:gen")]
    [DataRow("keymgmt:getter")]
    [DataRow("keymgmt:generate")]
    public void Get_accepts_a_scope_starting_with_get_or_gen(string scope)
    {
        // Arrange
        using var rig = new Rig();
        var kid = rig.Create();

        // Act
        var response = Get(rig, kid, scope);

        // Assert
        response.Status.Should().Be(200);
    }

    [TestMethod]
    public void Get_accepts_exactly_the_key_use_scope_of_the_path_kid()
    {
        // Arrange
        using var rig = new Rig();
        var kid = rig.Create("SECP256R1");

        // Act
        var response = Get(rig, kid, "keymgmt:use:" + kid);

        // Assert
        response.Status.Should().Be(200);
        TestDevice.Json(response)["type"]!.GetValue<string>().Should().Be("SECP256R1");
    }

    [TestMethod]
    [DataRow("keymgmt:list")]
    [DataRow("keymgmt:del")]
    [DataRow("keymgmt:ge")]
    [DataRow("system:config")]
    [DataRow("use of another kid")]
    [DataRow("use with a suffix")]
    [DataRow("use as a prefix")]
    [DataRow("use in lowercase, path in uppercase")]
    public void Get_answers_403_to_another_scope_and_logs_a_failed_scope_check(string which)
    {
        // Arrange
        using var rig = new Rig();
        var kid = rig.Create();
        var other = rig.Create();
        var path = which.Contains("uppercase", StringComparison.Ordinal) ? kid.ToUpperInvariant() : kid;
        var scope = which switch
        {
            "use of another kid" => "keymgmt:use:" + other,
            "use with a suffix" => "keymgmt:use:" + kid + "0",
            "use as a prefix" => "keymgmt:use:",
            "use in lowercase, path in uppercase" => "keymgmt:use:" + kid,
            _ => which,
        };
        var token = rig.Token(scope);
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.Device.Get("/api/keymgmt/get/" + path, token);

        // Assert (§3.9: the key-use scope is compared with the path kid as an exact string)
        response.Status.Should().Be(403);
        response.Body.Should().BeEmpty();
        KeyMgmtListTests.AssertOnlyAFailedScopeCheckWasLogged(rig.Device, before, "U", scope);
    }

    [TestMethod]
    public void Get_answers_403_to_the_master_role_even_with_the_get_scope()
    {
        // Arrange
        using var rig = new Rig();
        var kid = rig.Create();
        var token = rig.Device.Login("keymgmt:get", TestDevice.Master);
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.Device.Get("/api/keymgmt/get/" + kid, token);

        // Assert
        response.Status.Should().Be(403);
        KeyMgmtListTests.AssertOnlyAFailedScopeCheckWasLogged(rig.Device, before, "M", "keymgmt:get");
    }

    [TestMethod]
    public void Get_answers_401_without_a_token()
    {
        // Arrange
        using var rig = new Rig();
        var kid = rig.Create();
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.Device.Get("/api/keymgmt/get/" + kid);

        // Assert
        response.Status.Should().Be(401);
        DeviceSnapshot.Take(rig.Device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Get_answers_418_over_plain_http()
    {
        // Arrange
        using var rig = new Rig();
        var kid = rig.Create();
        var token = rig.Token("keymgmt:get");
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.Device.Get("/api/keymgmt/get/" + kid, token, tls: false);

        // Assert
        response.Status.Should().Be(418);
        DeviceSnapshot.Take(rig.Device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Get_answers_409_on_a_fresh_device()
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        var response = device.Get("/api/keymgmt/get/00112233445566778899aabbccddeeff");

        // Assert
        response.Status.Should().Be(409);
    }
}
