namespace HemSim.Transport.Framing;

/// <summary>
/// Frame sequence numbers run 1 … 2³²−1 and wrap to 1: 0 means "no reference" in the reference field.
/// </summary>
internal static class SequenceNumber
{
    public const uint None = 0;
    public const uint First = 1;

    public static uint Next(uint sequence) => sequence == uint.MaxValue ? First : sequence + 1;

    public static uint Advance(uint sequence, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        // Period of the sequence space is 2³²−1 because 0 is skipped.
        ulong offset = ((ulong)sequence - First + (ulong)count) % uint.MaxValue;
        return (uint)(offset + First);
    }
}
