using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.System;

/// <summary>S17 §11.17. NOT IMPLEMENTED YET (stub): access, flags and handler still to be written.</summary>
internal static class SystemShutdown
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/system/shutdown", Access.Public, EndpointFlags.None, Handle);

    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.InternalError);
}
