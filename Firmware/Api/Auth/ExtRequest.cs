using System.Security.Cryptography;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Auth.External;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Json;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Auth;

/// <summary>
/// A8 <c>POST /api/auth/ext/request</c> — remote-login request (spec §10 A8, §9.2 step 3; docs/EXTERNAL-AUTH.md §4
/// step 2). No token; HTTP allowed; 409 uninitialised or faulted. Body <c>{"epk","scope","ctx"?,"note"?}</c>, other
/// members ignored. In this order: 400 epk not a usable 32-byte X25519 key, scope not a string of 1–1023
/// characters, ctx over 64 or note over 128 characters (or not strings); 403 RTC not set (spec §4); 406 no paired app
/// (§22 #43). 200 <c>{"authreq","epk"}</c>: claims iss, aud, iat, exp (iat + 3600, or + 900 for <c>keymgmt:use:</c>),
/// jti, scope (object: one encrypted blob per paired app, at most 8, slot order), then ctx and note when given; signed
/// with <c>Kreq</c>. The jti is remembered as an outstanding approval request, with the scope and ctx an approval must
/// match (at most 16, one boot). No audit line.
/// </summary>
internal static class ExtRequest
{
    public const int MaxScopeLength = 1023;
    public const int MaxCtxLength = 64;
    public const int MaxNoteLength = 128;

    /// <summary>Spec §9.2: an authreq lives 60 min, 15 min for a key-use scope.</summary>
    public const long Lifetime = 3600;
    public const long KeyUseLifetime = 900;

    public static readonly EndpointDescriptor Descriptor = new(
        "POST", "/api/auth/ext/request", Access.Public,
        EndpointFlags.RequiresInitialised | EndpointFlags.JsonBody, Handle);

    private static Reply Handle(RequestContext context)
    {
        var body = context.Body;
        if (!ExtSupport.TryReadEpk(context, out var epk, out var kreq))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        try
        {
            if (!body.TryGetString("scope", out var scope) || scope.Length is 0 or > MaxScopeLength
                || !TryOptional(body, "ctx", MaxCtxLength, out var ctx)
                || !TryOptional(body, "note", MaxNoteLength, out var note))
            {
                return Reply.Of(ApiStatus.Malformed);
            }
            if (!context.RtcSet)
            {
                return Reply.Of(ApiStatus.Forbidden);
            }
            var device = context.Device;
            var apps = PairedApps.All(device.Keys).Take(PairedApps.MaxPerRequest).ToList();
            if (apps.Count == 0)
            {
                return Reply.Of(ApiStatus.OperationFailed);
            }
            var jtiBytes = NonceStore.Create(context.Now, device.Entropy);
            var jti = Base64Text.Encode(jtiBytes);
            var plaintext = PlaintextScope(device.Keys, scope);
            var blobs = new List<KeyValuePair<string, string>>(apps.Count);
            foreach (var app in apps)
            {
                if (!KeyAgreementAlgorithm.X25519.TryAgree(device.Identity.EidPrivate, app.PublicKey, out var kapp))
                {
                    continue; // a stored low-order key cannot be paired through ext/validate; skip a hand-made one
                }
                var blob = ScopeBlob.Seal(kapp, jtiBytes, ScopeBlob.RequestInfo, plaintext, device.Entropy);
                CryptographicOperations.ZeroMemory(kapp);
                blobs.Add(new(Base64Text.Encode(PairedApps.AppId(PairedApps.Pid(app))), Base64Text.Encode(blob)));
            }
            if (blobs.Count == 0)
            {
                return Reply.Of(ApiStatus.OperationFailed);
            }
            var exp = context.Now + (scope.StartsWith(Scope.KeyUsePrefix, StringComparison.Ordinal) ? KeyUseLifetime : Lifetime);
            var payload = JsonOut.Object(w =>
            {
                w.WriteString("iss", ExtSupport.EidText(context));
                w.WriteString("aud", epk);
                w.WriteNumber("iat", context.Now);
                w.WriteNumber("exp", exp);
                w.WriteString("jti", jti);
                ExtJws.WriteObject(w, "scope", blobs);
                if (ctx is not null)
                {
                    w.WriteString("ctx", ctx);
                }
                if (note is not null)
                {
                    w.WriteString("note", note);
                }
            });
            var authreq = ExtJws.Sign(payload, kreq);
            device.Boot.External.Approvals.Add(
                jti, new PendingApproval(exp, scope, blobs.Select(b => b.Key).ToHashSet(StringComparer.Ordinal), ctx));
            return Reply.Json(w =>
            {
                w.WriteString("authreq", authreq);
                w.WriteString("epk", epk);
            });
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kreq);
        }
    }

    /// <summary>
    /// What the apps are shown (spec §9.2): the scope, and for <c>keymgmt:use:&lt;kid&gt;</c> of a stored key
    /// <c>#</c> + b64(<c>{"t":"&lt;type&gt;","l":"&lt;label&gt;"}</c>). SIM: a kid the device does not hold gets no
    /// suffix — the request still goes out, and the token it may yield opens nothing.
    /// </summary>
    private static string PlaintextScope(KeyStore keys, string scope)
    {
        if (!scope.StartsWith(Scope.KeyUsePrefix, StringComparison.Ordinal)
            || !Kid.TryParse(scope[Scope.KeyUsePrefix.Length..], out var kid)
            || !keys.TryFind(kid, out var record))
        {
            return scope;
        }
        var description = JsonOut.Object(w =>
        {
            w.WriteString("t", KeyTypes.WireName((KeyType)record.KeyType));
            w.WriteString("l", record.Label);
        });
        return scope + "#" + Base64Text.Encode(description);
    }

    /// <summary>An optional string member: absent or null → null; otherwise a string of at most <paramref name="max"/> characters.</summary>
    private static bool TryOptional(JsonBody body, string name, int max, out string? value)
    {
        value = null;
        if (!body.Has(name))
        {
            return true;
        }
        if (!body.TryGetString(name, out var text) || text.Length > max)
        {
            return false;
        }
        value = text;
        return true;
    }
}
