using System.Security.Cryptography;
using FluentAssertions;
using HemSim.Firmware.Tests.Api.KeyMgmt;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Crypto.CryptoRig;

namespace HemSim.Firmware.Tests.Api.Crypto;

/// <summary>
/// POST /api/crypto/exdsa/sign (spec §13.3, §18.2, §22 #8): signatures made on the device verify with .NET and
/// BouncyCastle for every curve × hash and every EdDSA variant; the audit line of each outcome.
/// </summary>
[TestClass]
public sealed partial class CryptoExdsaSignTests
{
    private static readonly byte[] s_msg = "The quick brown fox jumps over the lazy dog"u8.ToArray();
    private static readonly byte[] s_ctx = RandomNumberGenerator.GetBytes(32);

    /// <summary>A signing key of <paramref name="type"/>: SECP keys are created with the ExDSA usage.</summary>
    internal static string CreateSigningKey(CryptoRig rig, string type) =>
        rig.Create(type, ExdsaPeer.IsSecp(type) ? "ExDSA" : null);

    internal static object Body(string kid, string alg, byte[] msg, byte[]? ctx = null) => ctx is null
        ? new { kid, msg = B64(msg), alg }
        : new { kid, msg = B64(msg), alg, ctx = B64(ctx) };

    [TestMethod]
    [DynamicData(nameof(ExdsaPeer.Pairs), typeof(ExdsaPeer))]
    public void Signature_made_on_the_device_verifies_with_an_independent_implementation(string type, string alg)
    {
        // Arrange: [T] sends a 32-byte ctx for Ed25519ph/ctx/Ed448/Ed448ph; ECDSA and Ed25519 ignore it.
        using var rig = new CryptoRig();
        var kid = CreateSigningKey(rig, type);
        byte[] ctx = alg is "Ed25519" || ExdsaPeer.IsSecp(type) ? [] : s_ctx;

        // Act
        var signature = Bytes(Ok(rig.Call("exdsa/sign", Body(kid, alg, s_msg, s_ctx), kid)), "sign");

        // Assert
        ExdsaPeer.Verify(type, rig.PublicKey(kid), alg, s_msg, signature, ctx).Should().BeTrue();
    }

    [TestMethod]
    [DataRow("SECP256R1", "SHA256WithECDSA", 70, 72)]
    [DataRow("SECP521R1", "SHA512WithECDSA", 137, 139)]
    [DataRow("ED25519", "Ed25519", 64, 64)]
    [DataRow("ED25519", "Ed25519ph", 64, 64)]
    [DataRow("ED448", "Ed448", 114, 114)]
    [DataRow("ED448", "Ed448ph", 114, 114)]
    public void Signature_has_the_size_of_section_18_2(string type, string alg, int min, int max)
    {
        // Arrange: DER SEQUENCE{r, s} (§22 #8): 0x30, length, two INTEGERs of up to field size + 1 bytes.
        using var rig = new CryptoRig();
        var kid = CreateSigningKey(rig, type);

        // Act
        var signature = Bytes(Ok(rig.Call("exdsa/sign", Body(kid, alg, s_msg, s_ctx), kid)), "sign");

        // Assert
        signature.Length.Should().BeInRange(min, max);
        if (ExdsaPeer.IsSecp(type))
        {
            signature[0].Should().Be(0x30);
        }
    }

    [TestMethod]
    [DataRow("Ed25519ph")]
    [DataRow("Ed25519ctx")]
    public void Ed25519_context_variants_bind_the_context(string alg)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = CreateSigningKey(rig, "ED25519");

        // Act
        var signature = Bytes(Ok(rig.Call("exdsa/sign", Body(kid, alg, s_msg, s_ctx), kid)), "sign");

        // Assert
        ExdsaPeer.Verify("ED25519", rig.PublicKey(kid), alg, s_msg, signature, [.. s_ctx, 0]).Should().BeFalse();
    }

    [TestMethod]
    [DataRow("Ed448")]
    [DataRow("Ed448ph")]
    public void Ed448_signs_without_a_context_as_with_an_empty_one(string alg)
    {
        // Arrange: RFC 8032 §5.2, the context may be empty; [J] sends none.
        using var rig = new CryptoRig();
        var kid = CreateSigningKey(rig, "ED448");

        // Act
        var absent = Bytes(Ok(rig.Call("exdsa/sign", Body(kid, alg, s_msg), kid)), "sign");
        var empty = Bytes(Ok(rig.Call("exdsa/sign", Body(kid, alg, s_msg, []), kid)), "sign");

        // Assert: EdDSA is deterministic.
        absent.Should().Equal(empty);
        ExdsaPeer.Verify("ED448", rig.PublicKey(kid), alg, s_msg, absent, []).Should().BeTrue();
    }

    [TestMethod]
    public void Secp_key_created_for_ECDH_and_ExDSA_signs()
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("SECP384R1", "ECDH,ExDSA");

        // Act
        var signature = Bytes(Ok(rig.Call("exdsa/sign", Body(kid, "SHA384WithECDSA", s_msg), kid)), "sign");

        // Assert
        ExdsaPeer.Verify("SECP384R1", rig.PublicKey(kid), "SHA384WithECDSA", s_msg, signature, []).Should().BeTrue();
    }

    [TestMethod]
    public void Empty_message_is_signed()
    {
        // Arrange: RFC 8032 §7.1 TEST 1 signs the empty message; nothing forbids it here.
        using var rig = new CryptoRig();
        var kid = CreateSigningKey(rig, "ED25519");

        // Act
        var signature = Bytes(Ok(rig.Call("exdsa/sign", Body(kid, "Ed25519", []), kid)), "sign");

        // Assert
        ExdsaPeer.Verify("ED25519", rig.PublicKey(kid), "Ed25519", [], signature, []).Should().BeTrue();
    }

    [TestMethod]
    public void Ed25519_signature_is_the_RFC_8032_signature_of_the_stored_seed()
    {
        // Arrange: the deterministic signature, recomputed here from the unsealed seed with BouncyCastle.
        using var rig = new CryptoRig();
        var kid = CreateSigningKey(rig, "ED25519");
        var seed = new Org.BouncyCastle.Crypto.Parameters.Ed25519PrivateKeyParameters(rig.Keys.Secret(kid));
        var expected = new byte[64];
        seed.Sign(Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Algorithm.Ed25519ctx, s_ctx, s_msg, 0, s_msg.Length, expected, 0);

        // Act
        var signature = Bytes(Ok(rig.Call("exdsa/sign", Body(kid, "Ed25519ctx", s_msg, s_ctx), kid)), "sign");

        // Assert
        signature.Should().Equal(expected);
    }

    [TestMethod]
    public void Successful_sign_logs_OK_with_the_kid_and_changes_no_slot()
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = CreateSigningKey(rig, "SECP256R1");
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call("exdsa/sign", Body(kid, "SHA256WithECDSA", s_msg), kid);

        // Assert
        response.Status.Should().Be(200);
        rig.Keys.ShouldOnlyHaveLogged(before, ExdsaSign, KeyWriteRig.Ok, Convert.FromHexString(kid));
    }
}
