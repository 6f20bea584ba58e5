using FluentAssertions;
using HemSim.Firmware.Tests.Api.KeyMgmt;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Crypto.CryptoRig;

namespace HemSim.Firmware.Tests.Api.Crypto;

/// <summary>
/// hmac/hash and hmac/verify in the ECDH key mode (spec §13.1, §18.4, §22 #10): key = Hash_alg(ss), then
/// HMAC-alg(key, msg), recomputed here from the peer's side of ss.
/// </summary>
public sealed partial class CryptoHmacTests
{
    /// <summary>[P]'s scheme, computed here: HMAC-alg(Hash_alg(ss), msg).</summary>
    private static byte[] EcdhModeMac(string alg, byte[] shared, byte[] msg) =>
        EcdhReference.Hmac(alg, EcdhReference.Hash(alg, shared), msg);

    [TestMethod]
    [DataRow("CURVE25519")]
    [DataRow("CURVE448")]
    [DataRow("SECP256R1")]
    [DataRow("SECP384R1")]
    [DataRow("SECP521R1")]
    [DataRow("SECP256K1")]
    public void Hash_in_ecdh_mode_equals_the_peer_side_for_each_alg(string curve)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = KeyMgmtDeriveTests.CreateSource(rig.Keys, curve);
        using var peer = KeyMgmtDeriveTests.Peer.Create(curve);
        var shared = peer.Agree(rig.PublicKey(kid));

        foreach (var alg in EcdhReference.Algs)
        {
            // Act
            var response = rig.Call("hmac/hash", new { kid, msg = B64(s_message), alg, pubkey = B64(peer.PublicKey) }, kid);

            // Assert
            var mac = Bytes(Ok(response), "mac");
            mac.Should().HaveCount(EcdhReference.MacSize(alg), alg);
            mac.Should().Equal(EcdhModeMac(alg, shared, s_message), alg);
        }
    }

    [TestMethod]
    [DataRow("CURVE25519")]
    [DataRow("CURVE448")]
    [DataRow("SECP256R1")]
    [DataRow("SECP384R1")]
    [DataRow("SECP521R1")]
    [DataRow("SECP256K1")]
    public void Hash_and_verify_in_ecdh_mode_with_ext_kid_equal_to_kid_round_trip(string curve)
    {
        // Arrange: [T] test_11 uses the key's own kid as ext_kid.
        using var rig = new CryptoRig();
        var kid = KeyMgmtDeriveTests.CreateSource(rig.Keys, curve);
        var shared = EcdhReference.SelfAgree(curve, rig.Keys.Secret(kid), rig.PublicKey(kid));

        foreach (var alg in EcdhReference.Algs)
        {
            // Act
            var mac = Bytes(Ok(rig.Call("hmac/hash", new { kid, msg = B64(s_message), alg, ext_kid = kid }, kid)), "mac");
            var verified = rig.Call("hmac/verify", new { kid, msg = B64(s_message), alg, ext_kid = kid, mac = B64(mac) }, kid);

            // Assert
            mac.Should().Equal(EcdhModeMac(alg, shared, s_message), alg);
            verified.Status.Should().Be(200, alg);
            verified.Body.Should().BeEmpty();
        }
    }

    [TestMethod]
    public void Verify_in_ecdh_mode_accepts_a_mac_made_by_the_peer_and_refuses_one_of_another_alg()
    {
        // Arrange: the peer makes the MAC on its side; the device checks it from its side of ss.
        using var rig = new CryptoRig();
        var kid = rig.Create("CURVE25519");
        using var peer = KeyMgmtDeriveTests.Peer.Create("CURVE25519");
        var mac = EcdhModeMac("SHA3-256", peer.Agree(rig.PublicKey(kid)), s_message);
        var pubkey = B64(peer.PublicKey);

        // Act
        var good = rig.Call("hmac/verify", new { kid, msg = B64(s_message), mac = B64(mac), alg = "SHA3-256", pubkey }, kid);
        var otherAlg = rig.Call("hmac/verify", new { kid, msg = B64(s_message), mac = B64(mac), alg = "SHA2-256", pubkey }, kid);

        // Assert
        good.Status.Should().Be(200);
        otherAlg.Status.Should().Be(406);
    }

    [TestMethod]
    public void Hash_in_ecdh_mode_prefers_ext_kid_over_pubkey()
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("CURVE448");
        using var peer = KeyMgmtDeriveTests.Peer.Create("CURVE448");
        var extKid = rig.Import("CURVE448", peer.PublicKey);
        var shared = peer.Agree(rig.PublicKey(kid));

        // Act: the pubkey is the device's own key, which would give a different ss.
        var response = rig.Call("hmac/hash",
            new { kid, msg = B64(s_message), alg = "SHA2-384", ext_kid = extKid, pubkey = B64(rig.PublicKey(kid)) }, kid);

        // Assert
        Bytes(Ok(response), "mac").Should().Equal(EcdhModeMac("SHA2-384", shared, s_message));
    }
}
