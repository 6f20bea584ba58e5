using System.Security.Cryptography;
using System.Text;
using HemSim.Firmware.Audit;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Auth.External;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Json;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Auth;

/// <summary>
/// A6 <c>POST /api/auth/ext/validate</c> — pairing step 2 (spec §10 A6, §9.1 step 6; docs/EXTERNAL-AUTH.md §3
/// step 6). Access <see cref="ExtSupport.PairingAccess"/>; HTTP allowed; 409 while faulted. Body <c>{"pid","reply"}</c>.
/// In this order: 400 pid not b64 of 1–58 bytes, or reply not a three-part JWS with string claims jti, iss, label
/// (1–31 printable ASCII), epk; 406 unsupported header; 400 epk claim not a usable 32-byte X25519 key; 401 HMAC with
/// <c>Kapp = X25519(idk, apk)</c> fails; 401 jti not an outstanding pairing nonce (unknown, expired, replayed — it
/// is consumed here); 401 iss ≠ b64(SHA-256(pid)); 406 pid already paired, key store full or app key already
/// stored (nothing stored).
/// 200 <c>{"kid","code"}</c>, <c>code = b64(HMAC(Kapp, reply text))</c>; audit AUTH_PAIRED_EXTERNAL / OK, data = kid.
/// </summary>
internal static class ExtValidate
{
    /// <summary>docs §3 step 4: the label the user gives the app, 1–31 characters (both clients' cap, spec §17.3).</summary>
    private const int MaxLabelLength = 31;

    public static readonly EndpointDescriptor Descriptor = new(
        "POST", "/api/auth/ext/validate", ExtSupport.PairingAccess,
        EndpointFlags.RequiresInitialised | EndpointFlags.JsonBody, Handle);

    private static Reply Handle(RequestContext context)
    {
        var body = context.Body;
        if (!ExtJws.TryGetBytes(body, "pid", 1, PairedApps.MaxPidBytes, out var pid)
            || !body.TryGetString("reply", out var reply)
            || !ExtJws.TryParse(reply, out var jws, out var claims))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        using (claims)
        {
            if (!claims!.TryGetString("jti", out var jti)
                || !claims.TryGetString("iss", out var iss)
                || !claims.TryGetString("label", out var label) || !IsValidLabel(label)
                || !claims.TryGetString("epk", out var apkText))
            {
                return Reply.Of(ApiStatus.Malformed);
            }
            if (!ExtJws.IsSupported(jws!))
            {
                return Reply.Of(ApiStatus.OperationFailed);
            }
            var device = context.Device;
            if (!Base64Text.TryDecode(apkText, out var apk)
                || !KeyAgreementAlgorithm.X25519.TryAgree(device.Identity.EidPrivate, apk, out var kapp))
            {
                return Reply.Of(ApiStatus.Malformed);
            }
            try
            {
                if (!jws!.HasValidHs256Signature(kapp) || !TryRedeem(context, jti) || !IsAppId(iss, pid))
                {
                    return Reply.Of(ApiStatus.Unauthorized);
                }
                // SIM: one record per pid. A second one would put the same appid twice in every authreq scope object,
                // and the approvals of the two records could not be told apart (ext/token takes the first).
                if (PairedApps.TryFind(device.Keys, pid, out _)
                    || PairedApps.Add(device.Keys, apk, label, pid, context.Now, out var record) != AddOutcome.Added)
                {
                    return Reply.Of(ApiStatus.OperationFailed);
                }
                var code = HMACSHA256.HashData(kapp, Encoding.ASCII.GetBytes(reply));
                context.Audit(AuditEvent.AuthPairedExternal, AuditResult.Ok, record!.Kid);
                return Reply.Json(w =>
                {
                    w.WriteString("kid", Convert.ToHexStringLower(record.Kid));
                    w.WriteString("code", Base64Text.Encode(code));
                });
            }
            finally
            {
                CryptographicOperations.ZeroMemory(kapp);
            }
        }
    }

    /// <summary>Consumes the pairing nonce whatever its age; true only when it was outstanding and unexpired.</summary>
    private static bool TryRedeem(RequestContext context, string jti)
    {
        var pairings = context.Device.Boot.External.Pairings;
        return pairings.TryGet(jti, out var pending) && pairings.Remove(jti) && context.Monotonic < pending.ExpiresAt;
    }

    /// <summary><c>iss</c> must be b64 of <c>SHA-256(pid)</c>, in either base64 alphabet (spec §3.8).</summary>
    internal static bool IsAppId(string iss, ReadOnlySpan<byte> pid) =>
        Base64Text.TryDecode(iss, out var appId) && CryptographicOperations.FixedTimeEquals(appId, PairedApps.AppId(pid));

    private static bool IsValidLabel(string label) =>
        label.Length is >= 1 and <= MaxLabelLength && label.All(c => c is >= ' ' and <= '~');
}
