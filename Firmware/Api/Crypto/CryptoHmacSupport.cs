using System.Security.Cryptography;
using HemSim.Firmware.Api.KeyMgmt;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Platform;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>The fields <c>hmac/hash</c> and <c>hmac/verify</c> share, once they parsed (spec §13.1, §13.2).</summary>
/// <param name="Msg">The decoded <c>msg</c>.</param>
/// <param name="KeyMode">True in the ECDH key mode (the body names <c>ext_kid</c> or <c>pubkey</c>).</param>
/// <param name="Peer">The ECDH peer (key mode only).</param>
/// <param name="Alg">The digest of <c>alg</c> when given (key mode only; ignored with a stored HMAC key).</param>
internal sealed record HmacRequest(byte[] Msg, bool KeyMode, EcdhPeer Peer, Digest? Alg);

/// <summary>
/// What <c>hmac/hash</c> and <c>hmac/verify</c> share: reading the request (400s) and computing the MAC (406s).
/// The 400s come first, for every field, and only then is the key looked up (spec §3.3: 400 before 406).
/// </summary>
internal static class CryptoHmacSupport
{
    /// <summary>
    /// 400 for: a kid that is not 32 hex characters; <c>msg</c> missing, not a string or not base64 (no length
    /// limit: the nominal 2048 bytes are not enforced, §22 #46); in the key mode, an <c>ext_kid</c> that is not
    /// 32 hex or a <c>pubkey</c> (when it is the peer) that is not base64, and an <c>alg</c> present but not
    /// one of the six names of §18.1. With a stored HMAC key <c>alg</c> is not read at all (§13.1: ignored).
    /// </summary>
    public static Reply? Read(RequestContext context, out HmacRequest request)
    {
        request = null!;
        var body = context.Body;
        if (CryptoSupport.ReadKid(context) is { } malformed)
        {
            return malformed;
        }
        if (!CryptoSupport.TryReadBase64(body, "msg", required: true, int.MaxValue, out var msg))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        var keyMode = CryptoSupport.IsKeyMode(body);
        var peer = EcdhPeer.None;
        Digest? alg = null;
        if (keyMode && (!KeyDeriveSupport.TryReadPeer(body, out peer) || !TryReadAlg(context, out alg)))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        request = new HmacRequest(msg!, keyMode, peer, alg);
        return null;
    }

    /// <summary>
    /// The optional <c>alg</c> of the ECDH modes and of <c>crypto/ecdh</c>: absent (or null) → true with null;
    /// false (400) when present but not exactly one of the six names of spec §18.1.
    /// </summary>
    public static bool TryReadAlg(RequestContext context, out Digest? alg)
    {
        alg = null;
        var body = context.Body;
        if (!body.Has("alg"))
        {
            return true;
        }
        return body.TryGetString("alg", out var name) && Digest.TryParse(name, out alg);
    }

    /// <summary>
    /// HMAC(key, msg) for the request (406 on any failure):
    /// stored mode — <c>kid</c> must be an HMAC key (SHA2-*/SHA3-*), whose type gives the digest;
    /// ECDH mode — <c>alg</c> is required (missing → 406, §13.1), <c>kid</c> must be a private ECDH-capable key and
    /// the peer valid on its curve; then key = Hash_alg(ss) and HMAC-alg(key, msg) (§18.4, §22 #10: [P]'s scheme).
    /// </summary>
    public static Reply? Compute(RequestContext context, HmacRequest request, out byte[] mac)
    {
        mac = [];
        if (CryptoSupport.FindKey(context, out var record) is { } notFound)
        {
            return notFound;
        }
        return request.KeyMode
            ? ComputeWithEcdh(context, record, request, out mac)
            : ComputeWithStoredKey(context, record, request.Msg, out mac);
    }

    private static Reply? ComputeWithStoredKey(RequestContext context, KeySlotRecord record, byte[] msg, out byte[] mac)
    {
        mac = [];
        if (!Digest.TryForHmacKey((KeyType)record.KeyType, out var digest)
            || !context.Device.Keys.TryOpenHandle(record, HmacKey.Open, out var key))
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        mac = digest.Mac(key.Bytes, msg);
        return null;
    }

    private static Reply? ComputeWithEcdh(RequestContext context, KeySlotRecord record, HmacRequest request, out byte[] mac)
    {
        mac = [];
        if (request.Alg is not { } digest || !CryptoSupport.TryKeyModeSecret(context, record, request.Peer, out var shared))
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        var key = digest.Hash(shared);
        try
        {
            mac = digest.Mac(key, request.Msg);
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// An HMAC key's bytes, kept by the keystore with its record so a hot key is unsealed once (issue #5); wiped when
    /// the record is deleted or the boot ends.
    /// </summary>
    internal sealed class HmacKey(ReadOnlySpan<byte> secret) : IDisposable
    {
        public byte[] Bytes { get; } = secret.ToArray();

        public static HmacKey Open(ReadOnlySpan<byte> secret) => new(secret);

        public void Dispose() => CryptographicOperations.ZeroMemory(Bytes);
    }
}
