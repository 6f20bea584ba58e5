using System.Formats.Asn1;
using System.Security.Cryptography;
using FluentAssertions;
using HemSim.Firmware.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace HemSim.Firmware.Tests.Crypto;

[TestClass]
public sealed class EcdsaTests
{
    // RFC 6979 §A.2.5 (P-256): private key x; public key Ux, Uy.
    private const string P256X = "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721";
    private const string P256Ux = "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6";
    private const string P256Uy = "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299";

    // RFC 6979 §A.2.6 (P-384): private key x.
    private const string P384X = "6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D896D5724E4C70A825F872C9EA60D2EDF5";

    private static readonly byte[] s_message = "ExDSA"u8.ToArray();

    /// <summary>DER SEQUENCE{INTEGER r, INTEGER s} (RFC 3279 §2.2.3) from the hex of r and s, written with .NET's AsnWriter.</summary>
    private static byte[] Der(string r, string s)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(Convert.FromHexString(r));
            writer.WriteIntegerUnsigned(Convert.FromHexString(s));
        }
        return writer.Encode();
    }

    private static HashAlgorithmName Hash(string name) => new(name);

    [TestMethod]
    public void Public_key_of_the_RFC_6979_P256_key_is_Ux_Uy()
    {
        // The compressed point: 02|03 by the parity of Uy (…99 is odd → 03), then Ux (SEC 1 §2.3.3).
        EcScalar.CompressedPublicKey(KeyType.Secp256r1, Convert.FromHexString(P256X))
            .Should().Equal([0x03, .. Convert.FromHexString(P256Ux)]);
        Convert.FromHexString(P256Uy)[^1].Should().Be(0x99);
    }

    // RFC 6979 §A.2.5 (P-256) and §A.2.6 (P-384): "With SHA-256/384/512, message = sample/test": r, s.
    [TestMethod]
    [DataRow("SECP256R1", P256X, "SHA256", "sample",
        "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716", "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8")]
    [DataRow("SECP256R1", P256X, "SHA384", "sample",
        "0EAFEA039B20E9B42309FB1D89E213057CBF973DC0CFC8F129EDDDC800EF7719", "4861F0491E6998B9455193E34E7B0D284DDD7149A74B95B9261F13ABDE940954")]
    [DataRow("SECP256R1", P256X, "SHA512", "sample",
        "8496A60B5E9B47C825488827E0495B0E3FA109EC4568FD3F8D1097678EB97F00", "2362AB1ADBE2B8ADF9CB9EDAB740EA6049C028114F2460F96554F61FAE3302FE")]
    [DataRow("SECP256R1", P256X, "SHA256", "test",
        "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367", "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083")]
    [DataRow("SECP384R1", P384X, "SHA384", "sample",
        "94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C81A648152E44ACF96E36DD1E80FABE46",
        "99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94FA329C145786E679E7B82C71A38628AC8")]
    public void RFC_6979_signature_verifies_and_fails_for_another_message(string curve, string x, string hash, string message, string r, string s)
    {
        // Arrange
        var type = curve == "SECP256R1" ? KeyType.Secp256r1 : KeyType.Secp384r1;
        var publicKey = EcScalar.CompressedPublicKey(type, Convert.FromHexString(x));
        byte[] der = Der(r, s);
        byte[] msg = System.Text.Encoding.ASCII.GetBytes(message);

        // Act & Assert
        Ecdsa.Verify(type, publicKey, msg, der, Hash(hash)).Should().BeTrue();
        Ecdsa.Verify(type, publicKey, [.. msg, 0], der, Hash(hash)).Should().BeFalse();
        ExdsaPublicKey.Open(type, publicKey).Verify(Algorithm(hash), msg, der, []).Should().BeTrue();
    }

    [TestMethod]
    [DataRow("SHA256", "sample")]
    [DataRow("SHA512", "test")]
    public void RFC_6979_deterministic_signature_of_BouncyCastle_verifies_on_the_loaded_key(string hash, string message)
    {
        // Arrange: an independent deterministic signer (BouncyCastle ECDsaSigner + HMacDsaKCalculator, RFC 6979 §3.2)
        // must reproduce r of the published vector, and its signature must verify through the adapter.
        byte[] msg = System.Text.Encoding.ASCII.GetBytes(message);
        var domain = ECNamedCurveTable.GetByName("secp256r1");
        var parameters = new ECPrivateKeyParameters(new BcBigInteger(P256X, 16), new ECDomainParameters(domain));
        var signer = new ECDsaSigner(new HMacDsaKCalculator(hash == "SHA256" ? new Sha256Digest() : new Sha512Digest()));
        signer.Init(true, parameters);
        byte[] digest = hash == "SHA256" ? SHA256.HashData(msg) : SHA512.HashData(msg);
        var rs = signer.GenerateSignature(digest);
        var der = Der(rs[0].ToString(16).PadLeft(64, '0'), rs[1].ToString(16).PadLeft(64, '0'));
        var publicKey = EcScalar.CompressedPublicKey(KeyType.Secp256r1, Convert.FromHexString(P256X));

        // Act
        var valid = ExdsaPublicKey.Open(KeyType.Secp256r1, publicKey).Verify(Algorithm(hash), msg, der, []);

        // Assert: RFC 6979 §A.2.5 r for (SHA-256, sample) and (SHA-512, test).
        rs[0].ToString(16).ToUpperInvariant().Should().Be(hash == "SHA256"
            ? "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716"
            : "461D93F31B6540894788FD206C07CFA0CC35F46FA3C91816FFF1040AD1581A04");
        valid.Should().BeTrue();
    }

    [TestMethod]
    [DataRow("Secp256r1", "SHA256")]
    [DataRow("Secp256r1", "SHA512")]
    [DataRow("Secp384r1", "SHA256")]
    [DataRow("Secp521r1", "SHA512")]
    [DataRow("Secp521r1", "SHA256")]
    [DataRow("Secp256k1", "SHA384")]
    public void Loaded_key_signs_DER_that_dotnet_verifies_independently(string curveName, string hash)
    {
        // Arrange
        var curve = Enum.Parse<KeyType>(curveName);
        using var reference = ECDsa.Create(Ecdsa.Curve(curve));
        var p = reference.ExportParameters(includePrivateParameters: true);
        byte[] compressed = [(byte)(0x02 | (p.Q.Y![^1] & 1)), .. p.Q.X!];
        var key = ExdsaPrivateKey.Open(curve, p.D, compressed);

        // Act
        var signature = key.Sign(Algorithm(hash), s_message, []);

        // Assert
        reference.VerifyData(s_message, signature, Hash(hash), DSASignatureFormat.Rfc3279DerSequence).Should().BeTrue();
        ExdsaPublicKey.Open(curve, compressed).Verify(Algorithm(hash), s_message, signature, []).Should().BeTrue();
        ExdsaPublicKey.Open(curve, compressed).Verify(Algorithm(hash), [.. s_message, 1], signature, []).Should().BeFalse();
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("3000")]
    [DataRow("3006020101020101ff")]
    [DataRow("ffffffff")]
    public void Malformed_DER_answers_false_instead_of_throwing(string der)
    {
        var publicKey = EcScalar.CompressedPublicKey(KeyType.Secp256r1, Convert.FromHexString(P256X));

        Ecdsa.Verify(KeyType.Secp256r1, publicKey, s_message, Convert.FromHexString(der), HashAlgorithmName.SHA256).Should().BeFalse();
    }

    [TestMethod]
    public void Public_key_that_is_no_point_verifies_nothing()
    {
        byte[] notAPoint = [0x02, .. Enumerable.Repeat((byte)0xFF, 32)];

        Ecdsa.Verify(KeyType.Secp256r1, notAPoint, s_message, Der("01", "01"), HashAlgorithmName.SHA256).Should().BeFalse();
        ExdsaPublicKey.Open(KeyType.Secp256r1, notAPoint).Verify(ExdsaAlgorithm.Sha256WithEcdsa, s_message, Der("01", "01"), []).Should().BeFalse();
    }

    [TestMethod]
    public void Invalid_scalar_is_misuse()
    {
        var publicKey = EcScalar.CompressedPublicKey(KeyType.Secp256r1, Convert.FromHexString(P256X));

        Action zero = () => ExdsaPrivateKey.Open(KeyType.Secp256r1, new byte[32], publicKey);
        Action shortScalar = () => Ecdsa.Sign(KeyType.Secp256r1, new byte[31], s_message, HashAlgorithmName.SHA256);

        zero.Should().Throw<ArgumentException>();
        shortScalar.Should().Throw<ArgumentException>();
    }

    private static ExdsaAlgorithm Algorithm(string hash) => hash switch
    {
        "SHA256" => ExdsaAlgorithm.Sha256WithEcdsa,
        "SHA384" => ExdsaAlgorithm.Sha384WithEcdsa,
        _ => ExdsaAlgorithm.Sha512WithEcdsa,
    };
}
