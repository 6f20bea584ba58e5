using System.Security.Cryptography;
using HemSim.Firmware.Api.Storage;
using HemSim.Firmware.Audit;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Json;
using HemSim.Firmware.Platform;
using HemSim.Firmware.Upgrade;

namespace HemSim.Firmware.Device;

/// <summary>
/// State that lives for one boot and is gone after a reboot (spec §4): the session X25519 key
/// (<c>spk</c>), the bearer-token key, outstanding nonces, the login throttle, latched faults, and the
/// audit-log file of this boot.
/// </summary>
internal sealed class BootState
{
    public BootState(IEntropySource entropy, TimeSpan bootedAt, long powerUpTime, AuditLog auditLog)
    {
        BootedAt = bootedAt;
        PowerUpTime = powerUpTime;
        AuditLog = auditLog;
        SessionPrivate = new byte[KeyAgreementAlgorithm.X25519.PrivateKeySize];
        entropy.Fill(SessionPrivate);
        SessionPublic = KeyAgreementAlgorithm.X25519.GetPublicKey(SessionPrivate);
        SessionPublicText = Base64Text.Encode(SessionPublic);
        entropy.Fill(TokenKey);
    }

    /// <summary>Monotonic time of power-up.</summary>
    public TimeSpan BootedAt { get; }

    /// <summary>Device time at power-up (RTC, or 0 when unset); names the audit file.</summary>
    public long PowerUpTime { get; }

    public byte[] SessionPrivate { get; }
    public byte[] SessionPublic { get; }

    /// <summary>The <c>spk</c> text exactly as the device sends it; proofs must echo it as <c>aud</c>.</summary>
    public string SessionPublicText { get; }

    /// <summary>Per-boot HS256 key of bearer tokens (spec §5.1): every token dies with the boot.</summary>
    public byte[] TokenKey { get; } = new byte[32];

    public NonceStore Nonces { get; } = new();

    /// <summary>Tokens already validated this boot; dies with <see cref="TokenKey"/>.</summary>
    public TokenCache Tokens { get; } = new();

    public LoginThrottle Throttle { get; } = new();

    /// <summary>Outstanding external-authenticator pairing nonces and approval requests (spec §9; forgotten on reboot).</summary>
    public global::HemSim.Firmware.Auth.External.ExternalAuthState External { get; } = new();

    /// <summary>Latched fault mask <c>fls_state</c> (spec §20); cleared only by a reboot.</summary>
    public int FaultState { get; set; }

    /// <summary>
    /// Exposure of disk0/disk1 set by <c>/api/storage/*</c> this boot (spec §4, §14); null = the boot default
    /// (see <see cref="StorageSlots.Current"/>). A reboot starts from the defaults again.
    /// </summary>
    public DiskExposure?[] StorageExposure { get; } = new DiskExposure?[StorageSlots.Count];

    public AuditLog AuditLog { get; }

    /// <summary>
    /// The latest self-test of this boot (the power-up one until <c>GET /api/system/selftest</c> runs): what the next
    /// self-test reports as its <c>last_*</c> fields (spec §11.16).
    /// </summary>
    public SelfTestRecord SelfTest { get; set; } = SelfTestRecord.None;

    /// <summary>Fault hooks armed by the DIAG endpoints this boot (spec §16 G3–G6); a reboot disarms them.</summary>
    public global::HemSim.Firmware.SelfTest.DiagFaults Diag { get; } = new();

    /// <summary>Uploads staged this boot and their verification task (spec §11.9–§11.14); RAM only, gone on reboot.</summary>
    public UpgradeStaging Upgrade { get; } = new();

    /// <summary>The first boot after a firmware install: every <c>status</c> of this boot says <c>fw_upgrade</c> (spec §11.1).</summary>
    public bool FirmwareUpgraded { get; init; }

    /// <summary>
    /// Set by <c>usbmode</c> before its reply asks for the shutdown: the device comes back after
    /// <see cref="HemDeviceOptions.UsbModeTime"/> rather than <see cref="HemDeviceOptions.PowerOnDelay"/> (spec §11.15).
    /// </summary>
    public bool UsbModeRequested { get; set; }

    public long Uptime(TimeSpan monotonicNow) => (long)(monotonicNow - BootedAt).TotalSeconds;

    /// <summary>Wipes the per-boot secrets when the boot ends.</summary>
    public void End()
    {
        CryptographicOperations.ZeroMemory(SessionPrivate);
        CryptographicOperations.ZeroMemory(TokenKey);
        Nonces.Clear();
        Tokens.Clear();
    }
}

/// <summary>When a self-test ran and what it found, in device time (RTC, or uptime while the RTC is unset).</summary>
/// <param name="Ts">Time of the run.</param>
/// <param name="FlsState">The latched fault mask right after the run.</param>
/// <param name="EntropyTestTs">Time of the entropy health check (part of every run).</param>
/// <param name="KatTs">Time of the known-answer tests (part of every run; synchronous here).</param>
internal sealed record SelfTestRecord(long Ts, int FlsState, long EntropyTestTs, long KatTs)
{
    /// <summary>Before the power-up self-test has run.</summary>
    public static readonly SelfTestRecord None = new(0, 0, 0, 0);
}
