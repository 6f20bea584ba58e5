using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Tests.Api.KeyMgmt;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Crypto.CryptoRig;

namespace HemSim.Firmware.Tests.Api.Crypto;

/// <summary>POST /api/crypto/ecdh: every 400 and 406 cause, each leaving only its audit line; 403, 418 (spec §13.9).</summary>
public sealed partial class CryptoEcdhTests
{
    /// <summary>Sends <paramref name="body"/> (raw JSON text) and checks the status and the single outcome audit line.</summary>
    private static void ShouldAnswer(CryptoRig rig, string kid, string body, int status, string? token = null)
    {
        // Arrange: log in first, so the login's own audit line lands before the snapshot.
        token ??= rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call("ecdh", body, kid, token);

        // Assert
        response.Status.Should().Be(status, body);
        response.Body.Should().BeEmpty();
        var result = status == 400 ? KeyWriteRig.Error : KeyWriteRig.Failed;
        rig.Keys.ShouldOnlyHaveLogged(before, Ecdh, result, IsKid(kid) ? Convert.FromHexString(kid) : []);
    }

    /// <summary>32 hex characters: the kid the device puts in its audit line.</summary>
    internal static bool IsKid(string kid) => kid.Length == 32 && kid.All(Uri.IsHexDigit);

    [TestMethod]
    [DataRow("""{"kid":"K","ext_kid":"1234"}""", DisplayName = "ext_kid not 32 hex")]
    [DataRow("""{"kid":"K","ext_kid":5}""", DisplayName = "ext_kid not a string")]
    [DataRow("""{"kid":"K","pubkey":"*** not base64 ***"}""", DisplayName = "pubkey not base64")]
    [DataRow("""{"kid":"K","pubkey":["AAAA"]}""", DisplayName = "pubkey not a string")]
    [DataRow("""{"kid":"K","ext_kid":"K","alg":"SHA256"}""", DisplayName = "alg unknown")]
    [DataRow("""{"kid":"K","ext_kid":"K","alg":"sha2-256"}""", DisplayName = "alg in lower case")]
    [DataRow("""{"kid":"K","ext_kid":"K","alg":""}""", DisplayName = "alg empty")]
    [DataRow("""{"kid":"K","ext_kid":"K","alg":256}""", DisplayName = "alg not a string")]
    [DataRow("""{"kid":"K","alg":"MD5"}""", DisplayName = "alg unknown before the missing peer")]
    public void Ecdh_answers_400_for_a_malformed_field(string template)
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("CURVE25519");
        ShouldAnswer(rig, kid, template.Replace("\"K\"", $"\"{kid}\"", StringComparison.Ordinal), 400);
    }

    [TestMethod]
    public void Ecdh_answers_400_for_a_kid_that_is_not_32_hex_characters()
    {
        // Arrange: a token whose scope names exactly that string passes the scope check (§5.4), so the handler decides.
        using var rig = new CryptoRig();
        var token = rig.Keys.Token("keymgmt:use:not-a-kid");

        // Act, Assert
        ShouldAnswer(rig, "not-a-kid", """{"kid":"not-a-kid","ext_kid":"not-a-kid"}""", 400, token);
    }

    [TestMethod]
    public void Ecdh_answers_400_without_a_kid()
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("CURVE25519");
        ShouldAnswer(rig, "", $$"""{"ext_kid":"{{kid}}"}""", 400, rig.Use(kid));
    }

    [TestMethod]
    public void Ecdh_answers_406_without_a_peer()
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("CURVE25519");
        ShouldAnswer(rig, kid, $$"""{"kid":"{{kid}}","alg":"SHA2-256"}""", 406);
        ShouldAnswer(rig, kid, $$"""{"kid":"{{kid}}","pubkey":null,"ext_kid":null}""", 406);
    }

    [TestMethod]
    [DataRow("ED25519", null)]
    [DataRow("ED448", null)]
    [DataRow("AES256", null)]
    [DataRow("SHA2-256", null)]
    [DataRow("MLKEM512", null)]
    [DataRow("SECP256R1", "ExDSA")]
    public void Ecdh_answers_406_for_a_key_that_cannot_do_ecdh(string type, string? mode)
    {
        // Arrange: the peer is the key itself, so only the key's own capability can fail.
        using var rig = new CryptoRig();
        var kid = rig.Create(type, mode);

        // Act, Assert
        ShouldAnswer(rig, kid, $$"""{"kid":"{{kid}}","ext_kid":"{{kid}}"}""", 406);
    }

    [TestMethod]
    public void Ecdh_answers_406_for_an_imported_public_key_as_kid()
    {
        using var rig = new CryptoRig();
        using var peer = KeyMgmtDeriveTests.Peer.Create("CURVE25519");
        var kid = rig.Import("CURVE25519", peer.PublicKey);
        ShouldAnswer(rig, kid, $$"""{"kid":"{{kid}}","pubkey":"{{B64(peer.PublicKey)}}"}""", 406);
    }

    [TestMethod]
    public void Ecdh_answers_406_for_a_kid_that_is_not_stored()
    {
        using var rig = new CryptoRig();
        var kid = new string('a', 32);
        ShouldAnswer(rig, kid, $$"""{"kid":"{{kid}}","ext_kid":"{{kid}}"}""", 406);
    }

    [TestMethod]
    public void Ecdh_answers_406_for_a_peer_on_another_curve()
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = KeyMgmtDeriveTests.CreateSource(rig.Keys, "SECP256R1");
        var k1 = KeyMgmtDeriveTests.CreateSource(rig.Keys, "SECP256K1");
        var x25519 = rig.Create("CURVE25519");
        using var p384 = KeyMgmtDeriveTests.Peer.Create("SECP384R1");

        // Act, Assert: a stored key of another curve (same 33-byte encoding for k1), and a pubkey of another size.
        ShouldAnswer(rig, kid, $$"""{"kid":"{{kid}}","ext_kid":"{{k1}}"}""", 406);
        ShouldAnswer(rig, kid, $$"""{"kid":"{{kid}}","ext_kid":"{{x25519}}"}""", 406);
        ShouldAnswer(rig, kid, $$"""{"kid":"{{kid}}","pubkey":"{{B64(p384.PublicKey)}}"}""", 406);
        ShouldAnswer(rig, kid, $$"""{"kid":"{{kid}}","pubkey":"{{B64(rig.PublicKey(x25519))}}"}""", 406);
    }

    [TestMethod]
    public void Ecdh_answers_406_for_an_ext_kid_that_is_not_stored()
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("CURVE25519");
        ShouldAnswer(rig, kid, $$"""{"kid":"{{kid}}","ext_kid":"{{new string('b', 32)}}","alg":"SHA3-256"}""", 406);
    }

    [TestMethod]
    [DataRow("SECP256R1", "02" + "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", DisplayName = "x = 2^256-1, not a field element")]
    [DataRow("SECP256R1", "04" + "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296", DisplayName = "uncompressed prefix")]
    [DataRow("SECP521R1", "05" + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", DisplayName = "bad prefix")]
    [DataRow("CURVE25519", "0000000000000000000000000000000000000000000000000000000000000000", DisplayName = "X25519 low-order u = 0")]
    [DataRow("CURVE448", "0100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", DisplayName = "X448 low-order u = 1")]
    public void Ecdh_answers_406_for_a_pubkey_that_is_not_a_usable_point(string curve, string hex)
    {
        using var rig = new CryptoRig();
        var kid = KeyMgmtDeriveTests.CreateSource(rig.Keys, curve);
        ShouldAnswer(rig, kid, $$"""{"kid":"{{kid}}","pubkey":"{{B64(Convert.FromHexString(hex))}}"}""", 406);
    }

    [TestMethod]
    public void Ecdh_answers_403_to_a_token_for_another_kid_and_logs_the_scope_check()
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("CURVE25519");
        var other = rig.Create("CURVE448");
        var token = rig.Use(other);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call("ecdh", new { kid, ext_kid = kid }, kid, token);

        // Assert
        response.Status.Should().Be(403);
        KeyMgmtListTests.AssertOnlyAFailedScopeCheckWasLogged(rig.Device, before, "U", "keymgmt:use:" + other);
    }

    [TestMethod]
    public void Ecdh_answers_403_to_the_master_role()
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("CURVE25519");
        var token = rig.Device.Login("keymgmt:use:" + kid, TestDevice.Master);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call("ecdh", new { kid, ext_kid = kid }, kid, token);

        // Assert
        response.Status.Should().Be(403);
        KeyMgmtListTests.AssertOnlyAFailedScopeCheckWasLogged(rig.Device, before, "M", "keymgmt:use:" + kid);
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void Ecdh_answers_418_over_plain_http_whatever_the_strict_tls_option(bool strictTls)
    {
        // Arrange
        using var rig = new CryptoRig(new HemDeviceOptions { StrictTls = strictTls });
        var kid = rig.Create("CURVE25519");
        var token = rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call("ecdh", new { kid, ext_kid = kid }, kid, token, tls: false);

        // Assert
        response.Status.Should().Be(418);
        response.Body.Should().BeEmpty();
        rig.Keys.ShouldBeUnchanged(before);
    }
}
