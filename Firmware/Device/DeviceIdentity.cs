using System.Security.Cryptography;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Platform;

namespace HemSim.Firmware.Device;

/// <summary>
/// The device's persistent identity (spec §4): the X25519 identity key whose public half is <c>eid</c>
/// (the PBKDF2 salt of every passphrase), the Ed25519 audit-log signing key <c>eid_sign</c>, and the
/// 8-byte serial <c>devid</c>. Made on first boot, regenerated after a wipe, never on reboot (§22 #30).
/// Private halves are sealed in flash under the secure element.
/// </summary>
internal sealed class DeviceIdentity
{
    public const string EidBlob = "identity.eid";
    public const string SignBlob = "identity.sign";
    public const string DevIdBlob = "identity.devid";

    private static readonly byte[] s_eidAad = "HemSim identity eid"u8.ToArray();
    private static readonly byte[] s_signAad = "HemSim identity eid_sign"u8.ToArray();

    private DeviceIdentity(byte[] eidPrivate, byte[] signSeed, byte[] devId)
    {
        EidPrivate = eidPrivate;
        EidPublic = KeyAgreementAlgorithm.X25519.GetPublicKey(eidPrivate);
        SignSeed = signSeed;
        SignPublic = SignatureAlgorithm.Ed25519.GetPublicKey(signSeed);
        DevId = devId;
    }

    public byte[] EidPrivate { get; }
    public byte[] EidPublic { get; }
    public byte[] SignSeed { get; }
    public byte[] SignPublic { get; }
    public byte[] DevId { get; }

    /// <summary>Blob names erased by a wipe, so the next boot makes a new identity.</summary>
    public static IEnumerable<string> BlobNames => [EidBlob, SignBlob, DevIdBlob];

    public static DeviceIdentity LoadOrCreate(IFlash flash, SecureElement secureElement, IEntropySource entropy)
    {
        var sealedEid = flash.ReadBlob(EidBlob);
        var sealedSign = flash.ReadBlob(SignBlob);
        var devId = flash.ReadBlob(DevIdBlob);
        if (sealedEid is not null && sealedSign is not null && devId is not null
            && secureElement.TryUnseal(sealedEid, s_eidAad, out var eid)
            && secureElement.TryUnseal(sealedSign, s_signAad, out var sign))
        {
            return new DeviceIdentity(eid, sign, devId);
        }
        if (sealedEid is not null)
        {
            // A sealed identity that does not open means the flash belongs to another secure element.
            throw new InvalidDataException(
                $"The flash holds an identity sealed by another secure element ({SecureElement.FileName} does not match).");
        }
        eid = new byte[KeyAgreementAlgorithm.X25519.PrivateKeySize];
        sign = new byte[SignatureAlgorithm.Ed25519.PrivateKeySize];
        devId = new byte[8];
        entropy.Fill(eid);
        entropy.Fill(sign);
        entropy.Fill(devId);
        flash.WriteBlob(EidBlob, secureElement.Seal(eid, s_eidAad));
        flash.WriteBlob(SignBlob, secureElement.Seal(sign, s_signAad));
        flash.WriteBlob(DevIdBlob, devId);
        return new DeviceIdentity(eid, sign, devId);
    }
}

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
        if (sealedKey is not null && secureElement.TryUnseal(sealedKey, s_aad, out var pkcs8))
        {
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
        var signed = Convert.ToBase64String(_ski) + "." + Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(now.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var signature = _key.SignData(System.Text.Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return signed + "." + Convert.ToBase64String(signature);
    }

    public void Dispose() => _key.Dispose();
}
