using System.Buffers.Binary;
using System.Diagnostics;
using HemSim.Firmware.Api;
using HemSim.Firmware.Audit;
using HemSim.Firmware.Config;
using HemSim.Firmware.Entropy;
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
/// the current boot. Not thread-safe by design; <see cref="HemDevice"/> calls it from one thread.
/// </summary>
internal sealed class DeviceCore : IDisposable
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

    /// <summary>
    /// False from <see cref="ShutDown"/> until <see cref="PowerUp"/>: the device answers nothing (spec §11.17).
    /// </summary>
    public bool IsPoweredOn { get; private set; }

    /// <summary>
    /// The known-answer tests of every algorithm family (spec §20.2), run at power-up and by the self-test.
    /// Tests replace it to make a KAT fail; nothing else does.
    /// </summary>
    internal Func<bool> KnownAnswerTests { get; set; } = PowerOnSelfTest.Run;

    /// <summary>Warm restart (spec §4 reboot semantics): new session key, nonces and throttle forgotten,
    /// faults cleared, RTC as after power-up, a new audit file. Persistent state is kept.</summary>
    public void Reboot()
    {
        ShutDown();
        PowerUp();
    }

    /// <summary>
    /// Stops the device (spec §11.17): the secrets of this boot are wiped and nothing is served until
    /// <see cref="PowerUp"/>. Persistent state stays in flash.
    /// </summary>
    public void ShutDown()
    {
        IsPoweredOn = false;
        Boot.End();
        Keys.DisposeHandles();
    }

    /// <summary>
    /// Powers a shut-down device on again: a boot like any other (spec §4), with a new session key, the RTC as
    /// after power-up, no latched fault and a new audit file.
    /// </summary>
    public void PowerUp()
    {
        if (IsPoweredOn)
        {
            throw new InvalidOperationException("The device is already on.");
        }
        Clock.ResetOnBoot();
        PowerOn(firstBoot: false);
    }

    /// <summary>Factory wipe (spec §4): configuration, keys and identity erased, then a reboot into the fresh state.</summary>
    public void Wipe()
    {
        Erase();
        Reboot();
    }

    /// <summary>
    /// The erase half of <see cref="Wipe"/>, for a handler that answers before the device restarts
    /// (<c>wipeout</c>, spec §11.6): it erases, then asks for <see cref="ResponseFlags.RebootAfterReply"/>.
    /// </summary>
    public void Erase() => Flash.Wipe([DeviceConfig.BlobName, .. DeviceIdentity.BlobNames, .. TlsCredentials.BlobNames]);

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

    private void PowerOn(bool firstBoot)
    {
        var bootCount = ReadBootCount() + 1;
        var counter = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(counter, bootCount);

        // A new entropy instance per boot: a latched entropy failure clears only by rebooting.
        if (Options.Entropy is null)
        {
            (Entropy as IDisposable)?.Dispose();
        }
        Entropy = Options.Entropy
            ?? (Options.Seed is { } seed
                ? new DeterministicEntropySource(seed, counter)
                : new DrbgEntropySource());
        if (firstBoot)
        {
            SecureElement = Options.DataDirectory is { } dir
                ? SecureElement.Open(dir, () => Entropy)
                : SecureElement.InMemory(() => Entropy);
        }
        // The identity is checked first: a flash sealed by another secure element is refused before
        // anything is written to it.
        Identity = DeviceIdentity.LoadOrCreate(Flash, SecureElement, Entropy);
        Tls?.Dispose(); // zeroes the previous boot's TLS key scalars
        Tls = TlsCredentials.PowerOn(Flash, SecureElement, Entropy);
        if (firstBoot)
        {
            Attestation = Attestation.LoadOrCreate(Flash, SecureElement);
        }
        BootCount = bootCount;
        Flash.WriteBlob(BootCounterBlob, counter);
        Config = Flash.ReadBlob(DeviceConfig.BlobName) is { } stored ? DeviceConfig.Deserialize(stored) : null;
        Keys?.DisposeHandles();
        Keys = new KeyStore(Flash, SecureElement, KeystoreCapacity());
        // The first boot of a newly installed firmware reports it once (status.fw_upgrade, spec §11.1); the mark is
        // cleared in flash now, so a later boot does not report it again.
        InstalledFirmware = InstalledFirmware.Read(Flash);
        var firmwareUpgraded = InstalledFirmware?.FirstBootPending == true;
        if (firmwareUpgraded)
        {
            InstalledFirmware = InstalledFirmware!.ConsumeFirstBoot(Flash);
        }

        var powerUpTime = Clock.TryGetUnixTime(out var now) ? now : 0;
        var bootedAt = Clock.Monotonic;
        var log = AuditLog.StartFile(Flash, powerUpTime, powerUpTime, Identity.SignSeed, Entropy);
        Boot = new BootState(Entropy, bootedAt, powerUpTime, log) { FirmwareUpgraded = firmwareUpgraded };
        IsPoweredOn = true;
        Audit(AuditEvent.Startup, AuditResult.Ok, "", []);
        RuntimeSelfTest.RunAtPowerUp(this, LogTime());
    }

    /// <summary>
    /// The slot count is chosen once, when the device is made, and stored; a later
    /// <see cref="HemDeviceOptions.KeystoreSlots"/> does not change it, as no option resizes a chip.
    /// </summary>
    private int KeystoreCapacity()
    {
        if (Flash.ReadBlob(KeystoreSlotsBlob) is { Length: 4 } stored)
        {
            return BinaryPrimitives.ReadInt32LittleEndian(stored);
        }
        var slots = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(slots, Options.KeystoreSlots);
        Flash.WriteBlob(KeystoreSlotsBlob, slots);
        return Options.KeystoreSlots;
    }

    private long ReadBootCount() =>
        Flash.ReadBlob(BootCounterBlob) is { Length: 8 } stored ? BinaryPrimitives.ReadInt64LittleEndian(stored) : 0;

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
