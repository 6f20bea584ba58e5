using System.Security.Cryptography;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Platform;

namespace HemSim.Firmware.Device;

/// <summary>
/// The device's persistent identity (spec §4): the X25519 identity key whose public half is <c>eid</c>
/// (the PBKDF2 salt of every passphrase), the Ed25519 audit-log signing key <c>eid_sign</c>, and the
/// 8-byte serial <c>devid</c>. Made on first boot; the two keys are regenerated after a wipe, never on reboot
/// (§22 #30), while <c>devid</c> is the hardware serial (spec §11.5) and survives a wipe, as the chip's does.
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
    /// <summary>What a wipe erases: the identity keys, not the serial.</summary>
    public static IEnumerable<string> BlobNames => [EidBlob, SignBlob];

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
        entropy.Fill(eid);
        entropy.Fill(sign);
        flash.WriteBlob(EidBlob, secureElement.Seal(eid, s_eidAad));
        flash.WriteBlob(SignBlob, secureElement.Seal(sign, s_signAad));
        if (devId is null)
        {
            // First boot only: the serial is the chip's and survives a wipe.
            devId = new byte[8];
            entropy.Fill(devId);
            flash.WriteBlob(DevIdBlob, devId);
        }
        return new DeviceIdentity(eid, sign, devId);
    }
}
