using HemSim.Transport.Control;
using Microsoft.AspNetCore.Builder;

namespace HemSim.HostBridge.Http;

/// <summary>STUB (issue #7, being written): serves the dashboard installed on the device at paths outside /api.</summary>
internal static class DeviceDashboard
{
    /// <summary>Adds the device's dashboard to <paramref name="app"/>'s pipeline; requests it cannot serve carry on.</summary>
    public static void Use(IApplicationBuilder app, IDeviceControl? control)
    {
        _ = app;
        _ = control;
    }
}
