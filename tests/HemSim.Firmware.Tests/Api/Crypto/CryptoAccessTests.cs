using System.Text;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.SelfTest;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.Crypto;

/// <summary>
/// The checks every <c>/api/crypto/*</c> endpoint shares, made by the pipeline before any handler runs (spec §3.3,
/// §5.3, §5.4, §13 "Common to every endpoint"): state, transport, token, role and the exact
/// <c>keymgmt:use:&lt;kid&gt;</c> scope taken from the body's kid.
/// </summary>
[TestClass]
public sealed class CryptoAccessTests
{
    private const int FailedScopeCheck = 0x0c;
    private const int Failed = 1, Error = 2;

    /// <summary>Every crypto operation with the audit event of its outcome (spec §19.1).</summary>
    public static IEnumerable<object[]> Operations =>
    [
        ["hmac/hash", CryptoRig.HmacHash], ["hmac/verify", CryptoRig.HmacVerify],
        ["exdsa/sign", CryptoRig.ExdsaSign], ["exdsa/verify", CryptoRig.ExdsaVerify],
        ["cipher/encrypt", CryptoRig.Encrypt], ["cipher/decrypt", CryptoRig.Decrypt],
        ["cipher/wrap", CryptoRig.Wrap], ["cipher/unwrap", CryptoRig.Unwrap],
        ["ecdh", CryptoRig.Ecdh],
        ["pqc/mlkem/encaps", CryptoRig.MlKemEncaps], ["pqc/mlkem/decaps", CryptoRig.MlKemDecaps],
        ["pqc/mldsa/sign", CryptoRig.MlDsaSign], ["pqc/mldsa/verify", CryptoRig.MlDsaVerify],
    ];

    private static object Body(string kid) => new { kid, msg = "AAECAw==" };

    [TestMethod]
    [DynamicData(nameof(Operations))]
    public void Another_kids_use_token_is_refused_with_403_and_audited_as_a_failed_scope_check(string operation, int _)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("AES256");
        var other = rig.Create("SHA2-256");
        var otherToken = rig.Use(other);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call(operation, Body(kid), kid, otherToken);

        // Assert
        response.Status.Should().Be(403);
        response.Body.Should().BeEmpty();
        rig.Keys.ShouldOnlyHaveLogged(before, FailedScopeCheck, Failed, Encoding.ASCII.GetBytes("keymgmt:use:" + other));
    }

    [TestMethod]
    [DynamicData(nameof(Operations))]
    public void The_kid_must_be_named_exactly_as_in_the_token(string operation, int _)
    {
        // Arrange: spec §3.9, an exact string compare: the token names the lowercase kid, the body the uppercase one.
        using var rig = new CryptoRig();
        var kid = rig.Create("AES256");
        var token = rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call(operation, Body(kid.ToUpperInvariant()), kid, token);

        // Assert
        response.Status.Should().Be(403);
        rig.Keys.ShouldOnlyHaveLogged(before, FailedScopeCheck, Failed, Encoding.ASCII.GetBytes("keymgmt:use:" + kid));
    }

    [TestMethod]
    [DataRow("keymgmt:gen")]
    [DataRow("keymgmt:use:")]
    [DataRow("keymgmt:use")]
    public void A_prefix_or_another_scope_does_not_unlock_a_key(string scope)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("SHA2-256");
        var token = rig.Keys.Token(scope);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call("hmac/hash", Body(kid), kid, token);

        // Assert
        response.Status.Should().Be(403);
        rig.Keys.ShouldOnlyHaveLogged(before, FailedScopeCheck, Failed, Encoding.ASCII.GetBytes(scope));
    }

    [TestMethod]
    [DataRow("{not json")]
    [DataRow("{\"msg\":\"AAECAw==\"}")]
    public void A_token_for_something_else_is_refused_before_the_body_is_read(string body)
    {
        // Arrange: spec §3.3, scope (403) before body (400); only a key-use token needs the body's kid.
        using var rig = new CryptoRig();
        var kid = rig.Create("SHA2-256");
        var token = rig.Keys.Token("keymgmt:list");
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call("hmac/hash", body, kid, token);

        // Assert
        response.Status.Should().Be(403);
        rig.Keys.ShouldOnlyHaveLogged(before, FailedScopeCheck, Failed, Encoding.ASCII.GetBytes("keymgmt:list"));
    }

    [TestMethod]
    [DynamicData(nameof(Operations))]
    public void A_missing_kid_is_malformed_and_audited_as_an_error_of_the_operation(string operation, int auditEvent)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("AES256");
        var token = rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call(operation, new { msg = "AAECAw==" }, kid, token);

        // Assert
        response.Status.Should().Be(400);
        rig.Keys.ShouldOnlyHaveLogged(before, auditEvent, Error, []);
    }

    [TestMethod]
    [DataRow("{\"kid\":12}")]
    [DataRow("{\"kid\":null}")]
    [DataRow("{\"kid\":[\"00112233445566778899aabbccddeeff\"]}")]
    public void A_kid_that_is_not_a_string_is_malformed(string body)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("SHA2-256");
        var token = rig.Use(kid);

        // Act
        var response = rig.Call("hmac/hash", body, kid, token);

        // Assert
        response.Status.Should().Be(400);
    }

    [TestMethod]
    [DynamicData(nameof(Operations))]
    public void The_master_role_is_refused_even_with_the_right_scope(string operation, int _)
    {
        // Arrange: spec §5.3, role M → 403 on every /api/crypto/* endpoint.
        using var rig = new CryptoRig();
        var kid = rig.Create("AES256");
        var masterToken = rig.Device.Login("keymgmt:use:" + kid, TestDevice.Master);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call(operation, Body(kid), kid, masterToken);

        // Assert
        response.Status.Should().Be(403);
        var after = rig.Keys.Snapshot();
        after.AuditLines.Should().HaveCount(before.AuditLines.Count + 1);
        rig.Device.LastAuditLine().Type.Should().Be(FailedScopeCheck);
        rig.Device.LastAuditLine().Subject.Should().Be("M");
    }

    [TestMethod]
    [DynamicData(nameof(Operations))]
    public void No_token_answers_401(string operation, int _)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("AES256");
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Device.Post("/api/crypto/" + operation, Body(kid));

        // Assert
        response.Status.Should().Be(401);
        rig.Keys.ShouldBeUnchanged(before);
    }

    [TestMethod]
    [DynamicData(nameof(Operations))]
    public void Plain_http_answers_418_except_the_hmac_hash_quirk(string operation, int _)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("AES256");
        var token = rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call(operation, Body(kid), kid, token, tls: false);

        // Assert: spec §3.4 QUIRK, hmac/hash folds plain HTTP into the state check.
        response.Status.Should().Be(operation == "hmac/hash" ? 409 : 418);
        rig.Keys.ShouldBeUnchanged(before);
    }

    [TestMethod]
    [DynamicData(nameof(Operations))]
    public void Strict_tls_answers_418_on_every_operation(string operation, int _)
    {
        // Arrange
        using var rig = new CryptoRig(new HemDeviceOptions { StrictTls = true });
        var kid = rig.Create("AES256");
        var token = rig.Use(kid);

        // Act
        var response = rig.Call(operation, Body(kid), kid, token, tls: false);

        // Assert
        response.Status.Should().Be(418);
    }

    [TestMethod]
    [DynamicData(nameof(Operations))]
    public void A_latched_fault_answers_409_before_anything_else(string operation, int _)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("AES256");
        var token = rig.Use(kid);
        rig.Device.Core.LatchFault(FaultBits.Entropy);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call(operation, Body(kid), kid, token);

        // Assert
        response.Status.Should().Be(409);
        rig.Keys.ShouldBeUnchanged(before);
    }

    [TestMethod]
    [DynamicData(nameof(Operations))]
    public void An_uninitialised_device_answers_409(string operation, int _)
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        var response = device.Post("/api/crypto/" + operation, Body("00112233445566778899aabbccddeeff"));

        // Assert
        response.Status.Should().Be(409);
    }
}
