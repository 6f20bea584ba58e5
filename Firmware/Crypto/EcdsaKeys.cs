using System.Security.Cryptography;

namespace HemSim.Firmware.Crypto;

/// <summary>
/// A loaded SECP signing key: the .NET/OpenSSL key object, imported once from the stored scalar and public
/// point. Signing is exactly <see cref="ECDsa.SignData(byte[], HashAlgorithmName, DSASignatureFormat)"/> on it.
/// </summary>
internal sealed class EcdsaPrivateKey : ExdsaPrivateKey
{
    private readonly ECDsa _key;

    private EcdsaPrivateKey(ECDsa key) => _key = key;

    internal static EcdsaPrivateKey Load(KeyType curve, ReadOnlySpan<byte> scalar, byte[] compressedPublicKey)
    {
        if (!EcScalar.IsValid(curve, scalar))
        {
            throw new ArgumentException($"Not a valid {curve} private scalar.", nameof(scalar));
        }
        return new EcdsaPrivateKey(Ecdsa.Import(curve, scalar, compressedPublicKey));
    }

    public override byte[] Sign(ExdsaAlgorithm algorithm, ReadOnlySpan<byte> message, ReadOnlySpan<byte> context) =>
        _key.SignData(message, ExdsaAlgorithms.EcdsaHash(algorithm), DSASignatureFormat.Rfc3279DerSequence);
}

/// <summary>A loaded SECP public key: the .NET/OpenSSL key object made once from the decompressed point.</summary>
internal sealed class EcdsaPublicKey : ExdsaPublicKey
{
    private readonly ECDsa _key;

    private EcdsaPublicKey(ECDsa key) => _key = key;

    internal static ExdsaPublicKey Load(KeyType curve, byte[] compressedPublicKey) =>
        Sec1.IsValidCompressed(curve, compressedPublicKey)
            ? new EcdsaPublicKey(Ecdsa.Import(curve, scalar: [], compressedPublicKey))
            : new NotAPoint();

    public override bool Verify(
        ExdsaAlgorithm algorithm, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> context) =>
        Ecdsa.VerifyDer(_key, message, signature, ExdsaAlgorithms.EcdsaHash(algorithm));
}
