using System.Security.Cryptography;
using System.Text;

namespace HemSim.Firmware.Tests.Tls;

/// <summary>
/// A <c>tls</c> bundle <c>{emp, key, crt}</c> made the way the published HemSim key-delivery scheme v1 says
/// (Firmware/Tls/TlsKeyDelivery.cs), written here independently of the firmware code: a new P-256 TLS key, a
/// certificate for it, the scalar and a binding to the certificate encrypted to the device's attestation key.
/// </summary>
internal sealed record DeliveredBundle(string Emp, string Key, string Crt, byte[] PublicKeyInfo)
{
    /// <summary>Encrypts a new TLS key to <paramref name="attestationPublicKeyInfo"/> (DER SubjectPublicKeyInfo).</summary>
    public static DeliveredBundle For(byte[] attestationPublicKeyInfo, bool compressedEmp = false)
    {
        using var tlsKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKeyInfo = tlsKey.ExportSubjectPublicKeyInfo();
        var crt = TestCertificates.IssueFor(publicKeyInfo);
        var scalar = tlsKey.ExportParameters(true).D!;
        var (emp, key) = Seal(attestationPublicKeyInfo, [.. scalar, .. SHA256.HashData(crt)[..16]], compressedEmp);
        return new DeliveredBundle(emp, key, Convert.ToBase64String(crt), publicKeyInfo);
    }

    /// <summary>The scheme's encryption of any 48-byte plaintext (for bundles that break one rule).</summary>
    public static (string Emp, string Key) Seal(byte[] attestationPublicKeyInfo, byte[] plaintext, bool compressedEmp = false)
    {
        using var device = ECDiffieHellman.Create();
        device.ImportSubjectPublicKeyInfo(attestationPublicKeyInfo, out _);
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var shared = ephemeral.DeriveRawSecretAgreement(device.PublicKey);
        using var aes = Aes.Create();
        aes.Key = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, [], Encoding.ASCII.GetBytes("HemSim TLS key delivery v1"));
        var iv = RandomNumberGenerator.GetBytes(16);
        var ciphertext = aes.EncryptCbc(plaintext, iv, PaddingMode.PKCS7);
        var q = ephemeral.ExportParameters(false).Q;
        byte[] emp = compressedEmp ? [(byte)(0x02 | (q.Y![^1] & 1)), .. q.X!] : [0x04, .. q.X!, .. q.Y!];
        return (Convert.ToBase64String(emp), Convert.ToBase64String(iv) + "." + Convert.ToBase64String(ciphertext));
    }

    /// <summary>The bundle as the config endpoint takes it.</summary>
    public object Json() => new { emp = Emp, key = Key, crt = Crt };
}
