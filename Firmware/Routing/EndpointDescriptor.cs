using HemSim.Firmware.Audit;

namespace HemSim.Firmware.Routing;

/// <summary>
/// One route: method, path template (segments in braces are parameters), access rule, flags, handler
/// and the audit event its outcomes are logged under (OK on 200, ERROR on 400, FAILED on 406; spec §19.5).
/// </summary>
internal sealed record EndpointDescriptor(
    string Method,
    string Path,
    Access Access,
    EndpointFlags Flags,
    Func<RequestContext, Reply> Handler)
{
    /// <summary>Event logged for the outcome of the handler, or null when the endpoint logs nothing itself.</summary>
    public AuditEvent? OutcomeEvent { get; init; }

    /// <summary>Result logged for a 406 outcome; FAILED except where the spec says ERROR (derive, §12.10).</summary>
    public AuditResult FailedResult { get; init; } = AuditResult.Failed;

    public string[] Segments { get; } = Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
