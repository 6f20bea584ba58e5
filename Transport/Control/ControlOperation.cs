namespace HemSim.Transport.Control;

/// <summary>
/// Simulator-only operations, reserved for the control channel (frame types Control 0x20 and ControlResult
/// 0x21, PROTOCOL.md §8). They travel apart from API requests — never as fake <c>/api</c> paths — as swtpm
/// keeps its control channel apart from the TPM data channel. Protocol version 1 defines the numbers only:
/// a version 1 device answers every control message with Reject(UnsupportedMessage).
/// </summary>
internal enum ControlOperation : ushort
{
    /// <summary>Cut and restore power: volatile state is lost, flash is kept.</summary>
    PowerCycle = 1,

    /// <summary>Reset as by the device's reset line.</summary>
    Reset = 2,

    /// <summary>Make the next entropy health test fail (latched fault).</summary>
    InjectEntropyFault = 3,

    /// <summary>Corrupt a named region of the simulated flash.</summary>
    CorruptFlash = 4,

    /// <summary>Return a copy of the flash image.</summary>
    Snapshot = 5,

    /// <summary>Replace the flash image with one taken earlier, then power-cycle.</summary>
    Restore = 6,
}
