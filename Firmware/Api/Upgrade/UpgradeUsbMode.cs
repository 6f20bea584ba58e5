using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Upgrade;

/// <summary>STUB (issue #7, being written): every path answers 404 until its handler lands.</summary>
internal static class UpgradeUsbMode
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/system/upgrade/usbmode", Access.Public, EndpointFlags.None, NotYet);

    private static Reply NotYet(RequestContext context) => Reply.Of(ApiStatus.NotFound);
}
