using System.CommandLine;
using HemSim.Firmware.Device;

namespace HemSim.HostBridge.Hosting;

/// <summary>
/// The options that make a simulated device: its data folder, seed, key slots, clock, variant, DIAG build and
/// strict-TLS answers, each with its environment variable. The bridge reads them for its embedded device and
/// the device launcher (tools/HemSim.Device, which compiles this file in) for the device it runs, so both
/// accept exactly the same.
/// </summary>
internal sealed class DeviceOptionSet(string dataDescription)
{
    /// <summary>Printed on stderr whenever a seed is set.</summary>
    public const string SeedWarning =
        "WARNING: a seed is set (--seed/HEMSIM_SEED): the device's entropy is DETERMINISTIC and INSECURE. " +
        "Every key, nonce and token it makes can be predicted from the seed. Use it for reproducible test rigs only.";

    public Option<string> Data { get; } = CommandOptions.Define("--data", "DIR", dataDescription,
        "$XDG_DATA_HOME/hemsim or ~/.local/share/hemsim");

    public Option<string> Seed { get; } = CommandOptions.Define("--seed", "HEX",
        "Seed for deterministic entropy: INSECURE, for reproducible test rigs only", "OS entropy");

    public Option<string> KeystoreSlots { get; } = CommandOptions.Define("--keystore-slots", "N",
        "Number of key slots, fixed when the device is made", HemDeviceOptions.DefaultKeystoreSlots.ToString());

    public Option<string> Clock { get; } = CommandOptions.Define("--clock", "host|unset|SECONDS",
        "RTC at boot: host time, not set, or this Unix time", "host");

    public Option<string> Variant { get; } = CommandOptions.Define("--variant", "ppa|epa",
        "Hardware variant (EPA has no MSC endpoints)", "ppa");

    public Option<bool> Diag { get; } = new("--diag")
    {
        Description = "DIAG firmware build: /api/diag/* exists and fwv ends in -DIAG [env: HEMSIM_DIAG=1]",
    };

    /// <summary>
    /// Answer 418 on every HTTPS-only endpoint. Without it the device reproduces the firmware QUIRK of spec §3.4:
    /// plain HTTP on <c>hmac/hash</c> and <c>keymgmt/delete</c> gets 409.
    /// </summary>
    public Option<bool> StrictTls { get; } = new("--strict-tls")
    {
        Description = "Answer 418 to plain HTTP on every HTTPS-only endpoint, instead of the real firmware's 409 " +
            "on hmac/hash and keymgmt/delete (spec §3.4 QUIRK) [env: HEMSIM_STRICT_TLS=1]",
    };

    /// <summary>Corrected behaviour for the PQC public-key QUIRK of spec §13.10 and §13.13.</summary>
    public Option<bool> PqcPublicKeys { get; } = new("--pqc-public-keys")
    {
        Description = "Let ML-KEM encaps and ML-DSA verify use imported public keys; the real firmware answers 406 " +
            "(spec §13.10/§13.13 QUIRK) [env: HEMSIM_PQC_PUBLIC_KEYS=1]",
    };

    /// <summary>Corrected behaviour for the status leak of spec §13.13 (§22 #14).</summary>
    public Option<bool> StrictMlDsaVerify { get; } = new("--strict-mldsa-verify")
    {
        Description = "Answer 406 to an ML-DSA signature that does not verify, instead of the real firmware's 795 " +
            "(spec §13.13 QUIRK) [env: HEMSIM_STRICT_MLDSA_VERIFY=1]",
    };

    public Option<string> PowerOnDelay { get; } = CommandOptions.Define("--power-on-delay", "SECONDS|off",
        "After a shutdown, power on again by itself after this many seconds; 'off': stay off until a power-on over the control channel",
        ((int)HemDeviceOptions.DefaultPowerOnDelay.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Option<string> BackendKey { get; } = CommandOptions.Define("--backend-key", "B64",
        "X25519 public key of the check-in backend the device trusts", "the published HemSim test backend key");

    public Option<string> VendorKey { get; } = CommandOptions.Define("--vendor-key", "B64",
        "Ed25519 public key that firmware and dashboard images must be signed by (docs/UPGRADE.md)", "the published HemSim vendor test key");

    public Option<string> UsbModeTime { get; } = CommandOptions.Define("--usbmode-time", "SECONDS",
        "After GET /api/system/upgrade/usbmode, stay offline (in the bootloader's USB mode) this long, then boot",
        ((int)HemDeviceOptions.DefaultUsbModeTime.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// The EPA rack size (<see cref="RackLayout"/>). Not one of <see cref="Shaping"/>: beside the bridge's
    /// <c>--serial</c> it says how many chips the launcher published.
    /// </summary>
    public Option<string> Chips { get; } = CommandOptions.Define("--chips", "N",
        $"EPA rack: this many independent chips (1-{RackLayout.MaxChips}), addressed by host name c1.<domain> … cN.<domain>; more than 1 needs --variant epa",
        "1");

    /// <summary>The options besides <see cref="Data"/>: they shape the device itself.</summary>
    public IReadOnlyList<Option> Shaping => [Seed, KeystoreSlots, Clock, Variant, Diag, StrictTls, PqcPublicKeys, StrictMlDsaVerify, PowerOnDelay, BackendKey, VendorKey, UsbModeTime];

    /// <summary>The per-user data folder <c>…/hemsim</c>, or null when no per-user folder is known (HOME unset).</summary>
    public static string? DefaultDataDirectory()
    {
        string root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return string.IsNullOrEmpty(root) ? null : Path.Combine(root, "hemsim");
    }

    /// <summary>The data folder given, else the default; reports a problem when there is neither.</summary>
    public string? ReadDataDirectory(SettingReader reader)
    {
        string? data = reader.Read<string?>(Data, null, TryFolder, "is not a usable folder path");
        if (data is null && reader.Problems.Count == 0)
        {
            data = DefaultDataDirectory();
            if (data is null)
            {
                reader.Report("No per-user data folder is known (HOME is not set); pass --data DIR.");
            }
        }
        return data;
    }

    /// <summary>Reads the device options (in the order of <see cref="Shaping"/>) for a device kept in <paramref name="dataDirectory"/>.</summary>
    public HemDeviceOptions ReadDevice(SettingReader reader, string? dataDirectory)
    {
        byte[]? seed = reader.Read<byte[]?>(Seed, null, TrySeed, "is not a hex string of whole bytes");
        int slots = reader.Read(KeystoreSlots, HemDeviceOptions.DefaultKeystoreSlots, OptionValues.TryParseSlots, "is not a positive number");
        (ClockMode Mode, long Time) clock = reader.Read(Clock, (ClockMode.Host, 0L), TryClock, "is not 'host', 'unset' or Unix seconds (0-4294967295)");
        HardwareVariant variant = reader.Read(Variant, HardwareVariant.Ppa, OptionValues.TryParseVariant, "is not 'ppa' or 'epa'");
        bool diag = reader.ReadSwitch(Diag);
        bool strictTls = reader.ReadSwitch(StrictTls);
        bool pqcPublicKeys = reader.ReadSwitch(PqcPublicKeys);
        bool strictMlDsaVerify = reader.ReadSwitch(StrictMlDsaVerify);
        TimeSpan? powerOnDelay = reader.Read<TimeSpan?>(PowerOnDelay, HemDeviceOptions.DefaultPowerOnDelay, OptionValues.TryParsePowerOnDelay,
            "is not whole seconds (0-86400) or 'off'");
        byte[]? backendKey = reader.Read<byte[]?>(BackendKey, null, OptionValues.TryParseX25519Key, "is not a base64 32-byte X25519 public key");
        byte[]? vendorKey = reader.Read<byte[]?>(VendorKey, null, OptionValues.TryParseX25519Key, "is not a base64 32-byte Ed25519 public key");
        TimeSpan usbModeTime = reader.Read(UsbModeTime, HemDeviceOptions.DefaultUsbModeTime, TryUsbModeTime, "is not whole seconds (0-86400)");
        return new HemDeviceOptions
        {
            DataDirectory = dataDirectory,
            KeystoreSlots = slots,
            Seed = seed,
            ClockMode = clock.Mode,
            FixedTime = clock.Time,
            Variant = variant,
            Diag = diag,
            StrictTls = strictTls,
            PqcPublicKeys = pqcPublicKeys,
            StrictMlDsaVerify = strictMlDsaVerify,
            PowerOnDelay = powerOnDelay,
            BackendKey = backendKey,
            VendorKey = vendorKey,
            UsbModeTime = usbModeTime,
        };
    }

    /// <summary>
    /// The rack size. <paramref name="variant"/> is the variant the chips are made with, or null when they are made
    /// elsewhere (the bridge on <c>--serial</c>): a rack of more than one chip is EPA hardware (spec §2, issue #7).
    /// </summary>
    public int ReadChips(SettingReader reader, HardwareVariant? variant)
    {
        int chips = reader.Read(Chips, 1, OptionValues.TryParseChips, $"is not a number of chips (1-{RackLayout.MaxChips})");
        if (chips > 1 && variant == HardwareVariant.Ppa)
        {
            reader.Report($"--chips: a rack of {chips} chips is EPA hardware; add --variant epa (a PPA is one device).");
        }
        return chips;
    }

    private static bool TrySeed(string text, out byte[]? seed)
    {
        bool parsed = OptionValues.TryParseSeed(text, out byte[] bytes);
        seed = bytes;
        return parsed;
    }

    private static bool TryClock(string text, out (ClockMode Mode, long Time) clock)
    {
        bool parsed = OptionValues.TryParseClock(text, out ClockMode mode, out long time);
        clock = (mode, time);
        return parsed;
    }

    private static bool TryUsbModeTime(string text, out TimeSpan time)
    {
        bool parsed = OptionValues.TryParsePowerOnDelay(text, out TimeSpan? delay) && delay is not null;
        time = delay ?? TimeSpan.Zero;
        return parsed;
    }

    private static bool TryFolder(string text, out string? folder) => OptionValues.TryParsePath(text, out folder);
}
