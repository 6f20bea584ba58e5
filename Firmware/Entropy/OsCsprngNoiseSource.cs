using System.Security.Cryptography;

namespace HemSim.Firmware.Entropy;

/// <summary>The host operating system's CSPRNG (<see cref="RandomNumberGenerator"/>) as the device's noise source.</summary>
public sealed class OsCsprngNoiseSource : INoiseSource
{
    public void Read(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}
