using System.Text;
using FluentAssertions;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Math;
using static HemSim.Firmware.Tests.Api.KeyMgmt.KeyWriteRig;

namespace HemSim.Firmware.Tests.Api.KeyMgmt;

/// <summary>POST /api/keymgmt/import: 400, 403, 406 and 418, each leaving only its audit line (spec §12.9).</summary>
public sealed partial class KeyMgmtImportTests
{

    public static IEnumerable<object[]> WrongLengths =>
        new (string Type, int Length)[]
        {
            ("SECP256R1", 33), ("SECP384R1", 49), ("SECP521R1", 67), ("SECP256K1", 33), ("CURVE25519", 32), ("CURVE448", 56),
            ("ED25519", 32), ("ED448", 57), ("MLKEM512", 800), ("MLKEM768", 1184), ("MLKEM1024", 1568),
            ("MLDSA44", 1312), ("MLDSA65", 1952), ("MLDSA87", 2592),
        }.SelectMany(t => new[] { new object[] { t.Type, t.Length - 1 }, [t.Type, t.Length + 1] });

    [TestMethod]
    [DynamicData(nameof(WrongLengths))]
    public void Import_answers_406_to_a_pubkey_of_the_wrong_length(string type, int length)
    {
        // Arrange: a real key, cut or padded by one byte.
        using var rig = new KeyWriteRig();
        var real = ForeignPublicKey(type);
        var pubkey = length < real.Length ? real[..length] : [.. real, 0x00];
        var before = rig.Snapshot();

        // Act
        var response = rig.Import(new { label = "k", type, pubkey = Convert.ToBase64String(pubkey) });

        // Assert
        response.Status.Should().Be(406);
        rig.ShouldOnlyHaveLogged(before, KeyImport, Failed, Convert.FromHexString(Sha1Kid(pubkey)));
    }

    [TestMethod]
    [DataRow("AES256", 32)]
    [DataRow("AES128", 16)]
    [DataRow("SHA2-256", 32)]
    [DataRow("SHA3-512", 64)]
    [DataRow("GENERIC_DER", 32)]
    [DataRow("RSA2048", 32)]
    [DataRow("secp256r1", 33, DisplayName = "type names are case-sensitive")]
    [DataRow("", 32)]
    public void Import_answers_406_to_a_type_that_is_not_one_of_the_14_asymmetric_types(string type, int length)
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var pubkey = type == "secp256r1" ? ForeignPublicKey("SECP256R1") : new byte[length];
        var before = rig.Snapshot();

        // Act
        var response = rig.Import(new { label = "k", type, pubkey = Convert.ToBase64String(pubkey) });

        // Assert
        response.Status.Should().Be(406);
        rig.ShouldOnlyHaveLogged(before, KeyImport, Failed, Convert.FromHexString(Sha1Kid(pubkey)));
    }

    [TestMethod]
    [DataRow("SECP256R1", "secp256r1")]
    [DataRow("SECP384R1", "secp384r1")]
    [DataRow("SECP521R1", "secp521r1")]
    [DataRow("SECP256K1", "secp256k1")]
    public void Import_answers_406_to_an_uncompressed_secp_point(string type, string curveName)
    {
        // Arrange: 04 ‖ X ‖ Y of a valid point, made with BouncyCastle here.
        using var rig = new KeyWriteRig();
        var domain = ECNamedCurveTable.GetByName(curveName);
        var uncompressed = domain.G.Multiply(BigInteger.ValueOf(7)).Normalize().GetEncoded(false);
        var before = rig.Snapshot();

        // Act
        var response = rig.Import(new { label = "k", type, pubkey = Convert.ToBase64String(uncompressed) });

        // Assert
        response.Status.Should().Be(406);
        rig.ShouldOnlyHaveLogged(before, KeyImport, Failed, Convert.FromHexString(Sha1Kid(uncompressed)));
    }

    [TestMethod]
    [DataRow(0x04, DisplayName = "04 prefix at the compressed length")]
    [DataRow(0x00, DisplayName = "00 prefix")]
    [DataRow(0x06, DisplayName = "hybrid prefix")]
    public void Import_answers_406_to_a_secp_point_with_a_bad_prefix(int prefix)
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var pubkey = ForeignPublicKey("SECP256R1");
        pubkey[0] = (byte)prefix;

        // Act
        var response = rig.Import(new { label = "k", type = "SECP256R1", pubkey = Convert.ToBase64String(pubkey) });

        // Assert
        response.Status.Should().Be(406);
        rig.Keys.Total.Should().Be(0);
    }

    [TestMethod]
    [DataRow("secp256r1", "SECP256R1")]
    [DataRow("secp384r1", "SECP384R1")]
    [DataRow("secp521r1", "SECP521R1")]
    [DataRow("secp256k1", "SECP256K1")]
    public void Import_answers_406_to_an_x_that_is_not_on_the_curve(string curveName, string type)
    {
        // Arrange: the first X above 2 for which x³ + ax + b has no square root mod p (found here).
        using var rig = new KeyWriteRig();
        var curve = ECNamedCurveTable.GetByName(curveName).Curve;
        var size = (curve.FieldSize + 7) / 8;
        byte[] pubkey = [];
        for (var x = 3; pubkey.Length == 0; x++)
        {
            var candidate = new byte[size + 1];
            candidate[0] = 0x02;
            candidate[^1] = (byte)x;
            try
            {
                curve.DecodePoint(candidate);
            }
            catch (ArgumentException)
            {
                pubkey = candidate;
            }
        }
        var before = rig.Snapshot();

        // Act
        var response = rig.Import(new { label = "k", type, pubkey = Convert.ToBase64String(pubkey) });

        // Assert
        response.Status.Should().Be(406);
        rig.ShouldOnlyHaveLogged(before, KeyImport, Failed, Convert.FromHexString(Sha1Kid(pubkey)));
    }

    [TestMethod]
    public void Import_answers_406_to_an_x_not_below_the_field_prime()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        byte[] pubkey = [0x02, .. Enumerable.Repeat((byte)0xFF, 32)];

        // Act
        var response = rig.Import(new { label = "k", type = "SECP256R1", pubkey = Convert.ToBase64String(pubkey) });

        // Assert
        response.Status.Should().Be(406);
        rig.Keys.Total.Should().Be(0);
    }

    [TestMethod]
    [DataRow("{\"type\":\"SECP256R1\",\"pubkey\":\"P256\"}", DisplayName = "label missing")]
    [DataRow("{\"label\":\"\",\"type\":\"SECP256R1\",\"pubkey\":\"P256\"}", DisplayName = "label empty")]
    [DataRow("{\"label\":\"123456789012345678901234567890123\",\"type\":\"SECP256R1\",\"pubkey\":\"P256\"}", DisplayName = "label 33")]
    [DataRow("{\"label\":\"caf\\u00e9\",\"type\":\"SECP256R1\",\"pubkey\":\"P256\"}", DisplayName = "label not ASCII")]
    [DataRow("{\"label\":\"k\",\"pubkey\":\"P256\"}", DisplayName = "type missing")]
    [DataRow("{\"label\":\"k\",\"type\":null,\"pubkey\":\"P256\"}", DisplayName = "type null")]
    [DataRow("{\"label\":\"k\",\"type\":1,\"pubkey\":\"P256\"}", DisplayName = "type a number")]
    [DataRow("{\"label\":\"k\",\"type\":\"SECP256R1\"}", DisplayName = "pubkey missing")]
    [DataRow("{\"label\":\"k\",\"type\":\"SECP256R1\",\"pubkey\":33}", DisplayName = "pubkey a number")]
    [DataRow("{\"label\":\"k\",\"type\":\"SECP256R1\",\"pubkey\":\"!!not base64!!\"}", DisplayName = "pubkey not base64")]
    [DataRow("{\"label\":\"k\",\"type\":\"SECP256R1\",\"pubkey\":\"P256\",\"descr\":\"!!!\"}", DisplayName = "descr not base64")]
    [DataRow("{\"label\":\"k\",\"type\":\"SECP256R1\",\"pubkey\":\"P256\",\"descr\":\"DESCR65\"}", DisplayName = "descr 65 bytes")]
    [DataRow("{\"label\":\"k\",\"type\":\"SECP256R1\",\"pubkey\":\"P256\",\"mode\":1}", DisplayName = "mode a number")]
    [DataRow("{\"label\":\"k\",\"type\":\"SECP256R1\",\"pubkey\":\"P256\"", DisplayName = "bad JSON")]
    [DataRow("[\"k\"]", DisplayName = "not an object")]
    public void Import_answers_400_to_a_malformed_body_and_logs_an_error_without_data(string template)
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var body = template.Replace("P256", ValidP256()).Replace("DESCR65", Convert.ToBase64String(new byte[65]));
        var before = rig.Snapshot();

        // Act
        var response = rig.Import(body);

        // Assert
        response.Status.Should().Be(400);
        response.Body.Should().BeEmpty();
        rig.ShouldOnlyHaveLogged(before, KeyImport, Error, []);
    }

    [TestMethod]
    public void Import_accepts_a_64_byte_descr_and_treats_a_null_descr_as_absent()
    {
        // Arrange
        using var rig = new KeyWriteRig();

        // Act
        var withDescr = rig.Import(new { label = "k", type = "CURVE25519", pubkey = Convert.ToBase64String(ForeignPublicKey("CURVE25519")), descr = Convert.ToBase64String(new byte[64]) });
        var nullDescr = rig.Import("{\"label\":\"k\",\"type\":\"CURVE25519\",\"descr\":null,\"pubkey\":\"" + Convert.ToBase64String(ForeignPublicKey("CURVE25519")) + "\"}");

        // Assert
        rig.Record(KidOf(withDescr)).Descr.Should().HaveCount(64);
        rig.Record(KidOf(nullDescr)).Descr.Should().BeEmpty();
    }

    [TestMethod]
    [DataRow("keymgmt:gen")]
    [DataRow("keymgmt:im")]
    [DataRow("keymgmt:list")]
    public void Import_answers_403_to_another_scope_and_logs_a_failed_scope_check(string scope)
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var token = rig.Token(scope);
        var before = rig.Snapshot();

        // Act
        var response = rig.Import(new { label = "k", type = "SECP256R1", pubkey = ValidP256() }, token);

        // Assert
        response.Status.Should().Be(403);
        rig.ShouldOnlyHaveLogged(before, FailedScopeCheck, Failed, Encoding.ASCII.GetBytes(scope));
    }

    [TestMethod]
    public void Import_over_plain_http_answers_418_and_changes_nothing()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        rig.Token("keymgmt:imp");
        var before = rig.Snapshot();

        // Act
        var response = rig.Import(new { label = "k", type = "SECP256R1", pubkey = ValidP256() }, tls: false);

        // Assert
        response.Status.Should().Be(418);
        rig.ShouldBeUnchanged(before);
    }

    private static string ValidP256() => Convert.ToBase64String(ForeignPublicKey("SECP256R1"));
}
