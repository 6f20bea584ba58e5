using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using static HemSim.Firmware.Tests.Api.KeyMgmt.KeyWriteRig;

namespace HemSim.Firmware.Tests.Api.KeyMgmt;

/// <summary>
/// POST /api/keymgmt/import (spec §12.9, §17.4, §17.5): keys made here with .NET and BouncyCastle, their kids
/// recomputed here; the stored record and its attribute string (§17.2 "imported public").
/// </summary>
[TestClass]
public sealed partial class KeyMgmtImportTests
{
    private static readonly SecureRandom s_random = new();

    /// <summary>A fresh key pair's public key in the §17.5 encoding, made outside the device.</summary>
    internal static byte[] ForeignPublicKey(string type) => type switch
    {
        "SECP256R1" => DotNetCompressed(ECCurve.NamedCurves.nistP256),
        "SECP384R1" => DotNetCompressed(ECCurve.NamedCurves.nistP384),
        "SECP521R1" => DotNetCompressed(ECCurve.NamedCurves.nistP521),
        "SECP256K1" => DotNetCompressed(ECCurve.CreateFromFriendlyName("secp256k1")),
        "CURVE25519" => new X25519PrivateKeyParameters(s_random).GeneratePublicKey().GetEncoded(),
        "CURVE448" => new X448PrivateKeyParameters(s_random).GeneratePublicKey().GetEncoded(),
        "ED25519" => new Ed25519PrivateKeyParameters(s_random).GeneratePublicKey().GetEncoded(),
        "ED448" => new Ed448PrivateKeyParameters(s_random).GeneratePublicKey().GetEncoded(),
        "MLKEM512" => MlKem(MLKemParameters.ml_kem_512),
        "MLKEM768" => MlKem(MLKemParameters.ml_kem_768),
        "MLKEM1024" => MlKem(MLKemParameters.ml_kem_1024),
        "MLDSA44" => MlDsa(MLDsaParameters.ml_dsa_44),
        "MLDSA65" => MlDsa(MLDsaParameters.ml_dsa_65),
        "MLDSA87" => MlDsa(MLDsaParameters.ml_dsa_87),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>SEC 1 §2.3.3 compression done here: 02/03 by the parity of Y, then X.</summary>
    internal static byte[] DotNetCompressed(ECCurve curve)
    {
        using var ecdsa = ECDsa.Create(curve);
        var q = ecdsa.ExportParameters(false).Q;
        return [(byte)(0x02 | (q.Y![^1] & 1)), .. q.X!];
    }

    private static byte[] MlKem(MLKemParameters parameters)
    {
        var generator = new MLKemKeyPairGenerator();
        generator.Init(new MLKemKeyGenerationParameters(s_random, parameters));
        return ((MLKemPublicKeyParameters)generator.GenerateKeyPair().Public).GetEncoded();
    }

    private static byte[] MlDsa(MLDsaParameters parameters)
    {
        var generator = new MLDsaKeyPairGenerator();
        generator.Init(new MLDsaKeyGenerationParameters(s_random, parameters));
        return ((MLDsaPublicKeyParameters)generator.GenerateKeyPair().Public).GetEncoded();
    }

    [TestMethod]
    [DataRow("SECP256R1", 33, "ECDH,SECP256R1")]
    [DataRow("SECP384R1", 49, "ECDH,SECP384R1")]
    [DataRow("SECP521R1", 67, "ECDH,SECP521R1")]
    [DataRow("SECP256K1", 33, "ECDH,SECP256K1")]
    [DataRow("CURVE25519", 32, "ECDH,CURVE25519")]
    [DataRow("CURVE448", 56, "ECDH,CURVE448")]
    [DataRow("ED25519", 32, "ExDSA,ED25519")]
    [DataRow("ED448", 57, "ExDSA,ED448")]
    [DataRow("MLKEM512", 800, "PQC,MLKEM512")]
    [DataRow("MLKEM768", 1184, "PQC,MLKEM768")]
    [DataRow("MLKEM1024", 1568, "PQC,MLKEM1024")]
    [DataRow("MLDSA44", 1312, "PQC,MLDSA44")]
    [DataRow("MLDSA65", 1952, "PQC,MLDSA65")]
    [DataRow("MLDSA87", 2592, "PQC,MLDSA87")]
    public void Import_of_a_key_made_outside_gets_the_sha1_kid_and_a_public_only_record(string type, int length, string attributes)
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var publicKey = ForeignPublicKey(type);
        publicKey.Should().HaveCount(length);

        // Act
        var response = rig.Import(new { label = "imported " + type, type, pubkey = Convert.ToBase64String(publicKey) });

        // Assert: §17.4, kid = SHA-1(pubkey as supplied)[0..16); §17.2, no ATT and no PKEY.
        var kid = KidOf(response);
        kid.Should().Be(Sha1Kid(publicKey));
        var record = rig.Record(kid);
        record.PublicKey.Should().Equal(publicKey);
        record.SealedSecret.Should().BeEmpty();
        Attributes(record).Should().Be(attributes);
    }

    [TestMethod]
    [DataRow("SECP256R1", null, "ECDH,SECP256R1")]
    [DataRow("SECP256R1", "ECDH", "ECDH,SECP256R1")]
    [DataRow("SECP384R1", "ExDSA", "ExDSA,SECP384R1")]
    [DataRow("SECP521R1", "ECDH,ExDSA", "ECDH,ExDSA,SECP521R1")]
    [DataRow("SECP256K1", "SECP256K1", "ECDH,SECP256K1")]
    [DataRow("CURVE25519", "ExDSA", "ECDH,CURVE25519")]
    [DataRow("ED25519", "ECDH", "ExDSA,ED25519")]
    [DataRow("MLDSA44", "ECDH", "PQC,MLDSA44")]
    public void Import_takes_secp_usages_from_mode_and_ignores_mode_elsewhere(string type, string? mode, string attributes)
    {
        // Arrange
        using var rig = new KeyWriteRig();

        // Act
        var kid = rig.Import(type, ForeignPublicKey(type), mode: mode);

        // Assert
        Attributes(rig.Record(kid)).Should().Be(attributes);
    }

    [TestMethod]
    public void Import_stores_label_descr_and_times()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        rig.Device.Clock.Advance(TimeSpan.FromSeconds(30));
        var descr = Encoding.ASCII.GetBytes("CCTEST:T-10.2_ED25519");

        // Act
        var kid = KidOf(rig.Import(new
        {
            label = "T-10.2 IMP ED25519", type = "ED25519", mode = "ECDH",
            pubkey = Convert.ToBase64String(ForeignPublicKey("ED25519")), descr = Convert.ToBase64String(descr),
        }));

        // Assert
        var record = rig.Record(kid);
        record.Label.Should().Be("T-10.2 IMP ED25519");
        record.Descr.Should().Equal(descr);
        record.Created.Should().Be(rig.Device.Now);
        record.Updated.Should().Be(record.Created);
    }

    [TestMethod]
    public void Import_accepts_the_pubkey_in_the_url_safe_alphabet_without_padding()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var publicKey = ForeignPublicKey("SECP256R1");
        var urlSafe = Convert.ToBase64String(publicKey).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        // Act
        var response = rig.Import(new { label = "k", type = "SECP256R1", pubkey = urlSafe });

        // Assert
        KidOf(response).Should().Be(Sha1Kid(publicKey));
    }

    [TestMethod]
    public void Import_logs_key_import_ok_with_the_kid()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var publicKey = ForeignPublicKey("CURVE25519");
        var linesBefore = rig.Device.AuditLines().Count;

        // Act
        rig.Import("CURVE25519", publicKey);

        // Assert
        var lines = rig.Device.AuditLines();
        lines.Should().HaveCount(linesBefore + 1);
        lines[^1].Type.Should().Be(KeyImport);
        lines[^1].Result.Should().Be(Ok);
        lines[^1].Subject.Should().Be("U");
        lines[^1].DataBytes.Should().Equal(Convert.FromHexString(Sha1Kid(publicKey)));
    }

    [TestMethod]
    public void Import_of_the_same_key_twice_answers_406_and_logs_a_failure()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var publicKey = ForeignPublicKey("SECP384R1");
        var kid = rig.Import("SECP384R1", publicKey);
        var before = rig.Snapshot();

        // Act
        var response = rig.Import(new { label = "again", type = "SECP384R1", pubkey = Convert.ToBase64String(publicKey) });

        // Assert: [P] OQ-20, [T] treats "all 406" on a re-run as success.
        response.Status.Should().Be(406);
        response.Body.Should().BeEmpty();
        rig.ShouldOnlyHaveLogged(before, KeyImport, Failed, Convert.FromHexString(kid));
    }

    [TestMethod]
    [DataRow("SECP256R1")]
    [DataRow("CURVE448")]
    [DataRow("ED25519")]
    [DataRow("MLKEM512")]
    public void Import_of_the_public_key_of_a_key_generated_here_is_a_duplicate(string type)
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var generated = rig.Create(type);
        var publicKey = rig.PublicKey(generated);
        var before = rig.Snapshot();

        // Act
        var response = rig.Import(new { label = "copy", type, pubkey = Convert.ToBase64String(publicKey) });

        // Assert: §12.9 INFERRED, generated keys use the same kid rule.
        response.Status.Should().Be(406);
        rig.ShouldOnlyHaveLogged(before, KeyImport, Failed, Convert.FromHexString(generated));
    }

    [TestMethod]
    public void Import_of_a_deleted_keys_public_key_succeeds_with_the_same_kid()
    {
        // Arrange: [P]'s import test deletes the source key first.
        using var rig = new KeyWriteRig();
        var generated = rig.Create("ED448");
        var publicKey = rig.PublicKey(generated);
        rig.Delete(generated).Status.Should().Be(200);

        // Act
        var kid = rig.Import("ED448", publicKey);

        // Assert
        kid.Should().Be(generated);
        Attributes(rig.Record(kid)).Should().Be("ExDSA,ED448");
    }

    [TestMethod]
    public void Import_answers_406_when_the_keystore_is_full_and_succeeds_after_a_delete()
    {
        // Arrange
        using var rig = new KeyWriteRig(new HemDeviceOptions { KeystoreSlots = 2 });
        var first = rig.Create("AES256");
        rig.Create("AES128");
        var publicKey = ForeignPublicKey("ED25519");
        var before = rig.Snapshot();

        // Act
        var full = rig.Import(new { label = "k", type = "ED25519", pubkey = Convert.ToBase64String(publicKey) });

        // Assert
        full.Status.Should().Be(406);
        rig.ShouldOnlyHaveLogged(before, KeyImport, Failed, Convert.FromHexString(Sha1Kid(publicKey)));
        var slot = rig.Record(first).Slot;
        rig.Delete(first).Status.Should().Be(200);
        var kid = rig.Import("ED25519", publicKey);
        rig.Record(kid).Slot.Should().Be(slot);
        rig.Keys.Total.Should().Be(2);
    }
}
