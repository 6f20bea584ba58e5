using System.Security.Cryptography;
using System.Text;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Device;
using HemSim.Firmware.Json;
using HemSim.Firmware.Keystore;

namespace HemSim.Firmware.Tls;

/// <summary>
/// The simulator's TLS key delivery: how a backend that makes the device's TLS key itself (the registration request
/// carried no <c>csr</c>) sends it, as <c>tls = {emp, key, crt}</c> (spec §11.6). The vendor's own transport
/// derivation is undocumented (spec §22 #26); this is <b>HemSim's scheme, v1</b>, which the stand-in backend
/// (tools/HemSim.Backend/Registration/TlsKeyDelivery.cs) implements on the other side:
/// <list type="number">
/// <item><c>emp</c>: b64 of an ephemeral P-256 public key, SEC1 <b>uncompressed</b> (65 bytes, <c>04‖X‖Y</c>; the
/// device also accepts compressed, 33 bytes).</item>
/// <item>AES key = HKDF-SHA256(IKM = x-coordinate of ECDH(emp, device attestation key), salt = empty,
/// info = <c>"HemSim TLS key delivery v1"</c>, 32 bytes). The attestation key is the one behind the device's
/// <c>genuine</c> token (§11.7), which the backend recovers from the token's signature.</item>
/// <item>Plaintext (48 bytes) = the TLS private scalar (32 bytes, big-endian) ‖ the first 16 bytes of
/// SHA-256(crt DER), binding the key to its certificate.</item>
/// <item><c>key</c> = b64(IV, 16 random bytes) "." b64(AES-256-CBC, PKCS#7 → 64 bytes): 24 + 1 + 88 = 113 characters,
/// the length of the vendor's <c>key</c>.</item>
/// </list>
/// The device accepts the bundle only when the decryption, the padding, the binding and the scalar all check and the
/// scalar's public key is the one <c>crt</c> certifies.
/// </summary>
internal static class TlsKeyDelivery
{
    /// <summary>HKDF info of the scheme.</summary>
    public const string Info = "HemSim TLS key delivery v1";

    private const int ScalarSize = 32;
    private const int BindingSize = 16;
    private const int IvSize = 16;
    private const int CiphertextSize = 64;

    /// <summary>
    /// The TLS key delivered in <paramref name="emp"/>/<paramref name="key"/> for <paramref name="certificateDer"/>, or
    /// null when anything does not check. The caller disposes the key.
    /// </summary>
    public static TlsKey? TryOpen(Attestation attestation, string emp, string key, byte[] certificateDer)
    {
        var parts = key.Split('.');
        if (parts.Length != 2
            || !Base64Text.TryDecode(parts[0], out var iv) || iv.Length != IvSize
            || !Base64Text.TryDecode(parts[1], out var ciphertext) || ciphertext.Length != CiphertextSize
            || !TryReadPoint(emp, out var peer))
        {
            return null;
        }
        byte[] shared = [], aesKey = [], plaintext = [];
        try
        {
            shared = attestation.AgreeWith(peer);
            aesKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, [], Encoding.ASCII.GetBytes(Info));
            using var aes = Aes.Create();
            aes.Key = aesKey;
            plaintext = aes.DecryptCbc(ciphertext, iv, PaddingMode.PKCS7);
            if (plaintext.Length != ScalarSize + BindingSize
                || !CryptographicOperations.FixedTimeEquals(plaintext.AsSpan(ScalarSize), SHA256.HashData(certificateDer).AsSpan(0, BindingSize))
                || !EcScalar.IsValid(KeyType.Secp256r1, plaintext.AsSpan(0, ScalarSize)))
            {
                return null;
            }
            return TlsKey.Adopt(plaintext[..ScalarSize]);
        }
        catch (CryptographicException)
        {
            return null; // bad padding, or a point .NET refuses
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
            CryptographicOperations.ZeroMemory(aesKey);
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>A P-256 point, SEC1 compressed or uncompressed, checked to lie on the curve.</summary>
    private static bool TryReadPoint(string text, out ECParameters point)
    {
        point = default;
        if (!Base64Text.TryDecode(text, out var encoded) || encoded.Length is not (33 or 65))
        {
            return false;
        }
        try
        {
            var decoded = EcCurves.Domain(KeyType.Secp256r1).Curve.DecodePoint(encoded).Normalize();
            if (decoded.IsInfinity)
            {
                return false;
            }
            point = new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint
                {
                    X = decoded.AffineXCoord.GetEncoded(),
                    Y = decoded.AffineYCoord.GetEncoded(),
                },
            };
            return true;
        }
        catch (ArgumentException)
        {
            return false; // not on the curve, or a bad encoding
        }
    }
}
