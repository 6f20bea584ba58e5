using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;

namespace HemSim.Firmware.Crypto;

/// <summary>
/// BouncyCastle domain parameters for the four SECP key types (SEC 2 v2 §2.4.1, §2.5.1, §2.6.1, §2.7.1).
/// </summary>
/// <remarks>
/// Crypto/-only: it returns BouncyCastle types, so code outside this folder uses <see cref="Sec1"/>,
/// <see cref="EcScalar"/> and <see cref="KeyGenerator"/> instead. <see cref="CustomNamedCurves"/> gives
/// the specialised field arithmetic for exactly these curves and caches each instance.
/// </remarks>
internal static class EcCurves
{
    public static X9ECParameters Domain(KeyType curve) => curve switch
    {
        KeyType.Secp256r1 => CustomNamedCurves.GetByName("secp256r1"),
        KeyType.Secp384r1 => CustomNamedCurves.GetByName("secp384r1"),
        KeyType.Secp521r1 => CustomNamedCurves.GetByName("secp521r1"),
        KeyType.Secp256k1 => CustomNamedCurves.GetByName("secp256k1"),
        _ => throw new ArgumentException($"{curve} is not a SECP curve.", nameof(curve)),
    };

    /// <summary>Bytes of one field element, which is also the fixed length of a stored scalar (§17.1).</summary>
    public static int FieldSize(KeyType curve) => KeyTypes.ClassOf(curve) == KeyClass.Secp
        ? KeyTypes.SecretSize(curve)
        : throw new ArgumentException($"{curve} is not a SECP curve.", nameof(curve));
}
