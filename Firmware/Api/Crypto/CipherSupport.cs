using System.Security.Cryptography;
using HemSim.Firmware.Api.KeyMgmt;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Json;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Platform;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>The three AES modes of <c>cipher/encrypt</c> and <c>cipher/decrypt</c> (spec §18.1).</summary>
internal enum AesMode
{
    Ecb,
    Cbc,
    Gcm,
}

/// <summary>A cipher <c>alg</c> string of spec §18.1: key size in bytes and mode.</summary>
internal sealed record CipherAlg(int KeySize, AesMode Mode);

/// <summary>
/// Where the AES key of a cipher or wrap request comes from: the stored <c>kid</c>, or (ECDH key mode, spec §13
/// common rules) an ECDH secret with <see cref="Peer"/> run through HKDF with <see cref="Ctx"/>.
/// </summary>
internal sealed record KeySource(bool KeyMode, EcdhPeer Peer, byte[] Ctx)
{
    public static readonly KeySource Stored = new(false, EcdhPeer.None, []);
}

/// <summary>
/// What the four cipher endpoints (spec §13.5–§13.8) share: the <c>alg</c> strings, the key source, and opening the
/// AES key (a cached <see cref="AesKey"/> for a stored key, a one-off <see cref="AesCipher"/> for an ECDH-derived one).
/// </summary>
internal static class CipherSupport
{
    /// <summary>Spec §13.5: "max 16 bytes nominal", but [T] sends 32; SIM accepts up to 64 (else 400).</summary>
    public const int MaxAad = 64;

    /// <summary>Spec §13.5/§18.3: the ECDH-mode HKDF context, up to 64 bytes (else 400).</summary>
    public const int MaxCtx = 64;

    /// <summary>No limit of our own on messages: only the 7300-byte body limit applies (spec §22 #46).</summary>
    public const int MaxMessage = int.MaxValue;

    public const string AesLabel = "encedo-aes";
    public const string KekLabel = "encedo-kek";

    private static readonly Dictionary<string, CipherAlg> s_cipherAlgs = new(StringComparer.Ordinal)
    {
        ["AES128-ECB"] = new(16, AesMode.Ecb), ["AES128-CBC"] = new(16, AesMode.Cbc), ["AES128-GCM"] = new(16, AesMode.Gcm),
        ["AES192-ECB"] = new(24, AesMode.Ecb), ["AES192-CBC"] = new(24, AesMode.Cbc), ["AES192-GCM"] = new(24, AesMode.Gcm),
        ["AES256-ECB"] = new(32, AesMode.Ecb), ["AES256-CBC"] = new(32, AesMode.Cbc), ["AES256-GCM"] = new(32, AesMode.Gcm),
    };

    private static readonly Dictionary<string, int> s_wrapAlgs = new(StringComparer.Ordinal)
    {
        ["AES128"] = 16, ["AES192"] = 24, ["AES256"] = 32,
    };

    /// <summary>The required cipher <c>alg</c>: one of the nine strings, exact spelling. False (400) otherwise.</summary>
    public static bool TryReadCipherAlg(JsonBody body, out CipherAlg alg)
    {
        alg = null!;
        return body.TryGetString("alg", out var text) && s_cipherAlgs.TryGetValue(text, out alg!);
    }

    /// <summary>The wrap <c>alg</c> (KEK size in bytes): absent → AES256 (spec §13.7); another string → false (400).</summary>
    public static bool TryReadWrapAlg(JsonBody body, out int keySize)
    {
        keySize = 32;
        return !body.Has("alg") || (body.TryGetString("alg", out var text) && s_wrapAlgs.TryGetValue(text, out keySize));
    }

    /// <summary>
    /// Stored-key mode unless the body names an ECDH peer; in key mode the peer (<c>ext_kid</c> wins over
    /// <c>pubkey</c>) and <c>ctx</c> (b64, ≤ 64 bytes) must be well formed, else false (400). <c>ctx</c> is ignored
    /// in stored-key mode, where it means nothing (spec §13.5 "ECDH modes only").
    /// </summary>
    public static bool TryReadKeySource(JsonBody body, out KeySource source)
    {
        source = KeySource.Stored;
        if (!CryptoSupport.IsKeyMode(body))
        {
            return true;
        }
        if (!KeyDeriveSupport.TryReadPeer(body, out var peer)
            || !CryptoSupport.TryReadBase64(body, "ctx", required: false, MaxCtx, out var ctx))
        {
            return false;
        }
        source = new KeySource(true, peer, ctx ?? []);
        return true;
    }

    /// <summary>
    /// The AES cipher of <paramref name="keySize"/> bytes for the request. Stored mode: <paramref name="record"/>
    /// must be an AES key with its secret, at least <paramref name="keySize"/> bytes (only the first ones are used,
    /// §22 #32) or exactly that size when <paramref name="exactSize"/> (wrap, SIM). ECDH mode: key =
    /// HKDF-SHA256(ss, <paramref name="label"/> ‖ ctx, keySize) (spec §18.3). Null on success; otherwise the 406
    /// reply (wrong key type or size, ECDH failure, secret that does not unseal).
    /// </summary>
    public static Reply? TryOpen(RequestContext context, KeySlotRecord record, KeySource source, int keySize,
        string label, bool exactSize, out CipherLease lease)
    {
        lease = default;
        if (source.KeyMode)
        {
            if (!CryptoSupport.TryKeyModeSecret(context, record, source.Peer, out var shared))
            {
                return Reply.Of(ApiStatus.OperationFailed);
            }
            byte[] key = CryptoSupport.DeriveKey(shared, label, source.Ctx, keySize);
            CryptographicOperations.ZeroMemory(shared);
            lease = new CipherLease(AesCipher.Create(key), owned: true);
            CryptographicOperations.ZeroMemory(key);
            return null;
        }

        var type = (KeyType)record.KeyType;
        if (KeyTypes.ClassOf(type) != KeyClass.Aes || !((KeyFlags)record.Flags).HasFlag(KeyFlags.Pkey))
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        int stored = KeyTypes.SecretSize(type);
        if (stored < keySize || (exactSize && stored != keySize))
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        if (!context.Device.Keys.TryOpenHandle(record, AesKey.Open, out var aesKey)
            || !aesKey.TryGetCipher(keySize, out var cipher))
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        lease = new CipherLease(cipher, owned: false);
        return null;
    }

    /// <summary>Fresh bytes from the device entropy (spec §13.5: the device always makes the IV/nonce).</summary>
    public static byte[] Random(IEntropySource entropy, int length)
    {
        byte[] bytes = new byte[length];
        entropy.Fill(bytes);
        return bytes;
    }
}

/// <summary>An <see cref="AesCipher"/> for one request: disposed afterwards only when it was made for it (ECDH mode).</summary>
internal readonly struct CipherLease(AesCipher cipher, bool owned) : IDisposable
{
    public AesCipher Cipher { get; } = cipher;

    public void Dispose()
    {
        if (owned)
        {
            Cipher.Dispose();
        }
    }
}
