using System.Security.Cryptography;
using FluentAssertions;
using HemSim.Firmware.Tests.Api.KeyMgmt;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Crypto.CryptoRig;

namespace HemSim.Firmware.Tests.Api.Crypto;

/// <summary>
/// POST /api/crypto/hmac/hash and /hmac/verify with a stored HMAC key (spec §13.1, §13.2): every key type, the
/// MAC recomputed with .NET from the key's unsealed secret; verify round trips and mismatches.
/// </summary>
[TestClass]
public sealed partial class CryptoHmacTests
{
    private static readonly byte[] s_message = "The quick brown fox jumps over the lazy dog"u8.ToArray();

    [TestMethod]
    [DataRow("SHA2-256", 32)]
    [DataRow("SHA2-384", 48)]
    [DataRow("SHA2-512", 64)]
    [DataRow("SHA3-256", 32)]
    [DataRow("SHA3-384", 48)]
    [DataRow("SHA3-512", 64)]
    public void Hash_with_a_stored_key_equals_dotnet_hmac_of_the_key_type(string type, int size)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create(type);
        var expected = EcdhReference.Hmac(type, rig.Keys.Secret(kid), s_message);

        // Act
        var response = rig.Call("hmac/hash", new { kid, msg = B64(s_message) }, kid);

        // Assert
        var mac = Bytes(Ok(response), "mac");
        mac.Should().HaveCount(size);
        mac.Should().Equal(expected);
    }

    [TestMethod]
    [DataRow("SHA3-384", "SHA2-256")]
    [DataRow("SHA2-256", "no such digest")]
    [DataRow("SHA2-512", "")]
    public void Hash_with_a_stored_key_ignores_alg(string type, string alg)
    {
        // Arrange: §13.1, the digest follows from the key type; [P] sends an alg, [T] none.
        using var rig = new CryptoRig();
        var kid = rig.Create(type);
        var withoutAlg = Bytes(Ok(rig.Call("hmac/hash", new { kid, msg = B64(s_message) }, kid)), "mac");

        // Act
        var withAlg = Bytes(Ok(rig.Call("hmac/hash", new { kid, msg = B64(s_message), alg }, kid)), "mac");

        // Assert
        withAlg.Should().Equal(withoutAlg);
        withAlg.Should().Equal(EcdhReference.Hmac(type, rig.Keys.Secret(kid), s_message));
    }

    [TestMethod]
    public void Hash_accepts_an_empty_msg_and_one_above_the_nominal_2048_bytes()
    {
        // Arrange: §22 #46, the nominal limit is not enforced; only the 7300-byte body limit of the bridge applies.
        using var rig = new CryptoRig();
        var kid = rig.Create("SHA2-256");
        var secret = rig.Keys.Secret(kid);
        var large = RandomNumberGenerator.GetBytes(4000);

        // Act
        var empty = Bytes(Ok(rig.Call("hmac/hash", new { kid, msg = "" }, kid)), "mac");
        var big = Bytes(Ok(rig.Call("hmac/hash", new { kid, msg = B64(large) }, kid)), "mac");

        // Assert
        empty.Should().Equal(HMACSHA256.HashData(secret, Array.Empty<byte>()));
        big.Should().Equal(HMACSHA256.HashData(secret, large));
    }

    [TestMethod]
    public void Hash_accepts_a_url_safe_unpadded_msg()
    {
        // Arrange: spec §3.8.
        using var rig = new CryptoRig();
        var kid = rig.Create("SHA3-256");
        byte[] msg = [0xfb, 0xff, 0xfe, 0x01];

        // Act
        var mac = Bytes(Ok(rig.Call("hmac/hash", new { kid, msg = "-__-AQ" }, kid)), "mac");

        // Assert
        mac.Should().Equal(HMACSHA3_256.HashData(rig.Keys.Secret(kid), msg));
    }

    [TestMethod]
    [DataRow("SHA2-256")]
    [DataRow("SHA2-384")]
    [DataRow("SHA2-512")]
    [DataRow("SHA3-256")]
    [DataRow("SHA3-384")]
    [DataRow("SHA3-512")]
    public void Verify_accepts_the_mac_of_hash_and_one_computed_outside_the_device(string type)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create(type);
        var fromDevice = Bytes(Ok(rig.Call("hmac/hash", new { kid, msg = B64(s_message) }, kid)), "mac");
        var fromHere = EcdhReference.Hmac(type, rig.Keys.Secret(kid), s_message);

        // Act
        var first = rig.Call("hmac/verify", new { kid, msg = B64(s_message), mac = B64(fromDevice) }, kid);
        var second = rig.Call("hmac/verify", new { kid, msg = B64(s_message), mac = B64(fromHere) }, kid);

        // Assert: 200 with an empty body means valid.
        first.Status.Should().Be(200);
        first.Body.Should().BeEmpty();
        second.Status.Should().Be(200);
        second.Body.Should().BeEmpty();
    }

    [TestMethod]
    public void Verify_answers_406_for_a_changed_mac_message_or_length()
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("SHA2-512");
        var mac = EcdhReference.Hmac("SHA2-512", rig.Keys.Secret(kid), s_message);
        byte[] flippedFirst = [.. mac];
        flippedFirst[0] ^= 0x01;
        byte[] flippedLast = [.. mac];
        flippedLast[^1] ^= 0x80;
        byte[][] wrongMacs = [flippedFirst, flippedLast, mac[..32], mac[..63], [], HMACSHA512.HashData(new byte[64], s_message)];

        foreach (var wrong in wrongMacs)
        {
            // Act
            var response = rig.Call("hmac/verify", new { kid, msg = B64(s_message), mac = B64(wrong) }, kid);

            // Assert
            response.Status.Should().Be(406, Convert.ToHexString(wrong));
            response.Body.Should().BeEmpty();
        }
        rig.Call("hmac/verify", new { kid, msg = B64([.. s_message, 0]), mac = B64(mac) }, kid).Status.Should().Be(406);
    }

    [TestMethod]
    public void Hash_logs_crypto_hmac_hash_ok_with_the_kid()
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("SHA3-512");
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call("hmac/hash", new { kid, msg = B64(s_message) }, kid);

        // Assert
        response.Status.Should().Be(200);
        rig.Keys.ShouldOnlyHaveLogged(before, HmacHash, KeyWriteRig.Ok, Convert.FromHexString(kid));
    }

    [TestMethod]
    public void Verify_logs_crypto_hmac_verify_ok_and_failed_with_the_kid()
    {
        // Arrange: §22 #16, verify has its own event (31), not [D]'s CRYPTO_HMAC_HASH.
        using var rig = new CryptoRig();
        var kid = rig.Create("SHA2-256");
        var mac = HMACSHA256.HashData(rig.Keys.Secret(kid), s_message);
        rig.Use(kid);
        var beforeGood = rig.Keys.Snapshot();

        // Act, Assert
        rig.Call("hmac/verify", new { kid, msg = B64(s_message), mac = B64(mac) }, kid).Status.Should().Be(200);
        rig.Keys.ShouldOnlyHaveLogged(beforeGood, HmacVerify, KeyWriteRig.Ok, Convert.FromHexString(kid));

        var beforeBad = rig.Keys.Snapshot();
        rig.Call("hmac/verify", new { kid, msg = B64(s_message), mac = B64(mac[..16]) }, kid).Status.Should().Be(406);
        rig.Keys.ShouldOnlyHaveLogged(beforeBad, HmacVerify, KeyWriteRig.Failed, Convert.FromHexString(kid));
    }
}
