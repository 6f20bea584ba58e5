namespace HemSim.Firmware.Entropy;

/// <summary>
/// An entropy health test failed (SP 800-90B §4.4 continuous tests, or the DRBG's own
/// known-answer test). The request pipeline catches it once and latches <c>fls_state</c> bit 0x02.
/// </summary>
public sealed class EntropyFailureException : Exception
{
    public EntropyFailureException(string message) : base(message) { }
}
