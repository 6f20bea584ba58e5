using System.Security.Cryptography;
using System.Text;

namespace HemSim.Backend.Registration;

/// <summary>
/// The backend side of HemSim's TLS key delivery, v1 (the device side and the full description are in
/// Firmware/Tls/TlsKeyDelivery.cs; the vendor's own transport derivation is undocumented, spec §22 #26): a new P-256
/// TLS key, encrypted to the device's attestation key recovered from its <c>genuine</c> token.
/// <list type="bullet">
/// <item><c>emp</c> = b64 SEC1 <b>uncompressed</b> (65 bytes) ephemeral P-256 public key.</item>
/// <item>AES-256 key = HKDF-SHA256(ECDH x-coordinate, salt empty, info <c>"HemSim TLS key delivery v1"</c>, 32).</item>
/// <item><c>key</c> = b64(IV) "." b64(AES-256-CBC/PKCS#7 of scalar(32) ‖ SHA-256(crt DER)[0..16])): 113 characters.</item>
/// </list>
/// </summary>
internal static class TlsKeyDelivery
{
    public const string Info = "HemSim TLS key delivery v1";
    private const int BindingSize = 16;

    /// <summary>Encrypts <paramref name="tlsScalar"/> (32 bytes) for the holder of <paramref name="attestationPoint"/>
    /// (SEC1 uncompressed); returns <c>emp</c> and <c>key</c> as the bundle carries them.</summary>
    public static (string Emp, string Key) Seal(byte[] attestationPoint, byte[] tlsScalar, byte[] certificateDer)
    {
        using var device = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = attestationPoint[1..33], Y = attestationPoint[33..65] },
        });
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        using var devicePublic = device.PublicKey;
        var shared = ephemeral.DeriveRawSecretAgreement(devicePublic);
        var aesKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, [], Encoding.ASCII.GetBytes(Info));
        byte[] plaintext = [.. tlsScalar, .. SHA256.HashData(certificateDer).AsSpan(0, BindingSize)];
        try
        {
            using var aes = Aes.Create();
            aes.Key = aesKey;
            var iv = RandomNumberGenerator.GetBytes(16);
            var ciphertext = aes.EncryptCbc(plaintext, iv, PaddingMode.PKCS7);
            var q = ephemeral.ExportParameters(false).Q;
            byte[] emp = [0x04, .. q.X!, .. q.Y!];
            return (Convert.ToBase64String(emp), Convert.ToBase64String(iv) + "." + Convert.ToBase64String(ciphertext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
            CryptographicOperations.ZeroMemory(aesKey);
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
