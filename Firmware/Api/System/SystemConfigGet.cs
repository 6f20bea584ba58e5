using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.System;

/// <summary>S5 §11.5. NOT IMPLEMENTED YET (stub): access, flags and handler still to be written.</summary>
internal static class SystemConfigGet
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/system/config", Access.Public, EndpointFlags.None, Handle);

    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.InternalError);
}
