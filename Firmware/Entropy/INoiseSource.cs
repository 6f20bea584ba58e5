namespace HemSim.Firmware.Entropy;

/// <summary>
/// Raw noise fed to the DRBG: on the real device its TRNG, here the host's CSPRNG (<see cref="OsCsprngNoiseSource"/>).
/// Every byte it returns passes the SP 800-90B health tests before use. A test or the simulator's fault injection
/// supplies its own implementation — a source that returns stuck bytes is how a TRNG fault is simulated.
/// </summary>
public interface INoiseSource
{
    /// <summary>Fills <paramref name="destination"/> with raw noise samples, one byte each.</summary>
    void Read(Span<byte> destination);
}
