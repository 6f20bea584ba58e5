namespace HemSim.Firmware.SelfTest;

/// <summary>Bits of the latched fault mask <c>fls_state</c> (spec §20.1, from [D]).</summary>
internal static class FaultBits
{
    /// <summary>Known-answer test failure.</summary>
    public const int KnownAnswer = 0x01;
    /// <summary>Entropy (TRNG) failure.</summary>
    public const int Entropy = 0x02;
    /// <summary>Temperature out of range.</summary>
    public const int Temperature = 0x04;
    /// <summary>Key-repository integrity failure.</summary>
    public const int Integrity = 0x08;
    /// <summary>Out of memory.</summary>
    public const int OutOfMemory = 0x10;
    /// <summary>Stack overflow detected.</summary>
    public const int StackOverflow = 0x20;
    /// <summary>Locked by a check-in action (L).</summary>
    public const int Locked = 0x40;
    /// <summary>Shut down by a check-in action (B).</summary>
    public const int Bricked = 0x80;
}
