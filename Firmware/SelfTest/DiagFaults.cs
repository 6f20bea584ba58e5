namespace HemSim.Firmware.SelfTest;

/// <summary>
/// Per-boot fault hooks of a DIAG build (spec §16 G3–G6), armed by <c>/api/diag/*</c> and cleared by a reboot.
/// </summary>
/// <remarks>
/// The simulator has no background monitor. SIM (deterministic by design): the "periodic monitor pass" of the real
/// firmware (temperature continuously, entropy every 15 s) is modelled as running at once when a fault is armed, so
/// <c>break_temp</c> and <c>break_trng</c> latch their bit before their reply leaves; <c>disable_selftest</c> stops
/// that modelled monitor, so an armed fault then stays latent until an explicit <c>GET /api/system/selftest</c>
/// (a full run, not a periodic one) finds it. Every explicit self-test finds every armed fault.
/// </remarks>
internal sealed class DiagFaults
{
    /// <summary>G3: the temperature sensor reads out of range.</summary>
    public bool TemperatureBroken { get; set; }

    /// <summary>G4: the TRNG fails its entropy test (and every draw through <c>test_trng</c>).</summary>
    public bool TrngBroken { get; set; }

    /// <summary>
    /// G5: the TLS layer fault is armed. SIM: the bridge terminates the device's TLS, so the flag travels with the
    /// device's TLS identity (PROTOCOL.md §6.5 GetTlsIdentity, flags bit 0); the bridge then lets 5 more handshakes
    /// through and aborts every 2nd one after them, until reboot.
    /// </summary>
    public bool TlsBroken { get; set; }

    /// <summary>G6: the periodic (modelled) monitor pass is stopped until reboot.</summary>
    public bool PeriodicDisabled { get; set; }

    /// <summary>
    /// Shannon entropy of the latest <c>test_trng</c> sample in milli-bits per byte (8000 = perfect); 0 until a
    /// sample has been taken this boot, and 0 once the TRNG fault has fired.
    /// </summary>
    public int LastEntropyMilliBits { get; set; }
}
