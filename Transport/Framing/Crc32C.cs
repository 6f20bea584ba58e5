using System.Buffers.Binary;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace HemSim.Transport.Framing;

/// <summary>
/// CRC-32C (Castagnoli): reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF,
/// check value 0xE3069283 for the ASCII bytes "123456789" (RFC 3720 §12.1 and appendix B.4).
/// System.IO.Hashing offers only CRC-32 (IEEE) and CRC-64, so this is our own; it uses the CPU's
/// CRC32C instructions (SSE4.2, ARMv8 CRC) when present and a lookup table otherwise.
/// </summary>
internal static class Crc32C
{
    /// <summary>Reflected form of the Castagnoli polynomial 0x1EDC6F41.</summary>
    public const uint Polynomial = 0x82F63B78;

    private static readonly uint[] s_table = CreateTable();

    /// <summary>The CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => ~AppendCore(uint.MaxValue, data);

    /// <summary>
    /// Continues a CRC: <c>Append(Compute(a), b) == Compute(a + b)</c>.
    /// </summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data) => ~AppendCore(~crc, data);

    /// <summary>The table path alone, so tests can check it on machines that have the instructions.</summary>
    internal static uint ComputeWithTable(ReadOnlySpan<byte> data) => ~AppendTable(uint.MaxValue, data);

    private static uint AppendCore(uint state, ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported)
        {
            ulong wide = state;
            while (data.Length >= sizeof(ulong))
            {
                wide = Sse42.X64.Crc32(wide, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[sizeof(ulong)..];
            }
            state = (uint)wide;
            foreach (byte b in data)
            {
                state = Sse42.Crc32(state, b);
            }
            return state;
        }
        if (Crc32.Arm64.IsSupported)
        {
            while (data.Length >= sizeof(ulong))
            {
                state = Crc32.Arm64.ComputeCrc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[sizeof(ulong)..];
            }
            foreach (byte b in data)
            {
                state = Crc32.ComputeCrc32C(state, b);
            }
            return state;
        }
        return AppendTable(state, data);
    }

    private static uint AppendTable(uint state, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            state = (state >> 8) ^ s_table[(int)((state ^ b) & 0xFF)];
        }
        return state;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint entry = i;
            for (int bit = 0; bit < 8; bit++)
            {
                entry = (entry & 1) != 0 ? (entry >> 1) ^ Polynomial : entry >> 1;
            }
            table[i] = entry;
        }
        return table;
    }
}
