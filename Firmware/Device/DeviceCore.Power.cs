using System.Buffers.Binary;
using HemSim.Firmware.Audit;
using HemSim.Firmware.Config;
using HemSim.Firmware.Entropy;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.SelfTest;
using HemSim.Firmware.Tls;
using HemSim.Firmware.Upgrade;

namespace HemSim.Firmware.Device;

/// <summary>The device's power and boot lifecycle (spec §4): power-on, reboot, shutdown, power-up again, wipe.</summary>
internal sealed partial class DeviceCore
{
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
}
