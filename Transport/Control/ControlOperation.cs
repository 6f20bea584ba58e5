namespace HemSim.Transport.Control;

/// <summary>
/// Simulator-only operations carried by the control channel (frame types Control 0x20 and ControlResult
/// 0x21, PROTOCOL.md §6.5). They travel apart from API requests — never as fake <c>/api</c> paths — as swtpm
/// keeps its control channel apart from the TPM data channel. Wire values are fixed; a retired value is never
/// reused. The transport only carries them: what each does is up to the device's control handler, and the
/// argument and result conventions below are the ones the HemSim device launcher follows.
/// </summary>
public enum ControlOperation : ushort
{
    /// <summary>Cut and restore power: volatile state is lost, flash is kept. No argument, no data.</summary>
    PowerCycle = 1,

    /// <summary>Reset as by the device's reset line. No argument, no data.</summary>
    Reset = 2,

    /// <summary>Make the entropy source fail its health test (latched fault). No argument, no data.</summary>
    InjectEntropyFault = 3,

    /// <summary>Corrupt a region of the simulated flash; argument: the region's name, UTF-8.</summary>
    CorruptFlash = 4,

    /// <summary>Return a copy of the flash image. No argument; data: the image.</summary>
    Snapshot = 5,

    /// <summary>Replace the flash image with one taken earlier, then power-cycle; argument: the image.</summary>
    Restore = 6,

    /// <summary>Latch fault bits (<c>fls_state</c>, spec §20.1) until the next power cycle; argument: one byte, the bits (non-zero).</summary>
    InjectFault = 7,

    /// <summary>Read the latched fault bits. No argument; data: one byte, <c>fls_state</c>.</summary>
    GetFaultState = 8,

    /// <summary>
    /// Power on a device that shut itself down (<c>GET /api/system/shutdown</c>, spec §11.17): it boots as after any
    /// power-up. A device that is on is left alone. No argument; data: one byte, 1 when it booted, 0 when it was on.
    /// </summary>
    PowerOn = 9,

    /// <summary>
    /// Export the TLS identity the device serves this boot, for the host that terminates TLS in its name
    /// (<see cref="TlsIdentityTransfer"/>); argument: the 32-byte tag of the identity the host holds, or empty;
    /// data: empty when that tag is still current, else the encoded identity, private key included.
    /// </summary>
    GetTlsIdentity = 10,

    /// <summary>
    /// Export the dashboard installed with <c>install_ui</c> (spec §11.14), for the host that serves its files at
    /// paths outside <c>/api</c>; argument: the 32-byte tag (the tar's SHA-256) of the archive the host holds, or
    /// empty; data: empty when that tag is still current, else the current tag followed by the tar — 32 zero bytes
    /// alone while none is installed.
    /// </summary>
    GetDashboard = 11,
}
