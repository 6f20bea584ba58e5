using HemSim.Firmware.Crypto;
using HemSim.Firmware.Json;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Platform;
using HemSim.Firmware.Routing;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>
/// What the four <c>/api/crypto/pqc/*</c> endpoints share (spec §13.10–§13.13): which key object a record
/// yields, and the FIPS 204 context. Prepared keys come from the key store's handle cache, so a hot key is
/// unsealed and expanded once, not per request (issue #5).
/// </summary>
internal static class PqcSupport
{
    /// <summary>
    /// The expanded ML-KEM private key of <paramref name="record"/>. False when the record is no ML-KEM key,
    /// is public-only, or its secret does not unseal (tampered flash).
    /// </summary>
    public static bool TryMlKemPrivateKey(RequestContext context, KeySlotRecord record, out MlKemPrivateKey key)
    {
        key = null!;
        return KeyTypes.ClassOf((KeyType)record.KeyType) == KeyClass.MlKem
            && IsPrivate(record)
            && context.Device.Keys.TryOpenHandle(record, MlKem.For((KeyType)record.KeyType).OpenPrivateKey, out key);
    }

    /// <summary>
    /// The encapsulation key to encapsulate to. QUIRK (spec §13.10): the firmware takes it from the
    /// device-generated private-key object, so an imported public-only key fails unless
    /// <see cref="Device.HemDeviceOptions.PqcPublicKeys"/> is set. False also for an imported key that fails
    /// the FIPS 203 §7.2 modulus check.
    /// </summary>
    public static bool TryMlKemPublicKey(RequestContext context, KeySlotRecord record, out MlKemPublicKey key)
    {
        key = null!;
        if (KeyTypes.ClassOf((KeyType)record.KeyType) != KeyClass.MlKem)
        {
            return false;
        }
        if (IsPrivate(record))
        {
            var found = TryMlKemPrivateKey(context, record, out var privateKey);
            key = found ? privateKey.PublicKey : null!;
            return found;
        }
        if (!context.Device.Options.PqcPublicKeys)
        {
            return false;
        }
        key = context.Device.Keys.GetPublicHandle(record, MlKem.For((KeyType)record.KeyType).ImportPublicKey);
        return key.IsValid;
    }

    /// <summary>The expanded ML-DSA private key of <paramref name="record"/>; false as for ML-KEM.</summary>
    public static bool TryMlDsaPrivateKey(RequestContext context, KeySlotRecord record, out MlDsaPrivateKey key)
    {
        key = null!;
        return KeyTypes.ClassOf((KeyType)record.KeyType) == KeyClass.MlDsa
            && IsPrivate(record)
            && context.Device.Keys.TryOpenHandle(record, MlDsa.For((KeyType)record.KeyType).OpenPrivateKey, out key);
    }

    /// <summary>
    /// The public key to verify with. QUIRK (spec §13.13): the firmware needs the device-generated private-key
    /// object, so an imported public-only key fails unless <see cref="Device.HemDeviceOptions.PqcPublicKeys"/> is set.
    /// </summary>
    public static bool TryMlDsaPublicKey(RequestContext context, KeySlotRecord record, out MlDsaPublicKey key)
    {
        key = null!;
        if (KeyTypes.ClassOf((KeyType)record.KeyType) != KeyClass.MlDsa)
        {
            return false;
        }
        if (IsPrivate(record))
        {
            var found = TryMlDsaPrivateKey(context, record, out var privateKey);
            key = found ? privateKey.PublicKey : null!;
            return found;
        }
        if (!context.Device.Options.PqcPublicKeys)
        {
            return false;
        }
        key = context.Device.Keys.GetPublicHandle(record, MlDsa.For((KeyType)record.KeyType).ImportPublicKey);
        return key.IsValid;
    }

    /// <summary>
    /// The optional FIPS 204 context <c>ctx</c> (spec §13.12/§13.13): base64 of at most 255 bytes, empty when
    /// absent. False (400) when it is not a string, not base64 or too long. Verify accepts 255 too, for
    /// symmetry with sign, although [D] documents 64 (spec §13.13).
    /// </summary>
    public static bool TryReadContext(JsonBody body, out byte[] ctx)
    {
        var ok = CryptoSupport.TryReadBase64(body, "ctx", required: false, MlDsa.MaxContextSize, out var value);
        ctx = value ?? [];
        return ok;
    }

    private static bool IsPrivate(KeySlotRecord record) =>
        ((KeyFlags)record.Flags).HasFlag(KeyFlags.Pkey) && record.SealedSecret.Length > 0;
}
