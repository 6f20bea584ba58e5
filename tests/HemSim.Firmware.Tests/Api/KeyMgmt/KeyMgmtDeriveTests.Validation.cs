using System.Text;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.KeyMgmt.KeyWriteRig;

namespace HemSim.Firmware.Tests.Api.KeyMgmt;

/// <summary>POST /api/keymgmt/derive: peers, the PQC echo QUIRK, and every 400/403/406/418 (spec §12.10).</summary>
public sealed partial class KeyMgmtDeriveTests
{
    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes);

    /// <summary>A CURVE25519 source with a peer made here, and the kid an AES256 derive must give.</summary>
    private static (string Source, Peer Peer, string Expected) Curve25519Setup(KeyWriteRig rig)
    {
        var source = CreateSource(rig, "CURVE25519");
        var peer = Peer.Create("CURVE25519");
        var expected = KeyWriteRig.Sha1Kid(Okm(peer.Agree(rig.PublicKey(source)), "AES256"));
        return (source, peer, expected);
    }

    [TestMethod]
    public void Derive_logs_key_derive_ok_with_the_new_kid()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var (source, peer, expected) = Curve25519Setup(rig);
        var linesBefore = rig.Device.AuditLines().Count;

        // Act
        var kid = KidOf(rig.Derive(new { kid = source, pubkey = B64(peer.PublicKey), label = "d", type = "AES256" }));

        // Assert
        kid.Should().Be(expected);
        var lines = rig.Device.AuditLines();
        lines.Should().HaveCount(linesBefore + 1);
        lines[^1].Type.Should().Be(KeyDerive);
        lines[^1].Result.Should().Be(Ok);
        lines[^1].Subject.Should().Be("U");
        lines[^1].DataBytes.Should().Equal(Convert.FromHexString(kid));
    }

    [TestMethod]
    public void Derive_with_ext_kid_of_an_imported_public_key_uses_it()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var (source, peer, expected) = Curve25519Setup(rig);
        var extKid = rig.Import("CURVE25519", peer.PublicKey);

        // Act
        var response = rig.Derive(new { kid = source, ext_kid = extKid, label = "d", type = "AES256" });

        // Assert
        KidOf(response).Should().Be(expected);
    }

    [TestMethod]
    public void Derive_with_ext_kid_of_a_private_key_uses_its_public_half()
    {
        // Arrange: ss recomputed here from the other key's secret and the source's public key (RFC 7748 is symmetric).
        using var rig = new KeyWriteRig();
        var source = CreateSource(rig, "CURVE448");
        var other = CreateSource(rig, "CURVE448");
        var shared = new byte[56];
        new Org.BouncyCastle.Crypto.Parameters.X448PrivateKeyParameters(rig.Secret(other))
            .GenerateSecret(new Org.BouncyCastle.Crypto.Parameters.X448PublicKeyParameters(rig.PublicKey(source)), shared, 0);

        // Act
        var response = rig.Derive(new { kid = source, ext_kid = other.ToUpperInvariant(), label = "d", type = "SHA3-384" });

        // Assert
        KidOf(response).Should().Be(KeyWriteRig.Sha1Kid(Okm(shared, "SHA3-384")));
    }

    [TestMethod]
    public void Derive_prefers_ext_kid_over_pubkey_even_a_malformed_one()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var (source, peer, expected) = Curve25519Setup(rig);
        var extKid = rig.Import("CURVE25519", peer.PublicKey);

        // Act
        var response = rig.Derive(new { kid = source, ext_kid = extKid, pubkey = "!!! not base64 !!!", label = "d", type = "AES256" });

        // Assert
        KidOf(response).Should().Be(expected);
    }

    [TestMethod]
    public void Derive_with_a_secp_source_and_ext_kid_matches_the_pubkey_result()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var source = CreateSource(rig, "SECP256K1");
        using var peer = Peer.Create("SECP256K1");
        var extKid = rig.Import("SECP256K1", peer.PublicKey, mode: "ExDSA");

        // Act
        var response = rig.Derive(new { kid = source, ext_kid = extKid, label = "d", type = "ED448" });

        // Assert
        var expected = Expected("ED448", Okm(peer.Agree(rig.PublicKey(source)), "ED448"))!.Value;
        KidOf(response).Should().Be(expected.Kid);
        rig.PublicKey(expected.Kid).Should().Equal(expected.PublicKey);
    }

    [TestMethod]
    [DataRow("SECP256R1", null, "PKEY,ECDH,SECP256R1")]
    [DataRow("SECP256R1", "ExDSA", "PKEY,ExDSA,SECP256R1")]
    [DataRow("SECP384R1", "ECDH,ExDSA", "PKEY,ECDH,ExDSA,SECP384R1")]
    [DataRow("CURVE25519", "ExDSA", "PKEY,ECDH,CURVE25519")]
    [DataRow("ED25519", "ECDH", "PKEY,ExDSA,ED25519")]
    [DataRow("AES192", "AES192", "PKEY,AES192")]
    public void Derive_gives_the_new_key_pkey_and_its_usages_but_no_att(string target, string? mode, string attributes)
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var (source, peer, _) = Curve25519Setup(rig);
        var body = mode is null
            ? (object)new { kid = source, pubkey = B64(peer.PublicKey), label = "d", type = target }
            : new { kid = source, pubkey = B64(peer.PublicKey), label = "d", type = target, mode };

        // Act
        var kid = KidOf(rig.Derive(body));

        // Assert
        Attributes(rig.Record(kid)).Should().Be(attributes);
    }

    [TestMethod]
    [DataRow("CCTEST:T-10.1_AES256_CURVE25519", true)]
    [DataRow("!!!", false)]
    [DataRow("DESCR65", false)]
    [DataRow("NUMBER", false)]
    public void Derive_stores_a_valid_descr_and_drops_a_malformed_one_quietly(string descr, bool kept)
    {
        // Arrange: §22 #4, a malformed descr is dropped on derive, not refused.
        using var rig = new KeyWriteRig();
        var (source, peer, expected) = Curve25519Setup(rig);
        var descrJson = descr switch
        {
            "!!!" => "\"!!!\"",
            "DESCR65" => "\"" + B64(new byte[65]) + "\"",
            "NUMBER" => "12",
            _ => "\"" + B64(Encoding.ASCII.GetBytes(descr)) + "\"",
        };
        var body = $"{{\"kid\":\"{source}\",\"pubkey\":\"{B64(peer.PublicKey)}\",\"label\":\"d\",\"type\":\"AES256\",\"descr\":{descrJson}}}";

        // Act
        var response = rig.Derive(body);

        // Assert
        KidOf(response).Should().Be(expected);
        rig.Record(expected).Descr.Should().Equal(kept ? Encoding.ASCII.GetBytes(descr) : []);
    }

    [TestMethod]
    [DataRow("MLKEM512")]
    [DataRow("MLKEM768")]
    [DataRow("MLKEM1024")]
    [DataRow("MLDSA44")]
    [DataRow("MLDSA65")]
    [DataRow("MLDSA87")]
    [DataRow("GENERIC_DER")]
    [DataRow("RSA2048")]
    [DataRow("aes256")]
    public void Derive_to_a_type_that_is_not_derivable_echoes_the_source_kid_and_stores_nothing(string type)
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var (source, peer, _) = Curve25519Setup(rig);
        var before = rig.Snapshot();

        // Act
        var response = rig.Derive(new { kid = source, pubkey = B64(peer.PublicKey), label = "pqc", type });

        // Assert: QUIRK spec §12.10, 200 with the SOURCE kid.
        KidOf(response).Should().Be(source);
        rig.ShouldOnlyHaveLogged(before, KeyDerive, Ok, Convert.FromHexString(source));
    }

    [TestMethod]
    public void Derive_echo_still_needs_a_usable_source_and_peer()
    {
        // Arrange: the echo comes where the new key would be built, after the source and peer checks.
        using var rig = new KeyWriteRig();
        var (source, _, _) = Curve25519Setup(rig);
        var missing = new string('c', 32);
        var before = rig.Snapshot();

        // Act
        var noSource = rig.Derive(new { kid = missing, pubkey = B64(new byte[32]), label = "pqc", type = "MLKEM768" });
        var noPeer = rig.Derive(new { kid = source, label = "pqc", type = "MLKEM768" });

        // Assert
        noSource.Status.Should().Be(406);
        noPeer.Status.Should().Be(406);
        rig.Snapshot().Slots.Should().Equal(before.Slots);
    }

    [TestMethod]
    public void Derive_of_the_same_key_twice_answers_406_and_logs_an_error_with_the_new_kid()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var (source, peer, expected) = Curve25519Setup(rig);
        KidOf(rig.Derive(new { kid = source, pubkey = B64(peer.PublicKey), label = "first", type = "AES256" })).Should().Be(expected);
        var before = rig.Snapshot();

        // Act
        var response = rig.Derive(new { kid = source, pubkey = B64(peer.PublicKey), label = "second", type = "AES256" });

        // Assert
        response.Status.Should().Be(406);
        rig.ShouldOnlyHaveLogged(before, KeyDerive, Error, Convert.FromHexString(expected));
    }

    [TestMethod]
    public void Derive_answers_406_when_the_keystore_is_full_and_succeeds_after_a_delete()
    {
        // Arrange
        using var rig = new KeyWriteRig(new HemDeviceOptions { KeystoreSlots = 2 });
        var (source, peer, expected) = Curve25519Setup(rig);
        var other = rig.Create("AES128");
        var before = rig.Snapshot();

        // Act
        var full = rig.Derive(new { kid = source, pubkey = B64(peer.PublicKey), label = "d", type = "AES256" });

        // Assert
        full.Status.Should().Be(406);
        rig.ShouldOnlyHaveLogged(before, KeyDerive, Error, Convert.FromHexString(expected));
        rig.Delete(other).Status.Should().Be(200);
        KidOf(rig.Derive(new { kid = source, pubkey = B64(peer.PublicKey), label = "d", type = "AES256" })).Should().Be(expected);
    }

    public static IEnumerable<object[]> SemanticFailures =>
    [
        ["source missing"], ["source public only"], ["source ED25519"], ["source AES256"], ["source SECP ExDSA only"],
        ["no peer"], ["ext_kid unknown"], ["ext_kid on another curve"], ["ext_kid symmetric"], ["pubkey 31 bytes"],
        ["pubkey on another curve"], ["pubkey all zero (low order)"], ["secp pubkey uncompressed"], ["secp pubkey not on curve"],
        ["secp pubkey of another curve"],
    ];

    [TestMethod]
    [DynamicData(nameof(SemanticFailures))]
    public void Derive_answers_406_and_logs_an_error_with_the_source_kid(string failure)
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var x25519 = CreateSource(rig, "CURVE25519");
        var p256 = CreateSource(rig, "SECP256R1");
        var x448 = CreateSource(rig, "CURVE448");
        using var x25519Peer = Peer.Create("CURVE25519");
        using var p256Peer = Peer.Create("SECP256R1");
        using var p384Peer = Peer.Create("SECP384R1");
        var importedX25519 = rig.Import("CURVE25519", x25519Peer.PublicKey);
        var ed25519 = rig.Create("ED25519");
        var aes = rig.Create("AES256");
        var signOnly = rig.Create("SECP256R1", mode: "ExDSA");
        var uncompressed = DotNetUncompressed(p256Peer.PublicKey);
        var (kid, extra) = failure switch
        {
            "source missing" => (new string('d', 32), (object)new { pubkey = B64(x25519Peer.PublicKey) }),
            "source public only" => (importedX25519, new { pubkey = B64(x25519Peer.PublicKey) }),
            "source ED25519" => (ed25519, new { pubkey = B64(x25519Peer.PublicKey) }),
            "source AES256" => (aes, new { pubkey = B64(x25519Peer.PublicKey) }),
            "source SECP ExDSA only" => (signOnly, new { pubkey = B64(p256Peer.PublicKey) }),
            "no peer" => (x25519, new { }),
            "ext_kid unknown" => (x25519, new { ext_kid = new string('e', 32) }),
            "ext_kid on another curve" => (x25519, new { ext_kid = x448 }),
            "ext_kid symmetric" => (x25519, new { ext_kid = aes }),
            "pubkey 31 bytes" => (x25519, new { pubkey = B64(x25519Peer.PublicKey[..31]) }),
            "pubkey on another curve" => (x25519, new { pubkey = B64(p256Peer.PublicKey) }),
            "pubkey all zero (low order)" => (x25519, new { pubkey = B64(new byte[32]) }),
            "secp pubkey uncompressed" => (p256, new { pubkey = B64(uncompressed) }),
            "secp pubkey not on curve" => (p256, new { pubkey = B64(FirstXOffCurve()) }),
            "secp pubkey of another curve" => (p256, new { pubkey = B64(p384Peer.PublicKey) }),
            _ => throw new ArgumentOutOfRangeException(nameof(failure)),
        };
        var body = global::System.Text.Json.Nodes.JsonNode.Parse(global::System.Text.Json.JsonSerializer.Serialize(extra))!.AsObject();
        body["kid"] = kid;
        body["label"] = "d";
        body["type"] = "AES256";
        var before = rig.Snapshot();

        // Act
        var response = rig.Derive(body.ToJsonString());

        // Assert
        response.Status.Should().Be(406, failure);
        response.Body.Should().BeEmpty();
        rig.ShouldOnlyHaveLogged(before, KeyDerive, Error, Convert.FromHexString(kid));
    }

    private static byte[] DotNetUncompressed(byte[] compressed)
    {
        var point = Org.BouncyCastle.Asn1.X9.ECNamedCurveTable.GetByName("secp256r1").Curve.DecodePoint(compressed);
        return point.GetEncoded(false);
    }

    /// <summary>A compressed P-256 encoding whose X has no point (found here with BouncyCastle).</summary>
    private static byte[] FirstXOffCurve()
    {
        var curve = Org.BouncyCastle.Asn1.X9.ECNamedCurveTable.GetByName("secp256r1").Curve;
        for (var x = 1; ; x++)
        {
            byte[] candidate = [0x02, .. new byte[31], (byte)x];
            try
            {
                curve.DecodePoint(candidate);
            }
            catch (ArgumentException)
            {
                return candidate;
            }
        }
    }

    [TestMethod]
    [DataRow("{\"kid\":\"SRC\",\"pubkey\":\"PEER\",\"type\":\"AES256\"}", DisplayName = "label missing")]
    [DataRow("{\"kid\":\"SRC\",\"pubkey\":\"PEER\",\"label\":\"\",\"type\":\"AES256\"}", DisplayName = "label empty")]
    [DataRow("{\"kid\":\"SRC\",\"pubkey\":\"PEER\",\"label\":\"123456789012345678901234567890123\",\"type\":\"AES256\"}", DisplayName = "label 33")]
    [DataRow("{\"kid\":\"SRC\",\"pubkey\":\"PEER\",\"label\":\"d\"}", DisplayName = "type missing")]
    [DataRow("{\"kid\":\"SRC\",\"pubkey\":\"PEER\",\"label\":\"d\",\"type\":null}", DisplayName = "type null")]
    [DataRow("{\"kid\":\"SRC\",\"pubkey\":\"PEER\",\"label\":\"d\",\"type\":\"\"}", DisplayName = "type empty")]
    [DataRow("{\"kid\":\"SRC\",\"pubkey\":\"PEER\",\"label\":\"d\",\"type\":17}", DisplayName = "type a number")]
    [DataRow("{\"kid\":\"SRC\",\"ext_kid\":\"xyz\",\"label\":\"d\",\"type\":\"AES256\"}", DisplayName = "ext_kid not 32 hex")]
    [DataRow("{\"kid\":\"SRC\",\"ext_kid\":5,\"pubkey\":\"PEER\",\"label\":\"d\",\"type\":\"AES256\"}", DisplayName = "ext_kid a number")]
    [DataRow("{\"kid\":\"SRC\",\"pubkey\":\"!!!\",\"label\":\"d\",\"type\":\"AES256\"}", DisplayName = "pubkey not base64")]
    [DataRow("{\"kid\":\"SRC\",\"pubkey\":32,\"label\":\"d\",\"type\":\"AES256\"}", DisplayName = "pubkey a number")]
    [DataRow("{\"kid\":\"SRC\",\"pubkey\":\"PEER\",\"label\":\"d\",\"type\":\"AES256\",\"mode\":1}", DisplayName = "mode a number")]
    public void Derive_answers_400_to_an_invalid_field_and_logs_an_error_with_the_source_kid(string template)
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var (source, peer, _) = Curve25519Setup(rig);
        var before = rig.Snapshot();

        // Act
        var response = rig.Derive(template.Replace("SRC", source).Replace("PEER", B64(peer.PublicKey)));

        // Assert
        response.Status.Should().Be(400);
        response.Body.Should().BeEmpty();
        rig.ShouldOnlyHaveLogged(before, KeyDerive, Error, Convert.FromHexString(source));
    }

    [TestMethod]
    [DataRow("{\"pubkey\":\"PEER\",\"label\":\"d\",\"type\":\"AES256\"}", DisplayName = "kid missing")]
    [DataRow("{\"kid\":\"0123\",\"pubkey\":\"PEER\",\"label\":\"d\",\"type\":\"AES256\"}", DisplayName = "kid short")]
    [DataRow("{\"kid\":7,\"pubkey\":\"PEER\",\"label\":\"d\",\"type\":\"AES256\"}", DisplayName = "kid a number")]
    [DataRow("{\"kid\":\"SRC\",\"pubkey\":\"PEER\",\"label\":\"d\",\"type\":\"AES256\"", DisplayName = "bad JSON")]
    public void Derive_answers_400_to_a_bad_kid_and_logs_an_error_without_data(string template)
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var (source, peer, _) = Curve25519Setup(rig);
        var before = rig.Snapshot();

        // Act
        var response = rig.Derive(template.Replace("SRC", source).Replace("PEER", B64(peer.PublicKey)));

        // Assert
        response.Status.Should().Be(400);
        rig.ShouldOnlyHaveLogged(before, KeyDerive, Error, []);
    }

    [TestMethod]
    public void Derive_accepts_the_keymgmt_derive_scope()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var (source, peer, expected) = Curve25519Setup(rig);

        // Act
        var response = rig.Derive(new { kid = source, pubkey = B64(peer.PublicKey), label = "d", type = "AES256" }, rig.Token("keymgmt:derive"));

        // Assert
        KidOf(response).Should().Be(expected);
    }

    [TestMethod]
    [DataRow("keymgmt:ecdh", DisplayName = "the old dashboard name ([P] OQ-23)")]
    [DataRow("keymgmt:imp")]
    [DataRow("keymgmt:list")]
    public void Derive_answers_403_to_another_scope_and_logs_a_failed_scope_check(string scope)
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var (source, peer, _) = Curve25519Setup(rig);
        var token = rig.Token(scope);
        var before = rig.Snapshot();

        // Act
        var response = rig.Derive(new { kid = source, pubkey = B64(peer.PublicKey), label = "d", type = "AES256" }, token);

        // Assert
        response.Status.Should().Be(403);
        rig.ShouldOnlyHaveLogged(before, FailedScopeCheck, Failed, Encoding.ASCII.GetBytes(scope));
    }

    [TestMethod]
    public void Derive_over_plain_http_answers_418_and_changes_nothing()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var (source, peer, _) = Curve25519Setup(rig);
        var before = rig.Snapshot();

        // Act
        var response = rig.Derive(new { kid = source, pubkey = B64(peer.PublicKey), label = "d", type = "AES256" }, tls: false);

        // Assert
        response.Status.Should().Be(418);
        rig.ShouldBeUnchanged(before);
    }
}
