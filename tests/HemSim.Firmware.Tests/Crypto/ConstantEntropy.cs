using HemSim.Firmware.Platform;

namespace HemSim.Firmware.Tests.Crypto;

/// <summary>A stuck entropy source that repeats one byte value, as a failed TRNG might.</summary>
internal sealed class ConstantEntropy(byte value) : IEntropySource
{
    public bool IsDeterministic => true;

    public void Fill(Span<byte> destination) => destination.Fill(value);
}
