using HemSim.Firmware.Entropy;
using HemSim.Firmware.Platform;

namespace HemSim.TestKit;

/// <summary>
/// Deterministic entropy that throws a chosen exception on every fill once armed: drives the device's
/// failure paths (a defect inside a handler, a boot that cannot complete).
/// </summary>
public sealed class ArmedEntropy : IEntropySource
{
    private readonly DeterministicEntropySource _inner = new("ArmedEntropy"u8);

    /// <summary>The exception to throw from now on, or null to serve bytes.</summary>
    public Func<Exception>? Failure { get; set; }

    public bool IsDeterministic => true;

    public void Fill(Span<byte> destination)
    {
        if (Failure is { } failure)
        {
            throw failure();
        }
        _inner.Fill(destination);
    }
}
