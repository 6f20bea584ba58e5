using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Logger;

/// <summary>L2/L3 §15.2. NOT IMPLEMENTED YET (stub): access, flags and handler still to be written.</summary>
internal static class LoggerList
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/logger/list", Access.Public, EndpointFlags.None, Handle);

    public static readonly EndpointDescriptor WithOffset = new(
        "GET", "/api/logger/list/{offset}", Access.Public, EndpointFlags.None, Handle);

    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.InternalError);
}
