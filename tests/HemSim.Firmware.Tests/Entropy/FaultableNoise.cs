using HemSim.Firmware.Entropy;

namespace HemSim.Firmware.Tests.Entropy;

/// <summary>
/// Test noise source: reproducible pseudo-random bytes (which pass the health tests) until a fault is switched
/// on, and a record of every read.
/// </summary>
internal sealed class FaultableNoise : INoiseSource
{
    private readonly Random _random;
    private Func<long, byte>? _fault; // sample by index while a fault is active; null = healthy

    public FaultableNoise(int seed = 1)
    {
        _random = new Random(seed);
    }

    /// <summary>Length of every read, in order.</summary>
    public List<int> ReadLengths { get; } = [];

    /// <summary>Samples produced so far.</summary>
    public long SamplesRead { get; private set; }

    /// <summary>A source whose every sample is <paramref name="value"/>.</summary>
    public static FaultableNoise StuckAt(byte value)
    {
        var noise = new FaultableNoise();
        noise.Stick(value);
        return noise;
    }

    /// <summary>From now on every sample is <paramref name="value"/> (a stuck TRNG).</summary>
    public void Stick(byte value) => _fault = _ => value;

    /// <summary>From now on samples follow <paramref name="sampleAt"/>, given the index of the sample.</summary>
    public void Produce(Func<long, byte> sampleAt) => _fault = sampleAt;

    /// <summary>Back to healthy pseudo-random samples.</summary>
    public void Heal() => _fault = null;

    public void Read(Span<byte> destination)
    {
        ReadLengths.Add(destination.Length);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = _fault is { } fault ? fault(SamplesRead) : (byte)_random.Next(256);
            SamplesRead++;
        }
    }
}
