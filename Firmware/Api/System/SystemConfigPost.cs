using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.System;

/// <summary>S6 §11.6. NOT IMPLEMENTED YET (stub): access, flags and handler still to be written.</summary>
internal static class SystemConfigPost
{
    public static readonly EndpointDescriptor Descriptor = new(
        "POST", "/api/system/config", Access.Public, EndpointFlags.None, Handle);

    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.InternalError);
}
