using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace HemSim.Firmware.Tests.Api.Crypto;

/// <summary>
/// The other side of the ExDSA tests, written with independent code: .NET <see cref="ECDsa"/> for the SECP curves,
/// BouncyCastle's <c>Ed25519Signer</c>/<c>Ed25519ctxSigner</c>/<c>Ed25519phSigner</c>/<c>Ed448Signer</c>/<c>Ed448phSigner</c>
/// for EdDSA. Key types, algorithm strings and sizes are written out here, not taken from the firmware.
/// </summary>
internal static class ExdsaPeer
{
    private static readonly SecureRandom s_random = new();

    public static readonly string[] Curves = ["SECP256R1", "SECP384R1", "SECP521R1", "SECP256K1"];
    public static readonly string[] EcdsaAlgs = ["SHA256WithECDSA", "SHA384WithECDSA", "SHA512WithECDSA"];

    /// <summary>Every (key type, alg) pair of the spec §13.3 table.</summary>
    public static IEnumerable<object[]> Pairs =>
        Curves.SelectMany(c => EcdsaAlgs.Select(a => new object[] { c, a }))
            .Concat([["ED25519", "Ed25519"], ["ED25519", "Ed25519ph"], ["ED25519", "Ed25519ctx"], ["ED448", "Ed448"], ["ED448", "Ed448ph"]]);

    public static bool IsSecp(string type) => type.StartsWith("SECP", StringComparison.Ordinal);

    public static ECCurve DotNetCurve(string type) => type switch
    {
        "SECP256R1" => ECCurve.NamedCurves.nistP256,
        "SECP384R1" => ECCurve.NamedCurves.nistP384,
        "SECP521R1" => ECCurve.NamedCurves.nistP521,
        "SECP256K1" => ECCurve.CreateFromFriendlyName("secp256k1"),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static HashAlgorithmName Hash(string alg) => alg switch
    {
        "SHA256WithECDSA" => HashAlgorithmName.SHA256,
        "SHA384WithECDSA" => HashAlgorithmName.SHA384,
        "SHA512WithECDSA" => HashAlgorithmName.SHA512,
        _ => throw new ArgumentOutOfRangeException(nameof(alg), alg, null),
    };

    /// <summary>Verifies a signature with .NET (DER, RFC 3279) or BouncyCastle's signers.</summary>
    public static bool Verify(string type, byte[] publicKey, string alg, byte[] msg, byte[] signature, byte[] ctx)
    {
        if (IsSecp(type))
        {
            using var key = ECDsa.Create(new ECParameters { Curve = DotNetCurve(type), Q = Decompress(type, publicKey) });
            return key.VerifyData(msg, signature, Hash(alg), DSASignatureFormat.Rfc3279DerSequence);
        }
        var signer = Signer(alg, ctx);
        signer.Init(false, type == "ED25519" ? new Ed25519PublicKeyParameters(publicKey) : new Ed448PublicKeyParameters(publicKey));
        signer.BlockUpdate(msg, 0, msg.Length);
        return signer.VerifySignature(signature);
    }

    /// <summary>A fresh key pair made here: its §17.5 public key and a signature of <paramref name="msg"/>.</summary>
    public static (byte[] PublicKey, byte[] Signature) Sign(string type, string alg, byte[] msg, byte[] ctx)
    {
        if (IsSecp(type))
        {
            using var key = ECDsa.Create(DotNetCurve(type));
            var q = key.ExportParameters(false).Q;
            byte[] compressed = [(byte)(0x02 | (q.Y![^1] & 1)), .. q.X!];
            return (compressed, key.SignData(msg, Hash(alg), DSASignatureFormat.Rfc3279DerSequence));
        }
        AsymmetricKeyParameter privateKey;
        byte[] publicKey;
        if (type == "ED25519")
        {
            var ed = new Ed25519PrivateKeyParameters(s_random);
            (privateKey, publicKey) = (ed, ed.GeneratePublicKey().GetEncoded());
        }
        else
        {
            var ed = new Ed448PrivateKeyParameters(s_random);
            (privateKey, publicKey) = (ed, ed.GeneratePublicKey().GetEncoded());
        }
        var signer = Signer(alg, ctx);
        signer.Init(true, privateKey);
        signer.BlockUpdate(msg, 0, msg.Length);
        return (publicKey, signer.GenerateSignature());
    }

    private static ISigner Signer(string alg, byte[] ctx) => alg switch
    {
        "Ed25519" => new Ed25519Signer(),
        "Ed25519ctx" => new Ed25519ctxSigner(ctx),
        "Ed25519ph" => new Ed25519phSigner(ctx),
        "Ed448" => new Ed448Signer(ctx),
        "Ed448ph" => new Ed448phSigner(ctx),
        _ => throw new ArgumentOutOfRangeException(nameof(alg), alg, null),
    };

    /// <summary>SEC 1 §2.3.4 decompression with BouncyCastle, for .NET, which takes X and Y.</summary>
    private static ECPoint Decompress(string type, byte[] compressed)
    {
        X9ECParameters domain = ECNamedCurveTable.GetByName(type.ToLowerInvariant());
        var point = domain.Curve.DecodePoint(compressed).Normalize();
        int size = compressed.Length - 1;
        return new ECPoint
        {
            X = point.AffineXCoord.ToBigInteger().ToByteArrayUnsigned().PadLeft(size),
            Y = point.AffineYCoord.ToBigInteger().ToByteArrayUnsigned().PadLeft(size),
        };
    }

    private static byte[] PadLeft(this byte[] bytes, int size) =>
        bytes.Length >= size ? bytes : [.. new byte[size - bytes.Length], .. bytes];
}
