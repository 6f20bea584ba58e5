using HemSim.Firmware.Audit;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Logger;

/// <summary>
/// L2/L3 <c>GET /api/logger/list[/{offset}]</c> (spec §15.2), MSC builds only (404 on EPA). Scope prefix
/// <c>logger:get</c>, any role, HTTP allowed.
/// <list type="bullet">
/// <item>200 <c>{"total","id"}</c>: <c>total</c> = every log file in flash; <c>id</c> = at most 128 file ids from
/// <c>offset</c> (default 0), 8 lowercase hex characters each, ascending, so the file of the current boot is last.
/// Audited LOGGER_LIST_LOG / OK.</item>
/// <item>404 nothing to list from <c>offset</c> (offset ≥ total); audited LOGGER_LIST_LOG / FAILED.</item>
/// <item>406 offset not decimal digits only (not audited).</item>
/// <item>401 no token; 403 another scope (FAILED_SCOPE_CHECK); 409 fault latched or uninitialised.</item>
/// </list>
/// </summary>
/// <remarks>
/// OPEN (spec §15.2 "404 listing failed", [D] "404 Missing log entries"): the simulator's flash cannot fail to list,
/// so 404 is what [D]'s title names: an offset at or past the end, where no entry is left to list. [T] and [M]
/// never ask past <c>total</c>, so they never see it.
/// </remarks>
internal static class LoggerList
{
    private const EndpointFlags Flags = LoggerSupport.Flags | EndpointFlags.MscOnly;

    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/logger/list", LoggerSupport.Access, Flags, Handle);

    public static readonly EndpointDescriptor WithOffset = new(
        "GET", "/api/logger/list/{offset}", LoggerSupport.Access, Flags, Handle);

    private static Reply Handle(RequestContext context)
    {
        var offset = 0;
        if (context.PathParameters.Count > 0 && !LoggerSupport.TryParseOffset(context.PathParameters[0], out offset))
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        var files = context.Device.Flash.ListLogFiles();
        if (offset >= files.Count)
        {
            context.Audit(AuditEvent.LoggerListLog, AuditResult.Failed, []);
            return Reply.Of(ApiStatus.NotFound);
        }
        var page = files.Skip(offset).Take(LoggerSupport.PageSize).ToList();
        context.Audit(AuditEvent.LoggerListLog, AuditResult.Ok, []);
        return Reply.Json(w =>
        {
            w.WriteNumber("total", files.Count);
            w.WriteStartArray("id");
            foreach (var id in page)
            {
                w.WriteStringValue(id);
            }
            w.WriteEndArray();
        });
    }
}
