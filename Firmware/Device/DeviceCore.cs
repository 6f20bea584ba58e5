using System.Diagnostics;
using HemSim.Firmware.Api;
using HemSim.Firmware.Audit;
using HemSim.Firmware.Config;
using HemSim.Firmware.Flash;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Platform;
using HemSim.Firmware.Routing;
using HemSim.Firmware.SelfTest;
using HemSim.Firmware.Tls;
using HemSim.Firmware.Upgrade;

namespace HemSim.Firmware.Device;

/// <summary>
/// The device proper: persistent state (flash, identity, configuration, keystore) plus the state of
/// the current boot. Not thread-safe by design; <see cref="HemDevice"/> calls it from one thread. Power, boot and
/// wipe are in DeviceCore.Power.cs.
/// </summary>
internal sealed partial class DeviceCore : IDisposable
{
    public const string BootCounterBlob = "counter.boots";
    public const string KeystoreSlotsBlob = "keystore.slots";

    private DeviceCore(HemDeviceOptions options, IFlash flash, IDeviceClock clock)
    {
        Options = options;
        Flash = flash;
        Clock = clock;
        Router = new Router(ApiRoutes.All);
    }

    public HemDeviceOptions Options { get; }
    public IFlash Flash { get; }
    public IDeviceClock Clock { get; }
    public Router Router { get; }
    public IEntropySource Entropy { get; private set; } = null!;
    public SecureElement SecureElement { get; private set; } = null!;
    public DeviceIdentity Identity { get; private set; } = null!;
    public Attestation Attestation { get; private set; } = null!;
    /// <summary>The TLS key and the certificate served this boot (spec §11.6 <c>tls</c>; Tls/TlsCredentials.cs).</summary>
    public TlsCredentials Tls { get; private set; } = null!;
    public KeyStore Keys { get; private set; } = null!;
    public DeviceConfig? Config { get; private set; }
    public BootState Boot { get; private set; } = null!;

    /// <summary>Number of power-ups of this flash, the first being 1.</summary>
    public long BootCount { get; private set; }

    public bool IsInitialised => Config is not null;

    /// <summary>
    /// The firmware image installed by <c>install_fw</c> that this boot runs (spec §11.11), or null for the firmware the
    /// device was made with. Read at power-up: an install takes effect with the reboot that follows it.
    /// </summary>
    public InstalledFirmware? InstalledFirmware { get; private set; }

    /// <summary>
    /// A DIAG build (spec §16): made so (<see cref="HemDeviceOptions.Diag"/>), or running an installed image with the
    /// DIAG flag (docs/UPGRADE.md §3, as the vendor's <c>upgrade2diag</c> image does on hardware). The one answer to
    /// "is this DIAG firmware" (routes, <c>fwv</c>, the link identity).
    /// </summary>
    public bool IsDiagBuild => Options.Diag || InstalledFirmware?.IsDiagBuild == true;

    /// <summary>The Ed25519 key images must be signed with, reported as <c>fwk</c> (docs/UPGRADE.md §2).</summary>
    public byte[] VendorKey => Options.VendorKey ?? Upgrade.VendorKey.TestPublicKey;

    /// <summary>Manufactures (first time) or opens the device and powers it on.</summary>
    public static DeviceCore Create(HemDeviceOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.KeystoreSlots, 1, nameof(options));
        IFlash flash;
        if (options.DataDirectory is { } dir)
        {
            Directory.CreateDirectory(dir);
            flash = LiteDbFlash.Open(Path.Combine(dir, "flash.db"));
        }
        else
        {
            flash = LiteDbFlash.InMemory();
        }
        var clock = options.Clock ?? new SystemDeviceClock(options.ClockMode, options.FixedTime);
        var core = new DeviceCore(options, flash, clock);
        try
        {
            core.PowerOn(firstBoot: true);
        }
        catch
        {
            core.Dispose();
            throw;
        }
        return core;
    }

    public void SaveConfig(DeviceConfig config)
    {
        Flash.WriteBlob(DeviceConfig.BlobName, config.Serialize());
        Config = config;
    }

    /// <summary>True when this build has the endpoint (MSC paths on PPA, DIAG paths on DIAG firmware).</summary>
    public bool HasBuildFor(EndpointFlags flags) =>
        (!flags.HasFlag(EndpointFlags.MscOnly) || Options.Variant == HardwareVariant.Ppa)
        && (!flags.HasFlag(EndpointFlags.DiagOnly) || IsDiagBuild);

    /// <summary>Appends an audit line stamped with the current log time (spec §19.3 f1).</summary>
    public void Audit(AuditEvent type, AuditResult result, string subject, ReadOnlySpan<byte> data) =>
        Boot.AuditLog.Append(LogTime(), type, result, subject, data);

    /// <summary>Latches fault bits and logs entering the non-secure state (spec §20.2).</summary>
    public void LatchFault(int bits)
    {
        var entering = Boot.FaultState == 0;
        Boot.FaultState |= bits;
        if ((bits & FaultBits.Entropy) != 0)
        {
            Audit(AuditEvent.TrngFailed, AuditResult.Ok, "", []);
        }
        if (entering)
        {
            Audit(AuditEvent.NonSecureState, AuditResult.Ok, "", []);
        }
    }

    /// <summary>Handler defects seen since power-up; a simulator user can read them (bridge diagnostics).</summary>
    public int DefectCount { get; private set; }

    /// <summary>Records a handler defect that was answered 500. Never records request bodies (secrets).</summary>
    public void RecordDefect(ApiRequest request, Exception exception)
    {
        DefectCount++;
        Trace.TraceError($"HemSim device: {exception.GetType().Name} while handling {request.Method} {request.Path}");
    }

    /// <summary>f1 of a log line: the RTC when set, else a small uptime-based value (spec §19.3).</summary>
    private long LogTime() =>
        Clock.TryGetUnixTime(out var now) ? now : Boot.Uptime(Clock.Monotonic);

    public void Dispose()
    {
        Boot?.End();
        Keys?.DisposeHandles();
        Attestation?.Dispose();
        if (Options.Entropy is null)
        {
            (Entropy as IDisposable)?.Dispose();
        }
        Flash.Dispose();
    }
}
