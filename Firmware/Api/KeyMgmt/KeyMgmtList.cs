using HemSim.Firmware.Auth;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.KeyMgmt;

/// <summary>
/// K1–K3 <c>GET /api/keymgmt/list[/{offset}[/{count}]]</c> (spec §12.2–§12.3). Scope prefix
/// <c>keymgmt:list</c>; roles U and external app (M → 403, audited); HTTPS only (418); 409 uninitialised
/// or faulted. <c>offset</c> = valid records to skip (default 0); <c>count</c> = page size, default and
/// maximum 15 (larger values clamped). 406: offset or count not decimal digits only (never 400, [N]).
/// 200: the list envelope of <see cref="KeyListing"/>, records in slot order. Nothing is audited but 403.
/// The 406 "repository not ready" of §12.3 cannot happen here: the keystore is loaded before the first request.
/// </summary>
internal static class KeyMgmtList
{
    private const EndpointFlags Flags = EndpointFlags.HttpsOnly | EndpointFlags.RequiresInitialised;
    private static readonly Access s_access = Access.Scoped(Role.User | Role.External, "keymgmt:list");

    public static readonly EndpointDescriptor Descriptor = new("GET", "/api/keymgmt/list", s_access, Flags, Handle);
    public static readonly EndpointDescriptor WithOffset = new("GET", "/api/keymgmt/list/{offset}", s_access, Flags, Handle);
    public static readonly EndpointDescriptor WithOffsetAndCount = new("GET", "/api/keymgmt/list/{offset}/{count}", s_access, Flags, Handle);

    private static Reply Handle(RequestContext context)
    {
        var parameters = context.PathParameters;
        var offset = 0;
        var count = KeyListing.MaxPageSize;
        if ((parameters.Count > 0 && !KeyListing.TryParseDecimal(parameters[0], out offset))
            || (parameters.Count > 1 && !KeyListing.TryParseDecimal(parameters[1], out count)))
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        var keys = context.Device.Keys;
        return KeyListing.Envelope(context.Device, offset, KeyListing.Page(keys.Valid, offset, count));
    }
}
