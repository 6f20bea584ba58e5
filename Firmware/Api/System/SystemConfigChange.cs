using System.Text.Json;
using HemSim.Firmware.Config;
using HemSim.Firmware.Device;
using HemSim.Firmware.Tls;

namespace HemSim.Firmware.Api.System;

/// <summary>
/// The validation phase of <c>POST /api/system/config</c> on an initialised device (spec §11.6 (b)): every known
/// field that is present is checked, and a valid one queues its edit. Nothing touches the device here, so a 400
/// leaves no trace. <c>hostname</c> and <c>ip</c> cannot change after provisioning and are ignored like unknown fields;
/// the MSC fields are ignored on EPA.
/// </summary>
internal sealed class SystemConfigChange
{
    private readonly List<Action<DeviceConfig>> _edits = [];

    private SystemConfigChange()
    {
    }

    /// <summary><c>wipeout: true</c>: answer 200 empty, then wipe and reboot.</summary>
    public bool Wipeout { get; private set; }

    /// <summary><c>gen_csr: true</c>: add a CSR and a <c>genuine</c> token (ignored when <see cref="Tls"/> is set).</summary>
    public bool GenCsr { get; private set; }

    /// <summary>A <c>tls</c> object that <see cref="TlsIdentity.IsValidBundle(DeviceCore, JsonElement)"/> accepted.</summary>
    public JsonElement? Tls { get; private set; }

    /// <summary>A complete, well-formed rotation request; its proof is checked in the apply phase (406).</summary>
    public UserKeyRotation? Rotation { get; private set; }

    /// <summary>Reads the body; null when any present field is invalid (400, nothing applied).</summary>
    public static SystemConfigChange? TryRead(JsonElement root, DeviceCore device)
    {
        var msc = device.Options.Variant == HardwareVariant.Ppa;
        var change = new SystemConfigChange();
        var valid =
            change.Text(root, "user", DeviceConfig.MaxUserLength, (c, v) => c.User = v)
            && change.Text(root, "email", SystemConfigSupport.MaxEmailLength, (c, v) => c.Email = v)
            && change.Text(root, "origin", SystemConfigSupport.MaxOriginLength, (c, v) => c.Origin = v)
            && change.Flag(root, "trusted_ts", (c, v) => c.TrustedTs = v)
            && change.Flag(root, "trusted_backend", (c, v) => c.TrustedBackend = v)
            && change.Flag(root, "allow_keysearch", (c, v) => c.AllowKeysearch = v)
            && change.Flag(root, "http_option_hsts", (c, v) => c.HttpOptionHsts = v)
            && change.Number(root, "ctx", 0, long.MaxValue, (c, v) => c.Ctx = v)
            && change.Number(root, "http_option_dosprot_mode", 0, SystemConfigSupport.MaxDosprotMode, (c, v) => c.HttpOptionDosprotMode = v)
            && (!msc
                || (change.Flag(root, "dnsd", (c, v) => c.Dnsd = v)
                    // storage_mode is one byte (observed 0x50–0xA3, spec §7.2); disk0 cannot exceed the card.
                    && change.Number(root, "storage_mode", 0, byte.MaxValue, (c, v) => c.StorageMode = v)
                    && change.Number(root, "storage_disk0size", 0, SystemStatus.DiskCapacitySectors, (c, v) => c.StorageDisk0Size = v)))
            && change.ReadActions(root, device)
            && change.ReadRotation(root);
        return valid ? change : null;
    }

    /// <summary>Applies the queued field edits to <paramref name="config"/> (a copy; the caller persists it).</summary>
    public void ApplyTo(DeviceConfig config)
    {
        foreach (var edit in _edits)
        {
            edit(config);
        }
    }

    private bool Text(JsonElement root, string name, int maxLength, Action<DeviceConfig, string> edit)
    {
        if (!SystemConfigSupport.TryMember(root, name, out var element))
        {
            return true;
        }
        if (element.ValueKind != JsonValueKind.String || element.GetString()!.Length > maxLength)
        {
            return false;
        }
        var value = element.GetString()!;
        _edits.Add(c => edit(c, value));
        return true;
    }

    private bool Flag(JsonElement root, string name, Action<DeviceConfig, bool> edit)
    {
        if (!SystemConfigSupport.TryMember(root, name, out var element))
        {
            return true;
        }
        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return false;
        }
        var value = element.GetBoolean();
        _edits.Add(c => edit(c, value));
        return true;
    }

    private bool Number(JsonElement root, string name, long min, long max, Action<DeviceConfig, long> edit)
    {
        if (!SystemConfigSupport.TryMember(root, name, out var element))
        {
            return true;
        }
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var value) || value < min || value > max)
        {
            return false;
        }
        _edits.Add(c => edit(c, value));
        return true;
    }

    /// <summary><c>wipeout</c> and <c>gen_csr</c> must be booleans; <c>tls</c> an object the TLS identity can install.</summary>
    private bool ReadActions(JsonElement root, DeviceCore device)
    {
        if (!TryBool(root, "wipeout", out var wipeout) || !TryBool(root, "gen_csr", out var genCsr))
        {
            return false;
        }
        Wipeout = wipeout;
        GenCsr = genCsr;
        if (SystemConfigSupport.TryMember(root, "tls", out var tls))
        {
            if (tls.ValueKind != JsonValueKind.Object || !TlsIdentity.IsValidBundle(device, tls))
            {
                return false;
            }
            Tls = tls;
        }
        return true;
    }

    private bool ReadRotation(JsonElement root)
    {
        if (!UserKeyRotation.TryRead(root, out var rotation))
        {
            return false;
        }
        Rotation = rotation;
        return true;
    }

    /// <summary>True with false when absent; false when present but not a boolean.</summary>
    private static bool TryBool(JsonElement root, string name, out bool value)
    {
        value = false;
        if (!SystemConfigSupport.TryMember(root, name, out var element))
        {
            return true;
        }
        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return false;
        }
        value = element.GetBoolean();
        return true;
    }
}
