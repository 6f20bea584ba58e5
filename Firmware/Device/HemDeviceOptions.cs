using HemSim.Firmware.Platform;

namespace HemSim.Firmware.Device;

/// <summary>Hardware flavour: PPA has the SD card (MSC endpoints), EPA does not (spec §2).</summary>
public enum HardwareVariant
{
    Ppa = 0,
    Epa = 1,
}

/// <summary>Where the device's notion of time comes from (ARCHITECTURE.md; spec §4 "RTC set / unset").</summary>
public enum ClockMode
{
    /// <summary>RTC preset from the host clock at every boot (spec §8.4 recommendation (a)).</summary>
    Host = 0,
    /// <summary>RTC preset to <see cref="HemDeviceOptions.FixedTime"/>, advancing with real time.</summary>
    Fixed = 1,
    /// <summary>RTC not set after boot, as on real hardware until a check-in succeeds.</summary>
    Unset = 2,
}

/// <summary>Manufacture-time and test-rig options of a simulated HEM.</summary>
public sealed record HemDeviceOptions
{
    /// <summary>Default number of key slots (spec §17.7: capacity undocumented; 1024 suggested).</summary>
    public const int DefaultKeystoreSlots = 1024;

    /// <summary>Folder that holds the flash file and the secure-element secret; null keeps everything in memory.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>
    /// Number of key slots, chosen at manufacture: it applies when the flash is new and is stored there;
    /// later boots keep the stored count whatever this says.
    /// </summary>
    public int KeystoreSlots { get; init; } = DefaultKeystoreSlots;

    /// <summary>Seed for the deterministic, INSECURE entropy source; null uses the OS CSPRNG through the DRBG.</summary>
    public byte[]? Seed { get; init; }

    public ClockMode ClockMode { get; init; } = ClockMode.Host;

    /// <summary>Unix time the RTC starts at when <see cref="ClockMode"/> is <see cref="ClockMode.Fixed"/>.</summary>
    public long FixedTime { get; init; }

    public HardwareVariant Variant { get; init; } = HardwareVariant.Ppa;

    /// <summary>DIAG firmware build (spec §16): <c>fwv</c> ends in <c>-DIAG</c> and <c>/api/diag/*</c> exists.</summary>
    public bool Diag { get; init; }

    /// <summary>
    /// Answer 418 on every HTTPS-only endpoint. The real firmware answers plain HTTP with 409 on
    /// <c>hmac/hash</c> and <c>keymgmt/delete</c> (QUIRK, spec §3.4); false (default) reproduces that.
    /// </summary>
    public bool StrictTls { get; init; }

    /// <summary>
    /// Let ML-KEM encaps and ML-DSA verify use an imported public-only key. The real firmware needs the
    /// device-generated private-key object and answers 406 (QUIRK, spec §13.10, §13.13); false (default) reproduces that.
    /// </summary>
    public bool PqcPublicKeys { get; init; }

    /// <summary>
    /// Answer 406 to an ML-DSA signature that does not verify. The real firmware leaks the library's error as
    /// status 795 (QUIRK, spec §13.13, §22 #14); false (default) reproduces that.
    /// </summary>
    public bool StrictMlDsaVerify { get; init; }

    /// <summary>Default of <see cref="PowerOnDelay"/>.</summary>
    public static readonly TimeSpan DefaultPowerOnDelay = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After <c>GET /api/system/shutdown</c>, power on again by itself after this delay, as an unattended rig needs
    /// (the vendor tester expects the device back). Null: stay off until a power-on over the control channel.
    /// </summary>
    public TimeSpan? PowerOnDelay { get; init; } = DefaultPowerOnDelay;

    /// <summary>
    /// X25519 public key of the check-in backend the device trusts (spec §8.2 <c>aud</c>, §8.3 <c>iss</c>). Null: the
    /// simulator's published test backend key (not secret; the stand-in backend in tools/HemSim.Backend uses it).
    /// </summary>
    public byte[]? BackendKey { get; init; }

    /// <summary>
    /// Ed25519 public key the device verifies firmware and dashboard images against and reports as <c>fwk</c>
    /// (docs/UPGRADE.md §2). Null: the published HemSim vendor test key.
    /// </summary>
    public byte[]? VendorKey { get; init; }

    /// <summary>Default of <see cref="UsbModeTime"/>.</summary>
    public static readonly TimeSpan DefaultUsbModeTime = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the device stays in the bootloader's USB mode after <c>GET /api/system/upgrade/usbmode</c> (spec
    /// §11.15: offline, then a normal boot).
    /// </summary>
    public TimeSpan UsbModeTime { get; init; } = DefaultUsbModeTime;

    /// <summary>Default of <see cref="FactoryHostname"/>: the PPA's factory name (spec §2).</summary>
    public const string DefaultFactoryHostname = "my.ence.do";

    /// <summary>
    /// The hostname the device reports and serves TLS for until provisioning sets one (status <c>hostname</c>, spec
    /// §11.1). A chip of an EPA rack has its own, <c>c&lt;i&gt;.&lt;domain&gt;</c>, so that a client which switches to the
    /// reported name (as the vendor tester does) still reaches the same chip.
    /// </summary>
    public string FactoryHostname { get; init; } = DefaultFactoryHostname;

    /// <summary>Replaces the entropy source (tests); overrides <see cref="Seed"/>.</summary>
    public IEntropySource? Entropy { get; init; }

    /// <summary>Replaces the clock (tests); overrides <see cref="ClockMode"/>.</summary>
    public IDeviceClock? Clock { get; init; }
}
