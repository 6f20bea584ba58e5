using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Platform;

namespace HemSim.Firmware.Device;

/// <summary>
/// The simulated secure element's attestation key (P-256) and the <c>genuine</c> token made with it
/// (spec §11.7): <c>b64(SKI) "." b64(ASCII decimal time) "." b64(DER ECDSA signature over the first two
/// parts joined by ".")</c>, where SKI is SHA-1 of the uncompressed public point. Survives wipes, as the
/// secure element does.
/// </summary>
internal sealed class Attestation : IDisposable
{
    public const string Blob = "attestation.p256";
    private static readonly byte[] s_aad = "HemSim attestation key"u8.ToArray();

    private readonly ECDsa _key;
    private readonly byte[] _ski;

    private Attestation(ECDsa key)
    {
        _key = key;
        var q = key.ExportParameters(false).Q;
        _ski = SHA1.HashData([0x04, .. q.X!, .. q.Y!]);
    }

    /// <remarks>The key comes from the OS generator, not the device entropy source: it is not a user
    /// key, and its signatures are randomised anyway, so a seeded device gains nothing from it.</remarks>
    public static Attestation LoadOrCreate(IFlash flash, SecureElement secureElement)
    {
        var key = ECDsa.Create();
        var sealedKey = flash.ReadBlob(Blob);
        if (sealedKey is not null)
        {
            if (!secureElement.TryUnseal(sealedKey, s_aad, out var pkcs8))
            {
                key.Dispose();
                throw new InvalidDataException(
                    $"The flash holds an attestation key sealed by another secure element ({SecureElement.FileName} does not match).");
            }
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            CryptographicOperations.ZeroMemory(pkcs8);
            return new Attestation(key);
        }
        key.GenerateKey(ECCurve.NamedCurves.nistP256);
        var exported = key.ExportPkcs8PrivateKey();
        flash.WriteBlob(Blob, secureElement.Seal(exported, s_aad));
        CryptographicOperations.ZeroMemory(exported);
        return new Attestation(key);
    }

    public string GenuineToken(long now)
    {
        var signed = Convert.ToBase64String(_ski) + "." + Convert.ToBase64String(Encoding.ASCII.GetBytes(now.ToString(CultureInfo.InvariantCulture)));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return signed + "." + Convert.ToBase64String(signature);
    }

    public void Dispose() => _key.Dispose();
}
