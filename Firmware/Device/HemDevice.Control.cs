using HemSim.Firmware.Platform;
using HemSim.Firmware.Upgrade;

namespace HemSim.Firmware.Device;

/// <summary>
/// Simulator-only control of the device, for test rigs (ARCHITECTURE.md, STYLE.md §3 "Control"): what a
/// lab does to hardware with a power switch, a probe or a flash programmer. These never travel as API paths.
/// </summary>
public sealed partial class HemDevice
{
    /// <summary>
    /// Cuts and restores power: everything volatile is lost (tokens, nonces, faults, RTC unless preset); flash is kept.
    /// A shut-down device is simply powered on.
    /// </summary>
    public Task PowerCycleAsync(CancellationToken cancellationToken = default) =>
        RunAsync(
            _ =>
            {
                Reboot();
                return _bootFailure is null ? true : throw new InvalidOperationException("The device failed to boot.", _bootFailure);
            },
            null, cancellationToken);

    /// <summary>
    /// Presses the power button of a shut-down device (spec §11.17: "until a power-on"): it boots as after any power-up
    /// (new audit file, per-boot state fresh, no latched fault). A device that is on is left alone.
    /// </summary>
    /// <returns>True when the device was off and has booted; false when it was already on.</returns>
    public Task<bool> PowerOnAsync(CancellationToken cancellationToken = default) =>
        RunAsync(
            core =>
            {
                if (core.IsPoweredOn)
                {
                    return false;
                }
                PowerUp();
                return _bootFailure is null ? true : throw new InvalidOperationException("The device failed to boot.", _bootFailure);
            },
            null, cancellationToken);

    /// <summary>
    /// Latches fault bits as a failing self-test would (spec §20.1 bit values, e.g. 0x02 entropy, 0x04
    /// temperature), with the audit lines the firmware writes. Cleared only by a reboot or power cycle.
    /// </summary>
    public Task InjectFaultAsync(int faultBits, CancellationToken cancellationToken = default)
    {
        if (faultBits is <= 0 or > 0xFF)
        {
            throw new ArgumentOutOfRangeException(nameof(faultBits), faultBits, "fls_state bits are 0x01–0x80.");
        }
        return RunAsync(
            core =>
            {
                if (!core.IsPoweredOn)
                {
                    throw new DevicePoweredOffException("The device is shut down: there is no boot to latch a fault in.");
                }
                core.LatchFault(faultBits);
                return true;
            },
            null, cancellationToken);
    }

    /// <summary>The latched fault mask <c>fls_state</c> right now.</summary>
    public Task<int> GetFaultStateAsync(CancellationToken cancellationToken = default) =>
        RunAsync(core => core.Boot.FaultState, null, cancellationToken);

    /// <summary>
    /// A consistent copy of the flash image (LiteDB file bytes). Key material in it stays sealed under the
    /// secure element, whose secret is not part of the snapshot.
    /// </summary>
    public Task<byte[]> SnapshotFlashAsync(CancellationToken cancellationToken = default) =>
        RunAsync(core => core.Flash.Snapshot(), null, cancellationToken);

    /// <summary>Size of the tag of <see cref="ExportDashboardAsync"/>: a SHA-256.</summary>
    public const int DashboardTagSize = 32;

    /// <summary>
    /// The dashboard made active by <c>install_ui</c> (spec §11.14), for the host bridge, which serves its files at
    /// paths outside <c>/api</c> as the real device's web server does (PROTOCOL.md §6.5, GetDashboard). It is tagged
    /// like the TLS identity so that the bridge can ask on every request: the tag is the tar's SHA-256 (<c>uis</c>),
    /// or 32 zero bytes while none is installed. Unchanged costs one manifest read and crosses as nothing.
    /// </summary>
    /// <param name="knownTag">The tag the host holds, or empty when it holds none.</param>
    /// <returns>Empty when <paramref name="knownTag"/> is current; else the tag followed by the tar, which is
    /// nothing for the zero tag (none installed, or the stored copy is damaged and so not served).</returns>
    /// <exception cref="ArgumentException"><paramref name="knownTag"/> is neither empty nor 32 bytes.</exception>
    public Task<byte[]> ExportDashboardAsync(ReadOnlyMemory<byte> knownTag, CancellationToken cancellationToken = default)
    {
        if (knownTag.Length is not (0 or DashboardTagSize))
        {
            throw new ArgumentException($"The dashboard tag is empty or {DashboardTagSize} bytes.", nameof(knownTag));
        }
        return RunAsync(core => ExportDashboard(core.Flash, knownTag.Span), null, cancellationToken);
    }

    private static byte[] ExportDashboard(IFlash flash, ReadOnlySpan<byte> knownTag)
    {
        byte[] current = InstalledDashboard.ReadHash(flash) ?? new byte[DashboardTagSize];
        if (knownTag.SequenceEqual(current))
        {
            return [];
        }
        return InstalledDashboard.Read(flash) is var (hash, tar) ? [.. hash, .. tar] : new byte[DashboardTagSize];
    }
}
