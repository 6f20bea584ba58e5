using System.Security.Cryptography;
using System.Text;
using HemSim.Firmware.Api.KeyMgmt;
using HemSim.Firmware.Audit;
using HemSim.Firmware.Json;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Platform;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>
/// What the thirteen <c>/api/crypto/*</c> endpoints share (spec §13 "Common to every endpoint"): the descriptor
/// shape, the kid, base64 fields with their limits, and the ECDH key modes.
/// </summary>
internal static class CryptoSupport
{
    /// <summary>
    /// POST, JSON body, HTTPS only (418), 409 uninitialised or faulted, roles U and external app (M → 403), and
    /// the exact scope <c>keymgmt:use:&lt;body kid&gt;</c> (403, checked by the pipeline). Outcomes are audited
    /// under <paramref name="outcome"/>: OK on 200, ERROR on 400, FAILED on 406, data = the kid.
    /// </summary>
    public static EndpointDescriptor Post(string path, AuditEvent outcome, Func<RequestContext, Reply> handler,
        EndpointFlags extra = EndpointFlags.None) =>
        new("POST", path, Access.KeyUse,
            EndpointFlags.HttpsOnly | EndpointFlags.RequiresInitialised | EndpointFlags.JsonBody | extra, handler)
        {
            OutcomeEvent = outcome,
        };

    /// <summary>
    /// Step one of every handler (spec §3.3: every 400 before any 406): the body's <c>kid</c> (a string: the pipeline
    /// checked it against the scope) must be 32 hex characters, else 400. Once it parses it becomes the audit data of
    /// the outcome line, so a later bad field is still logged with it.
    /// </summary>
    public static Reply? ReadKid(RequestContext context)
    {
        context.Body.TryGetString("kid", out var text);
        if (!Kid.TryParse(text, out var kid))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        context.AuditData = kid.ToBytes();
        return null;
    }

    /// <summary>
    /// The record named by the body's <c>kid</c>, looked up once the fields are read: null on success; otherwise 400
    /// when the kid does not parse (as <see cref="ReadKid"/>) or 406 when no valid key has it.
    /// </summary>
    public static Reply? FindKey(RequestContext context, out KeySlotRecord record)
    {
        record = null!;
        if (ReadKid(context) is { } malformed)
        {
            return malformed;
        }
        return context.Device.Keys.TryFind(Kid.FromBytes(context.AuditData), out record) ? null : Reply.Of(ApiStatus.OperationFailed);
    }

    /// <summary>
    /// Reads the base64 field <paramref name="name"/>. Absent: true with null when optional, false when
    /// <paramref name="required"/>. Present: false (400) when it is not a string, not base64, or decodes to more
    /// than <paramref name="maxLength"/> bytes.
    /// </summary>
    public static bool TryReadBase64(JsonBody body, string name, bool required, int maxLength, out byte[]? value)
    {
        value = null;
        if (!body.Has(name))
        {
            return !required;
        }
        if (!body.TryGetString(name, out var text) || !Base64Text.TryDecode(text, out var bytes) || bytes.Length > maxLength)
        {
            return false;
        }
        value = bytes;
        return true;
    }

    /// <summary>True when the body names an ECDH peer (<c>ext_kid</c> or <c>pubkey</c>): the request is in an ECDH key mode.</summary>
    public static bool IsKeyMode(JsonBody body) => body.Has("ext_kid") || body.Has("pubkey");

    /// <summary>
    /// The ECDH secret of an ECDH key mode (spec §13 common rules): <paramref name="source"/> must be a private
    /// ECDH-capable key; the peer is <c>ext_kid</c> (a stored key of the same curve, possibly the same kid; it
    /// wins) or <c>pubkey</c> (raw §17.5 bytes). The caller has read the peer with
    /// <see cref="KeyDeriveSupport.TryReadPeer"/> (400 when malformed). False (406) for a source that cannot do
    /// ECDH, no peer, an unknown or other-curve peer, an invalid point. The caller wipes <paramref name="shared"/>.
    /// </summary>
    public static bool TryKeyModeSecret(RequestContext context, KeySlotRecord source, EcdhPeer peer, out byte[] shared)
    {
        shared = [];
        var keys = context.Device.Keys;
        return KeyDeriveSupport.IsEcdhSource(source)
            && KeyDeriveSupport.TryPeerPublicKey(keys, peer, (Firmware.Crypto.KeyType)source.KeyType, out var peerPublic)
            && KeyDeriveSupport.TryAgree(keys, source, peerPublic, out shared);
    }

    /// <summary>
    /// <c>HKDF-SHA256(ikm = shared, salt = none, info = label ‖ ctx, L = length)</c> (spec §18.3): the key of the
    /// cipher (<c>encedo-aes</c>) and wrap (<c>encedo-kek</c>) ECDH modes. The caller wipes the result.
    /// </summary>
    public static byte[] DeriveKey(ReadOnlySpan<byte> shared, string label, ReadOnlySpan<byte> ctx, int length)
    {
        byte[] info = [.. Encoding.ASCII.GetBytes(label), .. ctx];
        byte[] key = new byte[length];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, key, salt: [], info);
        return key;
    }
}
