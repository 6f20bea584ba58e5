using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.System;

/// <summary>S8 §11.8. NOT IMPLEMENTED YET (stub): access, flags and handler still to be written.</summary>
internal static class SystemProvisioning
{
    public static readonly EndpointDescriptor Descriptor = new(
        "POST", "/api/system/config/provisioning", Access.Public, EndpointFlags.None, Handle);

    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.InternalError);
}
