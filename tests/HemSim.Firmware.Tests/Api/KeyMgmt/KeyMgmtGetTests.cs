using System.Text;
using FluentAssertions;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Device;
using HemSim.Firmware.Keystore;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Rig = HemSim.Firmware.Tests.Api.KeyMgmt.KeyMgmtListTests.Rig;

namespace HemSim.Firmware.Tests.Api.KeyMgmt;

/// <summary>GET /api/keymgmt/get/{kid}: what a key reveals (spec §12.5, §17.5, §22 #7).</summary>
[TestClass]
public sealed partial class KeyMgmtGetTests
{
    public static IEnumerable<object[]> AllTypes => KeyTypes.Creatable.Select(t => new object[] { KeyTypes.WireName(t) });

    private static ApiResponse Get(Rig rig, string kid, string scope = "keymgmt:get") =>
        rig.Device.Get("/api/keymgmt/get/" + kid, rig.Token(scope));

    [TestMethod]
    [DynamicData(nameof(AllTypes))]
    public void Get_answers_the_algorithm_name_and_the_public_key_of_every_type(string type)
    {
        // Arrange
        using var rig = new Rig();
        var kid = rig.Create(type, "CCTEST:T-10.1_" + type, mode: "ECDH,ExDSA");
        var record = rig.Record(kid);

        // Act
        var response = Get(rig, kid);

        // Assert
        response.Status.Should().Be(200);
        var json = TestDevice.Json(response);
        json["type"]!.GetValue<string>().Should().Be(type);
        json["updated"]!.GetValue<long>().Should().Be(record.Updated);
        json["descr"]!.GetValue<string>().Should().Be(Convert.ToBase64String(Encoding.ASCII.GetBytes("CCTEST:T-10.1_" + type)));
        json.ContainsKey("der").Should().BeFalse();
        var keyType = (KeyType)record.KeyType;
        if (KeyTypes.IsAsymmetric(keyType))
        {
            json.Select(p => p.Key).Should().Equal("type", "pubkey", "updated", "descr");
            var pubkey = json["pubkey"]!.GetValue<string>();
            pubkey.Should().Be(Convert.ToBase64String(record.PublicKey), "standard base64 with padding (§3.8)");
            Convert.FromBase64String(pubkey).Should().HaveCount(KeyTypes.PublicKeySize(keyType));
        }
        else
        {
            json.Select(p => p.Key).Should().Equal("type", "updated", "descr");
        }
    }

    [TestMethod]
    [DataRow("SECP256R1", 33)]
    [DataRow("SECP256K1", 33)]
    [DataRow("SECP384R1", 49)]
    [DataRow("SECP521R1", 67)]
    public void Get_answers_a_compressed_point_for_secp_keys(string type, int length)
    {
        // Arrange
        using var rig = new Rig();
        var kid = rig.Create(type);

        // Act
        var pubkey = Convert.FromBase64String(TestDevice.Json(Get(rig, kid))["pubkey"]!.GetValue<string>());

        // Assert: SEC1 compressed, 02|03 ‖ X (§17.5).
        pubkey.Should().HaveCount(length);
        pubkey[0].Should().BeOneOf((byte)0x02, (byte)0x03);
    }

    [TestMethod]
    [DataRow("CURVE25519", 32)]
    [DataRow("CURVE448", 56)]
    [DataRow("ED25519", 32)]
    [DataRow("ED448", 57)]
    [DataRow("MLKEM512", 800)]
    [DataRow("MLKEM768", 1184)]
    [DataRow("MLKEM1024", 1568)]
    [DataRow("MLDSA44", 1312)]
    [DataRow("MLDSA65", 1952)]
    [DataRow("MLDSA87", 2592)]
    public void Get_answers_the_raw_public_key_for_other_asymmetric_keys(string type, int length)
    {
        // Arrange
        using var rig = new Rig();
        var kid = rig.Create(type);

        // Act
        var pubkey = Convert.FromBase64String(TestDevice.Json(Get(rig, kid))["pubkey"]!.GetValue<string>());

        // Assert
        pubkey.Should().HaveCount(length);
    }

    [TestMethod]
    public void Get_leaves_out_descr_when_the_key_has_none()
    {
        // Arrange
        using var rig = new Rig();
        var kid = rig.Create("AES256");

        // Act
        var json = TestDevice.Json(Get(rig, kid));

        // Assert
        json.Select(p => p.Key).Should().Equal("type", "updated");
        json["type"]!.GetValue<string>().Should().Be("AES256");
    }

    [TestMethod]
    public void Get_never_returns_secret_material()
    {
        // Arrange
        using var rig = new Rig();
        var kids = KeyTypes.Creatable.Select(t => rig.Create(KeyTypes.WireName(t))).ToList();

        foreach (var kid in kids)
        {
            var record = rig.Record(kid);
            rig.Keys.TryOpenSecret(record, out var secret).Should().BeTrue();
            using (secret)
            {
                // Act
                var body = Get(rig, kid).Body;

                // Assert: neither the secret nor its base64 appears anywhere in the answer.
                body.AsSpan().IndexOf(secret!.Span).Should().Be(-1);
                Encoding.ASCII.GetString(body).Should().NotContain(Convert.ToBase64String(secret.Span).TrimEnd('='));
            }
        }
    }

    [TestMethod]
    public void Get_answers_der_for_a_certificate_record()
    {
        // Arrange: the TLS certificate record of §17.6.
        using var rig = new Rig();
        byte[] der = [0x30, 0x82, 0x01, 0x0A, 0x02, 0x01, 0x01, 0xFF];
        var kid = Kid.FromBytes(Enumerable.Repeat((byte)0xC1, 16).ToArray());
        rig.Keys.TryAdd(kid, KeyType.GenericDer, KeyFlags.Cert, "TLS Certificate",
            Encoding.ASCII.GetBytes("DNS:my.ence.do"), der, [], rig.Device.Now, out _).Should().Be(AddOutcome.Added);

        // Act
        var json = TestDevice.Json(Get(rig, kid.Hex));

        // Assert
        json.Select(p => p.Key).Should().Equal("type", "der", "updated", "descr");
        json["type"]!.GetValue<string>().Should().Be("CERT");
        json["der"]!.GetValue<string>().Should().Be(Convert.ToBase64String(der));
    }

    [TestMethod]
    public void Get_answers_no_der_for_a_private_der_key()
    {
        // Arrange: the TLS private key record of §17.6.
        using var rig = new Rig();
        byte[] der = [0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20, 0x11];
        var kid = Kid.FromBytes(Enumerable.Repeat((byte)0xD1, 16).ToArray());
        rig.Keys.TryAdd(kid, KeyType.GenericDer, KeyFlags.Att | KeyFlags.Pkey, "TLS PrivateKey",
            Encoding.ASCII.GetBytes("DNS:my.ence.do"), null, der, rig.Device.Now, out _).Should().Be(AddOutcome.Added);

        // Act
        var json = TestDevice.Json(Get(rig, kid.Hex));

        // Assert
        json.Select(p => p.Key).Should().Equal("type", "updated", "descr");
        json["type"]!.GetValue<string>().Should().Be("DER_PKEY");
    }
}
