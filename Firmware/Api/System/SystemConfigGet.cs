using HemSim.Firmware.Auth;
using HemSim.Firmware.Device;
using HemSim.Firmware.Routing;

namespace HemSim.Firmware.Api.System;

/// <summary>
/// S5 <c>GET /api/system/config</c> (spec §11.5). Token with scope prefix <c>system:config</c>, <c>logger:get</c> or
/// <c>auth:ext:pair</c>; roles U, M and external app; works over plain HTTP. Answers the whole configuration plus the
/// boot's session key <c>spk</c> and a fresh single-use <c>nonce</c> for the user-key rotation proof (§11.6.1).
/// Statuses: 200; 401 token missing or invalid; 403 scope refused (FAILED_SCOPE_CHECK); 409 not initialised, or a
/// fault latched (§22 #17: SIM answers 409 while faulted although [Y] lists nothing for GET).
/// </summary>
internal static class SystemConfigGet
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/system/config",
        Access.Scoped(Role.Any, "system:config", "logger:get", "auth:ext:pair"),
        EndpointFlags.RequiresInitialised, Handle);

    private static Reply Handle(RequestContext context)
    {
        var device = context.Device;
        var config = device.Config!;
        var msc = device.Options.Variant == HardwareVariant.Ppa;
        // Spec §3.10: 32 bytes, LE time then random; recorded so POST can redeem it once within 60 s.
        var nonce = device.Boot.Nonces.Issue(NonceKind.Config, context.Now, context.Monotonic, device.Entropy);
        return Reply.Json(w =>
        {
            w.WriteNumber("iat", config.Iat);
            w.WriteNumber("uts", config.Uts);
            w.WriteString("devid", Convert.ToHexStringLower(device.Identity.DevId));
            w.WriteString("instanceid", config.InstanceId);
            w.WriteString("eid", Convert.ToBase64String(device.Identity.EidPublic));
            w.WriteString("eid_sign", Convert.ToBase64String(device.Identity.SignPublic));
            w.WriteString("user", config.User);
            w.WriteString("email", config.Email);
            w.WriteString("hostname", config.Hostname);
            w.WriteBoolean("dnsd", config.Dnsd);
            w.WriteBoolean("trusted_ts", config.TrustedTs);
            w.WriteBoolean("trusted_backend", config.TrustedBackend);
            w.WriteBoolean("allow_keysearch", config.AllowKeysearch);
            w.WriteString("origin", config.Origin);
            w.WriteNumber("ctx", config.Ctx);
            w.WriteString("ip", config.Ip);
            w.WriteBoolean("http_option_hsts", config.HttpOptionHsts);
            w.WriteNumber("http_option_dosprot_mode", config.HttpOptionDosprotMode);
            if (msc)
            {
                w.WriteString("genuine_id", SystemConfigSupport.GenuineId(device));
                w.WriteNumber("storage_mode", config.StorageMode);
                w.WriteNumber("storage_disk0size", config.StorageDisk0Size);
                w.WriteNumber("storage_capacity", SystemStatus.DiskCapacitySectors);
            }
            w.WriteString("spk", device.Boot.SessionPublicText);
            w.WriteString("nonce", nonce);
        });
    }
}
