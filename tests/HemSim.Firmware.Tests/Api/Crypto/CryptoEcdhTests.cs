using FluentAssertions;
using HemSim.Firmware.Tests.Api.KeyMgmt;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Org.BouncyCastle.Crypto.Parameters;
using static HemSim.Firmware.Tests.Api.Crypto.CryptoRig;

namespace HemSim.Firmware.Tests.Api.Crypto;

/// <summary>
/// POST /api/crypto/ecdh (spec §13.9): every curve, raw and with each of the six digests, with a peer made here
/// (<c>pubkey</c>) and with <c>ext_kid = kid</c> as [T] test_11 does; each result recomputed outside the device.
/// </summary>
[TestClass]
public sealed partial class CryptoEcdhTests
{
    /// <summary>What the device must answer for ss: the first 32 bytes (QUIRK §22 #9), or Hash_alg of all of ss.</summary>
    private static byte[] Expected(byte[] shared, string? alg) => alg is null ? shared[..32] : EcdhReference.Hash(alg, shared);

    private static object Body(string kid, string? alg, string? pubkey = null, string? extKid = null)
    {
        var body = new Dictionary<string, string> { ["kid"] = kid };
        if (pubkey is not null)
        {
            body["pubkey"] = pubkey;
        }
        if (extKid is not null)
        {
            body["ext_kid"] = extKid;
        }
        if (alg is not null)
        {
            body["alg"] = alg;
        }
        return body;
    }

    private static IEnumerable<string?> RawAndEveryAlg() => [null, .. EcdhReference.Algs];

    [TestMethod]
    [DataRow("CURVE25519")]
    [DataRow("CURVE448")]
    [DataRow("SECP256R1")]
    [DataRow("SECP384R1")]
    [DataRow("SECP521R1")]
    [DataRow("SECP256K1")]
    public void Ecdh_with_a_pubkey_equals_the_peer_side_raw_and_with_each_alg(string curve)
    {
        // Arrange: the peer computes ss from its own private key and the device's public key.
        using var rig = new CryptoRig();
        var kid = KeyMgmtDeriveTests.CreateSource(rig.Keys, curve);
        using var peer = KeyMgmtDeriveTests.Peer.Create(curve);
        var shared = peer.Agree(rig.PublicKey(kid));
        shared.Should().HaveCount(EcdhReference.SecretSize(curve));

        foreach (var alg in RawAndEveryAlg())
        {
            // Act
            var response = rig.Call("ecdh", Body(kid, alg, pubkey: B64(peer.PublicKey)), kid);

            // Assert
            Bytes(Ok(response), "ecdh").Should().Equal(Expected(shared, alg), alg ?? "raw");
        }
    }

    [TestMethod]
    [DataRow("CURVE25519")]
    [DataRow("CURVE448")]
    [DataRow("SECP256R1")]
    [DataRow("SECP384R1")]
    [DataRow("SECP521R1")]
    [DataRow("SECP256K1")]
    public void Ecdh_with_ext_kid_equal_to_kid_agrees_the_key_with_itself(string curve)
    {
        // Arrange: [T] test_11 passes the key's own kid as ext_kid; ss = ECDH(d, d·G), recomputed here from the secret.
        using var rig = new CryptoRig();
        var kid = KeyMgmtDeriveTests.CreateSource(rig.Keys, curve);
        var shared = EcdhReference.SelfAgree(curve, rig.Keys.Secret(kid), rig.PublicKey(kid));

        foreach (var alg in RawAndEveryAlg())
        {
            // Act
            var response = rig.Call("ecdh", Body(kid, alg, extKid: kid), kid);

            // Assert
            Bytes(Ok(response), "ecdh").Should().Equal(Expected(shared, alg), alg ?? "raw");
        }
    }

    [TestMethod]
    [DataRow("CURVE448", 56)]
    [DataRow("SECP384R1", 48)]
    [DataRow("SECP521R1", 66)]
    public void Ecdh_without_alg_answers_the_first_32_bytes_of_a_longer_secret(string curve, int fullSize)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = KeyMgmtDeriveTests.CreateSource(rig.Keys, curve);
        using var peer = KeyMgmtDeriveTests.Peer.Create(curve);
        var shared = peer.Agree(rig.PublicKey(kid));

        // Act
        var raw = Bytes(Ok(rig.Call("ecdh", Body(kid, null, pubkey: B64(peer.PublicKey)), kid)), "ecdh");

        // Assert: QUIRK (§22 #9) "always reported as 32 bytes"; the hashed form still covers the whole secret.
        shared.Should().HaveCount(fullSize);
        raw.Should().Equal(shared[..32]);
    }

    [TestMethod]
    [DataRow("CURVE25519",
        // RFC 7748 §6.1: Alice's private key, Bob's public key, and K.
        "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
        "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
        "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742")]
    [DataRow("CURVE448",
        // RFC 7748 §6.2: Alice's private key, Bob's public key, and K.
        "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b",
        "3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609",
        "07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c24403085d59a449a5037514a879d")]
    public void Ecdh_with_the_rfc_7748_alice_as_peer_matches_her_side(string curve, string alicePrivate, string bobPublic, string k)
    {
        // Arrange: the device's key is random, so the RFC's Alice is the peer. Her implementation here first
        // reproduces the RFC's K with Bob, then computes ss with the device's public key.
        using var rig = new CryptoRig();
        var kid = rig.Create(curve);
        var alice = Convert.FromHexString(alicePrivate);
        Func<byte[], byte[]> agree = curve == "CURVE25519"
            ? device => Agree(new X25519PrivateKeyParameters(alice), device)
            : device => Agree(new X448PrivateKeyParameters(alice), device);
        Convert.ToHexStringLower(agree(Convert.FromHexString(bobPublic))).Should().Be(k);
        byte[] alicePublic = curve == "CURVE25519"
            ? new X25519PrivateKeyParameters(alice).GeneratePublicKey().GetEncoded()
            : new X448PrivateKeyParameters(alice).GeneratePublicKey().GetEncoded();
        var shared = agree(rig.PublicKey(kid));

        // Act
        var raw = Bytes(Ok(rig.Call("ecdh", Body(kid, null, pubkey: B64(alicePublic)), kid)), "ecdh");
        var hashed = Bytes(Ok(rig.Call("ecdh", Body(kid, "SHA3-512", pubkey: B64(alicePublic)), kid)), "ecdh");

        // Assert
        raw.Should().Equal(shared[..32]);
        hashed.Should().Equal(EcdhReference.Hash("SHA3-512", shared));
    }

    private static byte[] Agree(X25519PrivateKeyParameters own, byte[] peer)
    {
        var shared = new byte[32];
        own.GenerateSecret(new X25519PublicKeyParameters(peer), shared, 0);
        return shared;
    }

    private static byte[] Agree(X448PrivateKeyParameters own, byte[] peer)
    {
        var shared = new byte[56];
        own.GenerateSecret(new X448PublicKeyParameters(peer), shared, 0);
        return shared;
    }

    [TestMethod]
    public void Ecdh_with_ext_kid_of_an_imported_peer_key_uses_its_public_key()
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = KeyMgmtDeriveTests.CreateSource(rig.Keys, "SECP256R1");
        using var peer = KeyMgmtDeriveTests.Peer.Create("SECP256R1");
        var extKid = rig.Import("SECP256R1", peer.PublicKey, mode: "ECDH");

        // Act
        var response = rig.Call("ecdh", Body(kid, "SHA2-384", extKid: extKid), kid);

        // Assert
        Bytes(Ok(response), "ecdh").Should().Equal(EcdhReference.Hash("SHA2-384", peer.Agree(rig.PublicKey(kid))));
    }

    [TestMethod]
    public void Ecdh_prefers_ext_kid_over_pubkey_even_a_malformed_one()
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("CURVE25519");
        var shared = EcdhReference.SelfAgree("CURVE25519", rig.Keys.Secret(kid), rig.PublicKey(kid));

        // Act
        var response = rig.Call("ecdh", Body(kid, null, pubkey: "*** not base64 ***", extKid: kid.ToUpperInvariant()), kid);

        // Assert
        Bytes(Ok(response), "ecdh").Should().Equal(shared);
    }

    [TestMethod]
    public void Ecdh_accepts_a_url_safe_unpadded_pubkey_and_a_null_alg_as_absent()
    {
        // Arrange: spec §3.8 (either alphabet, padding optional) and §3.7 (null = absent).
        using var rig = new CryptoRig();
        var kid = rig.Create("CURVE25519");
        using var peer = KeyMgmtDeriveTests.Peer.Create("CURVE25519");
        var pubkey = Convert.ToBase64String(peer.PublicKey).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        // Act
        var response = rig.Call("ecdh", $$"""{"kid":"{{kid}}","pubkey":"{{pubkey}}","alg":null}""", kid);

        // Assert
        Bytes(Ok(response), "ecdh").Should().Equal(peer.Agree(rig.PublicKey(kid)));
    }

    [TestMethod]
    public void Ecdh_logs_crypto_ecdh_ok_with_the_kid_and_changes_nothing_else()
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("CURVE448");
        using var peer = KeyMgmtDeriveTests.Peer.Create("CURVE448");
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call("ecdh", Body(kid, "SHA2-256", pubkey: B64(peer.PublicKey)), kid);

        // Assert
        response.Status.Should().Be(200);
        rig.Keys.ShouldOnlyHaveLogged(before, Ecdh, KeyWriteRig.Ok, Convert.FromHexString(kid));
    }
}
