using HemSim.Firmware.Auth;
using HemSim.Firmware.Json;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.KeyMgmt;

/// <summary>
/// K4 <c>POST /api/keymgmt/search</c> (spec §12.4). Body <c>{descr, offset?, limit?}</c>; HTTPS only (418);
/// 409 uninitialised or faulted (pipeline). Access is decided here, because the anonymous rule needs the
/// needle: with config <c>allow_keysearch</c>, a <c>^</c>-anchored needle of at least 6 decoded bytes needs
/// no token and no scope (any valid token passes, even role M, which could simply leave its token out;
/// an invalid token already got 401 from the pipeline). Otherwise: no token → 401; role M, or a scope
/// starting with none of <c>keymgmt:search</c>, <c>keymgmt:list</c>, <c>auth:ext:pair</c> → 403, audited
/// FAILED_SCOPE_CHECK. Then, as §3.3 orders them: 400 descr missing, not a string, empty or undecodable,
/// or offset not an integer ≥ 0, or limit not an integer ≥ 0; 406 needle over 64 decoded bytes; 404 when
/// no key matches at all; else 200, the list envelope over the matches after skipping <c>offset</c> of them
/// (<c>listed:0</c> past the last match, §22 #2). The 410 "repository not ready" of §12.4 cannot happen in
/// the simulator: the keystore is loaded at boot, before the first request.
/// </summary>
internal static class KeyMgmtSearch
{
    public static readonly EndpointDescriptor Descriptor = new(
        "POST", "/api/keymgmt/search", Access.Public,
        EndpointFlags.HttpsOnly | EndpointFlags.RequiresInitialised | EndpointFlags.JsonBody, Handle);

    /// <summary>What a token needs when the anonymous rule does not hold.</summary>
    private static readonly Access s_tokenAccess =
        Access.Scoped(Role.User | Role.External, "keymgmt:search", "keymgmt:list", "auth:ext:pair");

    /// <summary>Shortest <c>^</c>-anchored needle searchable without a token (the dashboard's <c>^RVhUQUlE</c> = "EXTAID").</summary>
    private const int AnonymousMinBytes = 6;

    private static Reply Handle(RequestContext context)
    {
        var body = context.Body;
        var needle = body.TryGetString("descr", out var text) ? Needle.TryParse(text) : null;

        var anonymous = context.Device.Config is { AllowKeysearch: true }
            && needle is { AtStart: true, Bytes.Length: >= AnonymousMinBytes };
        if (!anonymous)
        {
            if (context.Token is not { } token)
            {
                return Reply.Of(ApiStatus.Unauthorized);
            }
            if (!ScopeCheck.IsAllowed(s_tokenAccess, token, context.PathParameters))
            {
                return ScopeCheck.Refuse(context, token);
            }
        }

        if (needle is null || !TryReadCount(body, "offset", 0, out var offset) || !TryReadCount(body, "limit", KeyListing.MaxPageSize, out var limit))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        if (needle.Bytes.Length > KeyMgmtSupport.MaxDescrBytes)
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        var matches = context.Device.Keys.Valid.Where(r => needle.Matches(r.Descr)).ToList();
        if (matches.Count == 0)
        {
            return Reply.Of(ApiStatus.NotFound);
        }
        return KeyListing.Envelope(context.Device, offset, KeyListing.Page(matches, offset, limit));
    }

    /// <summary>An optional integer member ≥ 0 (absent or null → <paramref name="fallback"/>); false for anything else.</summary>
    private static bool TryReadCount(JsonBody body, string name, long fallback, out long value)
    {
        value = fallback;
        return !body.Has(name) || (body.TryGetInt64(name, out value) && value >= 0);
    }

    /// <summary>
    /// A search needle (§12.4): <c>^b64</c> prefix, <c>b64$</c> suffix, <c>^b64$</c> exact (INFERRED), bare
    /// <c>b64</c> contains. The anchors are stripped, then the rest decodes from either alphabet, padding
    /// optional (§3.8).
    /// </summary>
    private sealed record Needle(bool AtStart, bool AtEnd, byte[] Bytes)
    {
        /// <summary>
        /// Null when the text does not decode, or decodes to nothing: an empty needle names no description
        /// (SIM choice; "matches every description" would turn a typo into a full dump).
        /// </summary>
        public static Needle? TryParse(string text)
        {
            var atStart = text.StartsWith('^');
            var core = atStart ? text[1..] : text;
            var atEnd = core.EndsWith('$');
            core = atEnd ? core[..^1] : core;
            return Base64Text.TryDecode(core, out var bytes) && bytes.Length > 0 ? new Needle(atStart, atEnd, bytes) : null;
        }

        /// <summary>Keys without a description never match (the needle is never empty).</summary>
        public bool Matches(ReadOnlySpan<byte> descr) => (AtStart, AtEnd) switch
        {
            (true, true) => descr.SequenceEqual(Bytes),
            (true, false) => descr.StartsWith(Bytes),
            (false, true) => descr.EndsWith(Bytes),
            (false, false) => descr.IndexOf(Bytes) >= 0,
        };
    }
}
