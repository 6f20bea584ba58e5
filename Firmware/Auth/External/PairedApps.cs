using System.Security.Cryptography;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Platform;

namespace HemSim.Firmware.Auth.External;

/// <summary>
/// Paired authenticator apps, kept as key-repository records (spec §9.1 step 6): a public-only CURVE25519 record of
/// the app key <c>apk</c>, with the app's label and <c>descr = "EXTAID" ‖ pid</c> — the records the dashboard finds
/// with the search <c>^RVhUQUlE</c>. There is no other pairing list: deleting the record unpairs the app.
/// </summary>
internal static class PairedApps
{
    private static readonly byte[] s_descrPrefix = "EXTAID"u8.ToArray();

    /// <summary>Longest pid: what fits in a 64-byte descr after the prefix (§22 #4).</summary>
    public const int MaxPidBytes = 58;

    /// <summary>At most this many apps get an approval request (spec §9.2 step 3).</summary>
    public const int MaxPerRequest = 8;

    /// <summary>Paired-app records in slot order.</summary>
    public static IEnumerable<KeySlotRecord> All(KeyStore keys) => keys.Valid.Where(IsPairing);

    /// <summary>The first paired-app record (slot order) whose pid is <paramref name="pid"/>.</summary>
    public static bool TryFind(KeyStore keys, ReadOnlySpan<byte> pid, out KeySlotRecord record)
    {
        foreach (var candidate in keys.Valid)
        {
            if (IsPairing(candidate) && candidate.Descr.AsSpan(s_descrPrefix.Length).SequenceEqual(pid))
            {
                record = candidate;
                return true;
            }
        }
        record = null!;
        return false;
    }

    /// <summary>
    /// Stores the app key. The kid is <c>SHA-1(apk)[0..16)</c>, the rule of imported public keys (spec §17.4), so an app
    /// key already stored is a duplicate (406) and nothing is written; so is a full store.
    /// </summary>
    public static AddOutcome Add(KeyStore keys, byte[] apk, string label, ReadOnlySpan<byte> pid, long now, out KeySlotRecord? record)
    {
        var kid = Kid.FromBytes(SHA1.HashData(apk).AsSpan(0, Kid.Size));
        byte[] descr = [.. s_descrPrefix, .. pid];
        return keys.TryAdd(kid, KeyType.Curve25519, KeyAttributes.UsageFor(KeyType.Curve25519, null), label, descr, apk, [], now, out record);
    }

    /// <summary>
    /// True for a descr that marks a paired app (starts with the bytes <c>EXTAID</c>). Only ext/validate may write one:
    /// keymgmt import, create, update and derive refuse it (406), because a record with such a descr IS a pairing —
    /// otherwise any token with <c>keymgmt:imp</c>, an external app's included, could pair a key of its own past the
    /// user-only rule of ext/validate and without its AUTH_PAIRED_EXTERNAL audit line (docs/EXTERNAL-AUTH.md §3).
    /// </summary>
    public static bool IsReservedDescr(ReadOnlySpan<byte> descr) => descr.StartsWith(s_descrPrefix);

    /// <summary>The pairing id of a paired-app record.</summary>
    public static byte[] Pid(KeySlotRecord record) => record.Descr[s_descrPrefix.Length..];

    /// <summary><c>appid = SHA-256(pid)</c>: the app-specific id in an <c>authreq</c> scope object and a reply's <c>iss</c>.</summary>
    public static byte[] AppId(ReadOnlySpan<byte> pid) => SHA256.HashData(pid);

    private static bool IsPairing(KeySlotRecord record) =>
        record.KeyType == (int)KeyType.Curve25519
        && record.SealedSecret.Length == 0
        && record.PublicKey.Length == KeyAgreementAlgorithm.X25519.PublicKeySize
        && record.Descr.Length > s_descrPrefix.Length
        && record.Descr.AsSpan().StartsWith(s_descrPrefix);
}
