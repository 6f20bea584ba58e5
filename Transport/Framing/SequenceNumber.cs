namespace HemSim.Transport.Framing;

/// <summary>
/// Frame sequence numbers run 1 … 2³²−1 and wrap to 1: 0 means "no reference" in the reference field.
/// Order between two numbers is serial-number order (RFC 1982): <c>a</c> is before <c>b</c> when <c>b</c> is
/// reached from <c>a</c> in fewer than 2³¹ steps, so comparisons keep working across the wrap.
/// </summary>
internal static class SequenceNumber
{
    public const uint None = 0;
    public const uint First = 1;

    /// <summary>Numbers in one turn of the sequence space (0 is skipped).</summary>
    private const ulong Period = uint.MaxValue;

    /// <summary>Half the sequence space: the horizon of serial-number comparison.</summary>
    private const ulong Horizon = 1UL << 31;

    public static uint Next(uint sequence) => sequence == uint.MaxValue ? First : sequence + 1;

    public static uint Advance(uint sequence, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Advance(sequence, (uint)count);
    }

    public static uint Advance(uint sequence, uint count)
    {
        ulong offset = ((ulong)sequence - First + count) % Period;
        return (uint)(offset + First);
    }

    /// <summary>How many <see cref="Next"/> steps lead from <paramref name="from"/> to <paramref name="to"/> (both non-zero).</summary>
    public static uint Distance(uint from, uint to) => (uint)(((ulong)to + Period - from) % Period);

    /// <summary>True when <paramref name="a"/> was handed out before <paramref name="b"/> (serial-number order).</summary>
    public static bool IsBefore(uint a, uint b)
    {
        uint distance = Distance(a, b);
        return distance != 0 && distance < Horizon;
    }
}
