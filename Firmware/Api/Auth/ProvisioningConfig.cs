using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;
using HemSim.Firmware.Api.System;
using HemSim.Firmware.Config;
using HemSim.Firmware.Json;
using HemSim.Firmware.Platform;

namespace HemSim.Firmware.Api.Auth;

/// <summary>
/// Reads the <c>cfg</c> object of a provisioning proof (spec §7.2) into a <see cref="DeviceConfig"/>.
/// Every required field must be present with the right JSON type; the MSC fields are required on PPA
/// and ignored on EPA. Any failure is a 400 and nothing is written.
/// </summary>
internal static class ProvisioningConfig
{
    public static bool TryRead(JsonElement cfg, byte[] issuer, bool msc, long now, IEntropySource entropy, [NotNullWhen(true)] out DeviceConfig? config)
    {
        config = null;
        if (!TryKey(cfg, "masterkey", out var masterKey)
            // §22 #18: the master key is the proof's issuer; a different cfg.masterkey is refused.
            || !CryptographicOperations.FixedTimeEquals(masterKey, issuer)
            || !TryKey(cfg, "userkey", out var userKey)
            || !TryString(cfg, "user", out var user) || user.Length > DeviceConfig.MaxUserLength
            || !TryString(cfg, "email", out var email)
            || !TryString(cfg, "hostname", out var hostname)
            || !TryString(cfg, "origin", out var origin)
            || !TryBool(cfg, "trusted_ts", out var trustedTs)
            || !TryBool(cfg, "trusted_backend", out var trustedBackend)
            || !TryBool(cfg, "allow_keysearch", out var allowKeysearch))
        {
            return false;
        }
        long ctx = 0;
        if (cfg.TryGetProperty("ctx", out var ctxElement) && ctxElement.ValueKind != JsonValueKind.Null
            && (ctxElement.ValueKind != JsonValueKind.Number || !ctxElement.TryGetInt64(out ctx)))
        {
            return false;
        }
        var ip = "192.168.7.1/24";
        long storageMode = 0, disk0Size = 0;
        var dnsd = false;
        if (msc && (!TryString(cfg, "ip", out ip) || !TryIp(ip, out ip)
            || !TryInt(cfg, "storage_mode", out storageMode) || storageMode is < 0 or > byte.MaxValue
            || !TryInt(cfg, "storage_disk0size", out disk0Size) || disk0Size is < 0 or > SystemStatus.DiskCapacitySectors
            || !TryBool(cfg, "dnsd", out dnsd)))
        {
            return false;
        }
        config = new DeviceConfig
        {
            InstanceId = NewInstanceId(entropy),
            Iat = now,
            Uts = now,
            UserKey = userKey,
            MasterKey = masterKey,
            User = user,
            Email = email,
            Hostname = hostname,
            Origin = origin,
            TrustedTs = trustedTs,
            TrustedBackend = trustedBackend,
            AllowKeysearch = allowKeysearch,
            Ip = ip,
            Ctx = ctx,
            Dnsd = dnsd,
            StorageMode = storageMode,
            StorageDisk0Size = disk0Size,
        };
        return true;
    }

    /// <summary>SIM: a random UUID-shaped id, 8-4-4-4-12 lowercase hex (spec §7.3).</summary>
    private static string NewInstanceId(IEntropySource entropy)
    {
        Span<byte> bytes = stackalloc byte[16];
        entropy.Fill(bytes);
        var hex = Convert.ToHexStringLower(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    /// <summary>§22 #19: accept a plain address or CIDR; a plain address gets the default /24.</summary>
    private static bool TryIp(string text, out string cidr)
    {
        cidr = text;
        var slash = text.IndexOf('/');
        var address = slash < 0 ? text : text[..slash];
        if (!global::System.Net.IPAddress.TryParse(address, out _))
        {
            return false;
        }
        if (slash < 0)
        {
            cidr = text + "/24";
            return true;
        }
        return int.TryParse(text[(slash + 1)..], out var bits) && bits is >= 0 and <= 32;
    }

    private static bool TryKey(JsonElement cfg, string name, out byte[] key)
    {
        key = [];
        return TryString(cfg, name, out var text) && Base64Text.TryDecode(text, out key) && key.Length == 32;
    }

    private static bool TryString(JsonElement cfg, string name, out string value)
    {
        value = "";
        if (!cfg.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        value = element.GetString()!;
        return true;
    }

    private static bool TryBool(JsonElement cfg, string name, out bool value)
    {
        value = false;
        if (!cfg.TryGetProperty(name, out var element) || element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return false;
        }
        value = element.GetBoolean();
        return true;
    }

    private static bool TryInt(JsonElement cfg, string name, out long value)
    {
        value = 0;
        return cfg.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value);
    }
}
