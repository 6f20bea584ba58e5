using System.Security.Cryptography;
using HemSim.Firmware.Audit;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>
/// C2 <c>POST /api/crypto/hmac/verify</c> (spec §13.2). Scope exactly <c>keymgmt:use:&lt;kid&gt;</c> (another kid → 403,
/// FAILED_SCOPE_CHECK); role M → 403; 409 uninitialised or faulted; plain HTTP → 418 (no QUIRK here).
/// Body <c>{kid, msg, mac, alg?, ext_kid?, pubkey?}</c>: the MAC is computed as <see cref="CryptoHmacHash"/> does and
/// compared with <c>mac</c> in constant time.
/// 400: as hmac/hash, plus mac missing, not base64, or longer than 64 bytes.
/// 406: as hmac/hash, plus a mismatch (a mac of the wrong length included).
/// 200: empty body, the MAC is valid.
/// Audit CRYPTO_HMAC_VERIFY (31; §22 #16: [D]'s table says 30, a copy slip): OK / ERROR (400) / FAILED (406), data = kid.
/// </summary>
internal static class CryptoHmacVerify
{
    private const int MaxMacSize = 64;

    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/hmac/verify", AuditEvent.CryptoHmacVerify, Handle);

    private static Reply Handle(RequestContext context)
    {
        if (CryptoHmacSupport.Read(context, out var request) is { } malformed)
        {
            return malformed;
        }
        if (!CryptoSupport.TryReadBase64(context.Body, "mac", required: true, MaxMacSize, out var given))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        if (CryptoHmacSupport.Compute(context, request, out var mac) is { } failed)
        {
            return failed;
        }
        // FixedTimeEquals answers false at once for another length; the length of a MAC is not a secret.
        return CryptographicOperations.FixedTimeEquals(mac, given)
            ? Reply.Of(ApiStatus.Ok)
            : Reply.Of(ApiStatus.OperationFailed);
    }
}
