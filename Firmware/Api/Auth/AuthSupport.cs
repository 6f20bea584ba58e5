using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Auth;

/// <summary>Checks shared by the provisioning endpoints A3 and A4.</summary>
internal static class AuthSupport
{
    /// <summary>
    /// Why provisioning is closed, or null when it is open: 406 once initialised ([T] expects exactly 406),
    /// else 403 while the RTC is not set (required here whatever the options, spec §4).
    /// </summary>
    public static Reply? ProvisioningRefusal(RequestContext context) =>
        context.Device.IsInitialised ? Reply.Of(ApiStatus.OperationFailed)
        : !context.RtcSet ? Reply.Of(ApiStatus.Forbidden)
        : null;
}
