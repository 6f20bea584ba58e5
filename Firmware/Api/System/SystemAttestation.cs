using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.System;

/// <summary>S7 §11.7. NOT IMPLEMENTED YET (stub): access, flags and handler still to be written.</summary>
internal static class SystemAttestation
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/system/config/attestation", Access.Public, EndpointFlags.None, Handle);

    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.InternalError);
}
