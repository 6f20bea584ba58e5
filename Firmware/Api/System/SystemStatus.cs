using System.Globalization;
using HemSim.Firmware.Api.Storage;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Config;
using HemSim.Firmware.Device;
using HemSim.Firmware.Routing;

namespace HemSim.Firmware.Api.System;

/// <summary>
/// S1 <c>GET /api/system/status</c> (spec §11.1). No token; works over HTTP, uninitialised and while a
/// fault is latched. Only a present-but-invalid token fails it (401, by the pipeline's pre-check).
/// </summary>
internal static class SystemStatus
{
    /// <summary>Simulated chip temperature in °C (spec §11.1: SIM integer).</summary>
    public const int Temperature = 31;

    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/system/status", Access.Public, EndpointFlags.AllowedWhileFaulted, Handle);

    private static Reply Handle(RequestContext context)
    {
        var device = context.Device;
        var config = device.Config;
        var hostname = config?.Hostname ?? device.Options.FactoryHostname;
        return Reply.Json(w =>
        {
            // Clients test for the key's presence; never emit inited:true.
            if (!device.IsInitialised)
            {
                w.WriteBoolean("inited", false);
            }
            // §22 #6: emitted on plain HTTP only; true because the HTTPS listener always runs here.
            if (!context.Request.IsTls)
            {
                w.WriteBoolean("https", true);
            }
            if (HostWithoutPort(context.Request.Host) is { } host
                && !string.Equals(host, hostname, StringComparison.OrdinalIgnoreCase))
            {
                w.WriteString("hostname", hostname);
            }
            if (config is null || !config.TrustedTs)
            {
                w.WriteBoolean("tts", false);
            }
            w.WriteNumber("ctx", config?.Ctx ?? 0);
            w.WriteNumber("uptime", device.Boot.Uptime(context.Monotonic));
            if (context.RtcSet)
            {
                w.WriteString("ts", DateTimeOffset.FromUnixTimeSeconds(context.Now).UtcDateTime
                    .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                w.WriteNumber("time", context.Now);
            }
            if (device.Options.Variant == HardwareVariant.Ppa && config is not null)
            {
                // Per-boot exposure (spec §14): lock/unlock show here at once; defaults from storage_mode.
                w.WriteStartArray("storage");
                w.WriteStringValue($"{config.StorageDisk0Size}:{DiskMode(device, config, 0)}");
                w.WriteStringValue($"{Math.Max(0, DiskCapacitySectors - config.StorageDisk0Size)}:{DiskMode(device, config, 1)}");
                w.WriteEndArray();
                // Formatting is instantaneous in the simulator, so a provisioned PPA reports it done.
                w.WriteString("format", "done");
            }
            w.WriteNumber("temp", Temperature);
            w.WriteNumber("fls_state", device.Boot.FaultState);
            if (device.Boot.FirmwareUpgraded)
            {
                w.WriteBoolean("fw_upgrade", true);
            }
        });
    }

    /// <summary>Simulated SD card size in 512-byte sectors (about 62 GB, like the sample in spec §11.1).</summary>
    public const long DiskCapacitySectors = 120979456;

    private static string DiskMode(DeviceCore device, DeviceConfig config, int slot) =>
        StorageSlots.StatusText(StorageSlots.Current(device.Boot, config, slot));

    /// <summary>The Host header without its port; handles bracketed IPv6 literals.</summary>
    internal static string? HostWithoutPort(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return null;
        }
        if (host.StartsWith('['))
        {
            var end = host.IndexOf(']');
            return end > 0 ? host[1..end] : host;
        }
        var colon = host.LastIndexOf(':');
        return colon >= 0 ? host[..colon] : host;
    }
}
