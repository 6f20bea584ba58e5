using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Firmware.Tests.Api.KeyMgmt;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using static HemSim.Firmware.Tests.Api.KeyMgmt.KeyWriteRig;

namespace HemSim.Firmware.Tests.Api.Crypto;

/// <summary>
/// POST /api/crypto/cipher/wrap and /unwrap (spec §13.7, §13.8): RFC 3394 blobs made on the device unwrapped in the
/// test with BouncyCastle's <see cref="Rfc3394WrapEngine"/> over its managed <see cref="AesEngine"/>, and the reverse.
/// </summary>
[TestClass]
public sealed partial class CryptoWrapTests
{
    private static readonly byte[] s_defaultIv = Convert.FromHexString("A6A6A6A6A6A6A6A6");

    internal static JsonObject Body(string kid, byte[] msg, string? alg = null)
    {
        var body = new JsonObject { ["kid"] = kid, ["msg"] = CryptoRig.B64(msg) };
        if (alg is not null)
        {
            body["alg"] = alg;
        }
        return body;
    }

    internal static byte[] Rfc3394(bool wrap, byte[] kek, byte[] iv, byte[] input)
    {
        var engine = new Rfc3394WrapEngine(new AesEngine());
        engine.Init(wrap, new ParametersWithIV(new KeyParameter(kek), iv));
        return wrap ? engine.Wrap(input, 0, input.Length) : engine.Unwrap(input, 0, input.Length);
    }

    [TestMethod]
    [DataRow("AES128", "AES128")]
    [DataRow("AES192", "AES192")]
    [DataRow("AES256", "AES256")]
    [DataRow("AES256", null)]
    public void Wrap_on_the_device_unwraps_in_the_test(string type, string? alg)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create(type);
        var keyData = RandomNumberGenerator.GetBytes(32);

        // Act
        var json = CryptoRig.Ok(rig.Call("cipher/wrap", Body(kid, keyData, alg), kid));

        // Assert
        json.Select(p => p.Key).Should().Equal("wrapped");
        var wrapped = CryptoRig.Bytes(json, "wrapped");
        wrapped.Should().HaveCount(40);
        Rfc3394(false, rig.Keys.Secret(kid), s_defaultIv, wrapped).Should().Equal(keyData);
    }

    [TestMethod]
    [DataRow("AES128", 16)]
    [DataRow("AES192", 24)]
    [DataRow("AES256", 64)]
    public void Unwrap_on_the_device_opens_a_blob_made_in_the_test(string type, int length)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create(type);
        var keyData = RandomNumberGenerator.GetBytes(length);
        var wrapped = Rfc3394(true, rig.Keys.Secret(kid), s_defaultIv, keyData);

        // Act
        var json = CryptoRig.Ok(rig.Call("cipher/unwrap", Body(kid, wrapped, type), kid));

        // Assert
        json.Select(p => p.Key).Should().Equal("unwrapped");
        CryptoRig.Bytes(json, "unwrapped").Should().Equal(keyData);
    }

    [TestMethod]
    public void Wrap_and_unwrap_use_the_alternative_iv_they_are_given()
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("AES256");
        var iv = Convert.FromHexString("0123456789abcdef");
        var keyData = RandomNumberGenerator.GetBytes(24);
        var body = Body(kid, keyData);
        body["iv"] = CryptoRig.B64(iv);

        // Act
        var wrapped = CryptoRig.Bytes(CryptoRig.Ok(rig.Call("cipher/wrap", body, kid)), "wrapped");
        body["msg"] = CryptoRig.B64(wrapped);
        var unwrapped = CryptoRig.Bytes(CryptoRig.Ok(rig.Call("cipher/unwrap", body, kid)), "unwrapped");

        // Assert
        var kek = rig.Keys.Secret(kid);
        Rfc3394(false, kek, iv, wrapped).Should().Equal(keyData);
        var withDefault = () => Rfc3394(false, kek, s_defaultIv, wrapped);
        withDefault.Should().Throw<InvalidCipherTextException>();
        unwrapped.Should().Equal(keyData);
        rig.Call("cipher/unwrap", Body(kid, wrapped), kid).Status.Should().Be(406, "the default IV does not match");
    }

    [TestMethod]
    [DataRow("CURVE25519", "AES128")]
    [DataRow("SECP256K1", null)]
    public void Wrap_in_ecdh_mode_uses_a_kek_from_hkdf_with_encedo_kek(string curve, string? alg)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = KeyMgmtDeriveTests.CreateSource(rig.Keys, curve);
        using var peer = KeyMgmtDeriveTests.Peer.Create(curve);
        var ctx = Encoding.ASCII.GetBytes("kek context");
        var kek = CryptoCipherTests.PeerKey(peer.Agree(rig.PublicKey(kid)), "encedo-kek", ctx, alg == "AES128" ? 16 : 32);
        var keyData = RandomNumberGenerator.GetBytes(32);
        var body = Body(kid, keyData, alg);
        body["pubkey"] = CryptoRig.B64(peer.PublicKey);
        body["ctx"] = CryptoRig.B64(ctx);

        // Act
        var wrapped = CryptoRig.Bytes(CryptoRig.Ok(rig.Call("cipher/wrap", body, kid)), "wrapped");
        var fromPeer = Rfc3394(true, kek, s_defaultIv, RandomNumberGenerator.GetBytes(16));
        body["msg"] = CryptoRig.B64(fromPeer);
        var unwrapped = CryptoRig.Ok(rig.Call("cipher/unwrap", body, kid));

        // Assert
        Rfc3394(false, kek, s_defaultIv, wrapped).Should().Equal(keyData);
        CryptoRig.Bytes(unwrapped, "unwrapped").Should().Equal(Rfc3394(false, kek, s_defaultIv, fromPeer));
    }

    [TestMethod]
    public void Wrap_and_unwrap_log_their_events_ok_with_the_kid_and_store_nothing()
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("AES256");
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var wrapped = CryptoRig.Bytes(CryptoRig.Ok(rig.Call("cipher/wrap", Body(kid, new byte[16]), kid)), "wrapped");

        // Assert
        rig.Keys.ShouldOnlyHaveLogged(before, CryptoRig.Wrap, Ok, Convert.FromHexString(kid));
        before = rig.Keys.Snapshot();
        CryptoRig.Ok(rig.Call("cipher/unwrap", Body(kid, wrapped), kid));
        rig.Keys.ShouldOnlyHaveLogged(before, CryptoRig.Unwrap, Ok, Convert.FromHexString(kid));
    }
}
