using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.System;

/// <summary>S3/S4 §11.3, §11.4, §8. NOT IMPLEMENTED YET (stub): access, flags and handler still to be written.</summary>
internal static class SystemCheckin
{
    public static readonly EndpointDescriptor GetDescriptor = new(
        "GET", "/api/system/checkin", Access.Public, EndpointFlags.None, Handle);

    public static readonly EndpointDescriptor PostDescriptor = new(
        "POST", "/api/system/checkin", Access.Public, EndpointFlags.None, Handle);

    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.InternalError);
}
