using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Logger;

/// <summary>L1 §15.1. NOT IMPLEMENTED YET (stub): access, flags and handler still to be written.</summary>
internal static class LoggerKey
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/logger/key", Access.Public, EndpointFlags.None, Handle);

    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.InternalError);
}
