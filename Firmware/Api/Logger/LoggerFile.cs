using HemSim.Firmware.Audit;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Logger;

/// <summary>
/// L4 <c>GET /api/logger/{file}</c> (spec §15.3), MSC builds only (404 on EPA). Scope prefix <c>logger:get</c>,
/// any role, HTTP allowed.
/// <list type="bullet">
/// <item>200 the raw file as <c>text/plain</c> (§3.4): the banner comment, then the records of §19.3, every line
/// ending in LF. Audited LOGGER_READ_LOG / OK, data = the ASCII file id.</item>
/// <item>404 <c>file</c> is not exactly 8 hex characters, or no such file; audited LOGGER_READ_LOG / FAILED (data =
/// the ASCII id when it has the right form, else empty).</item>
/// <item>406 the file of the current boot: the logger still writes to it (not audited).</item>
/// <item>401 no token; 403 another scope (FAILED_SCOPE_CHECK); 409 fault latched or uninitialised.</item>
/// </list>
/// Routes match in order, so <c>/api/logger/key</c> and <c>/api/logger/list</c> never reach this handler.
/// </summary>
internal static class LoggerFile
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/logger/{file}", LoggerSupport.Access, LoggerSupport.Flags | EndpointFlags.MscOnly, Handle);

    private static Reply Handle(RequestContext context)
    {
        var device = context.Device;
        if (!LoggerSupport.TryParseFileId(context.PathParameters[0], out var id))
        {
            context.Audit(AuditEvent.LoggerReadLog, AuditResult.Failed, []);
            return Reply.Of(ApiStatus.NotFound);
        }
        if (id == device.Boot.AuditLog.FileId)
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        var records = device.Flash.ReadLogFile(id);
        if (records.Count == 0)
        {
            context.Audit(AuditEvent.LoggerReadLog, AuditResult.Failed, LoggerSupport.AuditData(id));
            return Reply.Of(ApiStatus.NotFound);
        }
        context.Audit(AuditEvent.LoggerReadLog, AuditResult.Ok, LoggerSupport.AuditData(id));
        return new Reply(ApiStatus.Ok, LoggerSupport.FileText(records)) { ContentType = LoggerSupport.TextContentType };
    }
}
