using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Tests.Api.KeyMgmt;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Crypto.CryptoRig;

namespace HemSim.Firmware.Tests.Api.Crypto;

/// <summary>hmac/hash and hmac/verify: every 400 and 406 cause with its audit line and nothing else; 403, 409/418.</summary>
public sealed partial class CryptoHmacTests
{
    /// <summary>Sends <paramref name="body"/> (raw JSON) and checks the status and the single outcome audit line.</summary>
    private static void ShouldAnswer(CryptoRig rig, string operation, string kid, string body, int status, string? token = null)
    {
        // Arrange: log in first, so the login's own audit line lands before the snapshot.
        token ??= rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call(operation, body, kid, token);

        // Assert
        response.Status.Should().Be(status, body);
        response.Body.Should().BeEmpty();
        var type = operation == "hmac/hash" ? HmacHash : HmacVerify;
        var result = status == 400 ? KeyWriteRig.Error : KeyWriteRig.Failed;
        rig.Keys.ShouldOnlyHaveLogged(before, type, result, CryptoEcdhTests.IsKid(kid) ? Convert.FromHexString(kid) : []);
    }

    /// <summary>Fills the template's <c>K</c> (the kid), <c>M</c> (a valid mac of 32 bytes) and <c>P</c> (a CURVE25519 pubkey).</summary>
    private static string Fill(string template, string kid, byte[] publicKey) => template
        .Replace("\"K\"", $"\"{kid}\"", StringComparison.Ordinal)
        .Replace("\"M\"", $"\"{B64(new byte[32])}\"", StringComparison.Ordinal)
        .Replace("\"P\"", $"\"{B64(publicKey)}\"", StringComparison.Ordinal);

    [TestMethod]
    [DataRow("hmac/hash", """{"kid":"K"}""", DisplayName = "hash: msg missing")]
    [DataRow("hmac/hash", """{"kid":"K","msg":null}""", DisplayName = "hash: msg null")]
    [DataRow("hmac/hash", """{"kid":"K","msg":"*** not base64 ***"}""", DisplayName = "hash: msg not base64")]
    [DataRow("hmac/hash", """{"kid":"K","msg":"QUJDR"}""", DisplayName = "hash: msg of an impossible base64 length")]
    [DataRow("hmac/hash", """{"kid":"K","msg":42}""", DisplayName = "hash: msg not a string")]
    [DataRow("hmac/hash", """{"kid":"K","msg":"AA","pubkey":"P","alg":"SHA-256"}""", DisplayName = "hash: alg unknown in ECDH mode")]
    [DataRow("hmac/hash", """{"kid":"K","msg":"AA","pubkey":"P","alg":"sha3-256"}""", DisplayName = "hash: alg in lower case")]
    [DataRow("hmac/hash", """{"kid":"K","msg":"AA","pubkey":"P","alg":1}""", DisplayName = "hash: alg not a string")]
    [DataRow("hmac/hash", """{"kid":"K","msg":"AA","ext_kid":"12345","alg":"SHA2-256"}""", DisplayName = "hash: ext_kid not 32 hex")]
    [DataRow("hmac/hash", """{"kid":"K","msg":"AA","pubkey":"%%","alg":"SHA2-256"}""", DisplayName = "hash: pubkey not base64")]
    [DataRow("hmac/verify", """{"kid":"K","msg":"AA"}""", DisplayName = "verify: mac missing")]
    [DataRow("hmac/verify", """{"kid":"K","msg":"AA","mac":"*"}""", DisplayName = "verify: mac not base64")]
    [DataRow("hmac/verify", """{"kid":"K","msg":"AA","mac":64}""", DisplayName = "verify: mac not a string")]
    [DataRow("hmac/verify", """{"kid":"K","mac":"M"}""", DisplayName = "verify: msg missing")]
    [DataRow("hmac/verify", """{"kid":"K","msg":"AA","mac":"M","pubkey":"P","alg":"SHA2-1024"}""", DisplayName = "verify: alg unknown")]
    public void Hmac_answers_400_for_a_malformed_field(string operation, string template)
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("CURVE25519");
        ShouldAnswer(rig, operation, kid, Fill(template, kid, rig.PublicKey(kid)), 400);
    }

    [TestMethod]
    public void Verify_answers_400_for_a_mac_over_64_bytes()
    {
        // Arrange: spec §13.2, mac ≤ 64 bytes; 64 itself is well-formed (and here simply wrong → 406).
        using var rig = new CryptoRig();
        var kid = rig.Create("SHA2-512");

        // Act, Assert
        ShouldAnswer(rig, "hmac/verify", kid, $$"""{"kid":"{{kid}}","msg":"AA","mac":"{{B64(new byte[65])}}"}""", 400);
        ShouldAnswer(rig, "hmac/verify", kid, $$"""{"kid":"{{kid}}","msg":"AA","mac":"{{B64(new byte[64])}}"}""", 406);
    }

    [TestMethod]
    [DataRow("hmac/hash")]
    [DataRow("hmac/verify")]
    public void Hmac_answers_400_for_a_kid_that_is_not_32_hex_characters_and_without_a_kid(string operation)
    {
        using var rig = new CryptoRig();
        var token = rig.Keys.Token("keymgmt:use:xyz");
        ShouldAnswer(rig, operation, "xyz", $$"""{"kid":"xyz","msg":"AA","mac":"{{B64(new byte[32])}}"}""", 400, token);
        ShouldAnswer(rig, operation, "", $$"""{"msg":"AA","mac":"{{B64(new byte[32])}}"}""", 400, token);
    }

    [TestMethod]
    [DataRow("hmac/hash", "AES256")]
    [DataRow("hmac/hash", "CURVE25519")]
    [DataRow("hmac/hash", "ED448")]
    [DataRow("hmac/hash", "SECP256R1")]
    [DataRow("hmac/verify", "AES128")]
    [DataRow("hmac/verify", "MLDSA44")]
    public void Hmac_answers_406_for_a_stored_key_that_is_not_an_hmac_key(string operation, string type)
    {
        using var rig = new CryptoRig();
        var kid = rig.Create(type);
        ShouldAnswer(rig, operation, kid, $$"""{"kid":"{{kid}}","msg":"AA","mac":"{{B64(new byte[32])}}","alg":"SHA2-256"}""", 406);
    }

    [TestMethod]
    [DataRow("hmac/hash")]
    [DataRow("hmac/verify")]
    public void Hmac_answers_406_for_a_kid_that_is_not_stored(string operation)
    {
        using var rig = new CryptoRig();
        var kid = new string('c', 32);
        ShouldAnswer(rig, operation, kid, $$"""{"kid":"{{kid}}","msg":"AA","mac":"{{B64(new byte[32])}}"}""", 406);
    }

    [TestMethod]
    [DataRow("""{"kid":"K","msg":"AA","mac":"M","pubkey":"P"}""", DisplayName = "alg missing in ECDH mode")]
    [DataRow("""{"kid":"K","msg":"AA","mac":"M","ext_kid":"K","alg":null}""", DisplayName = "alg null in ECDH mode")]
    [DataRow("""{"kid":"K","msg":"AA","mac":"M","pubkey":"AAAA","alg":"SHA2-256"}""", DisplayName = "pubkey of the wrong length")]
    [DataRow("""{"kid":"K","msg":"AA","mac":"M","pubkey":"","alg":"SHA2-256"}""", DisplayName = "pubkey empty")]
    [DataRow("""{"kid":"K","msg":"AA","mac":"M","ext_kid":"dddddddddddddddddddddddddddddddd","alg":"SHA2-256"}""", DisplayName = "ext_kid not stored")]
    public void Hmac_answers_406_for_an_ecdh_mode_failure(string template)
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("CURVE25519");
        foreach (var operation in new[] { "hmac/hash", "hmac/verify" })
        {
            ShouldAnswer(rig, operation, kid, Fill(template, kid, rig.PublicKey(kid)), 406);
        }
    }

    [TestMethod]
    public void Hmac_answers_406_in_ecdh_mode_for_a_kid_that_cannot_do_ecdh_or_a_peer_on_another_curve()
    {
        // Arrange
        using var rig = new CryptoRig();
        var hmacKey = rig.Create("SHA2-256");
        var signOnly = rig.Create("SECP384R1", "ExDSA");
        var x448 = rig.Create("CURVE448");
        var x25519 = rig.Create("CURVE25519");

        // Act, Assert: an HMAC key is no ECDH key, even when it names itself as the peer.
        ShouldAnswer(rig, "hmac/hash", hmacKey, $$"""{"kid":"{{hmacKey}}","msg":"AA","ext_kid":"{{hmacKey}}","alg":"SHA2-256"}""", 406);
        ShouldAnswer(rig, "hmac/hash", signOnly, $$"""{"kid":"{{signOnly}}","msg":"AA","ext_kid":"{{signOnly}}","alg":"SHA2-256"}""", 406);
        ShouldAnswer(rig, "hmac/hash", x448, $$"""{"kid":"{{x448}}","msg":"AA","ext_kid":"{{x25519}}","alg":"SHA2-256"}""", 406);
        ShouldAnswer(rig, "hmac/verify", x25519,
            $$"""{"kid":"{{x25519}}","msg":"AA","mac":"AA","pubkey":"{{B64(rig.PublicKey(x448))}}","alg":"SHA2-256"}""", 406);
    }

    [TestMethod]
    [DataRow("hmac/hash")]
    [DataRow("hmac/verify")]
    public void Hmac_answers_403_to_a_token_for_another_kid_and_to_the_master_role(string operation)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("SHA2-256");
        var other = rig.Create("SHA2-384");
        var otherToken = rig.Use(other);
        var masterToken = rig.Device.Login("keymgmt:use:" + kid, TestDevice.Master);
        var body = new { kid, msg = "AA", mac = B64(new byte[32]) };

        // Act, Assert
        var before = rig.Keys.Snapshot();
        rig.Call(operation, body, kid, otherToken).Status.Should().Be(403);
        KeyMgmtListTests.AssertOnlyAFailedScopeCheckWasLogged(rig.Device, before, "U", "keymgmt:use:" + other);

        before = rig.Keys.Snapshot();
        rig.Call(operation, body, kid, masterToken).Status.Should().Be(403);
        KeyMgmtListTests.AssertOnlyAFailedScopeCheckWasLogged(rig.Device, before, "M", "keymgmt:use:" + kid);
    }

    [TestMethod]
    [DataRow("hmac/hash", false, 409, DisplayName = "hash: QUIRK 409 over plain HTTP")]
    [DataRow("hmac/hash", true, 418, DisplayName = "hash: 418 with StrictTls")]
    [DataRow("hmac/verify", false, 418, DisplayName = "verify: 418")]
    [DataRow("hmac/verify", true, 418, DisplayName = "verify: 418 with StrictTls")]
    public void Hmac_over_plain_http_answers_the_tls_status_and_changes_nothing(string operation, bool strictTls, int status)
    {
        // Arrange: spec §3.4, hmac/hash folds "no TLS" into its state check.
        using var rig = new CryptoRig(new HemDeviceOptions { StrictTls = strictTls });
        var kid = rig.Create("SHA2-256");
        var token = rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call(operation, new { kid, msg = "AA", mac = B64(new byte[32]) }, kid, token, tls: false);

        // Assert
        response.Status.Should().Be(status);
        response.Body.Should().BeEmpty();
        rig.Keys.ShouldBeUnchanged(before);
    }
}
