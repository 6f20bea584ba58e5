using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Logger;

/// <summary>L4 §15.3. NOT IMPLEMENTED YET (stub): access, flags and handler still to be written.</summary>
internal static class LoggerFile
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/logger/{file}", Access.Public, EndpointFlags.None, Handle);

    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.InternalError);
}
