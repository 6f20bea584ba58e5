namespace HemSim.Transport.Framing;

/// <summary>
/// Consistent Overhead Byte Stuffing (Cheshire and Baker, "Consistent Overhead Byte Stuffing",
/// IEEE/ACM Transactions on Networking 7(2), 1999): removes every 0x00 from a block so that 0x00 can
/// delimit frames. Each run of up to 254 non-zero bytes is prefixed with a code byte (run length + 1);
/// a code below 0xFF also stands for one zero after its run, except at the very end of the block.
/// </summary>
internal static class Cobs
{
    /// <summary>Worst-case encoded size of <paramref name="length"/> bytes: one code byte per 254 bytes, plus one.</summary>
    public static int GetMaxEncodedLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return length + (length / 254) + 1;
    }

    /// <summary>
    /// Encodes <paramref name="source"/> into <paramref name="destination"/> (no delimiter is written) and
    /// returns the number of bytes written. <paramref name="destination"/> must hold
    /// <see cref="GetMaxEncodedLength"/> bytes and must not overlap <paramref name="source"/>.
    /// </summary>
    public static int Encode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length < GetMaxEncodedLength(source.Length))
        {
            throw new ArgumentException("Destination is too small for the worst-case encoding.", nameof(destination));
        }

        int codeIndex = 0;      // where the code byte of the current run goes
        int write = 1;          // next free position in destination
        int code = 1;           // run length so far + 1
        for (int read = 0; read < source.Length; read++)
        {
            byte b = source[read];
            if (b != 0)
            {
                destination[write++] = b;
                code++;
            }
            if (b == 0 || code == 0xFF)
            {
                destination[codeIndex] = (byte)code;
                code = 1;
                codeIndex = write;
                // A full run that ends the input needs no further code byte (paper §3, Wikipedia example 7).
                if (b == 0 || read + 1 < source.Length)
                {
                    write++;
                }
            }
        }
        if (codeIndex < write)
        {
            destination[codeIndex] = (byte)code;
        }
        return write;
    }

    /// <summary>
    /// Decodes one COBS block (without its delimiter). Returns false when the block contains a zero or a
    /// code byte announces more bytes than remain. Decoding in place (<paramref name="destination"/> starting
    /// at the same address as <paramref name="source"/>) is allowed: output never overtakes input.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        int read = 0;
        int write = 0;
        while (read < source.Length)
        {
            int code = source[read++];
            if (code == 0 || read + code - 1 > source.Length)
            {
                return false;
            }
            for (int i = 1; i < code; i++)
            {
                byte b = source[read++];
                if (b == 0)
                {
                    return false;
                }
                destination[write++] = b;
            }
            if (code != 0xFF && read < source.Length)
            {
                destination[write++] = 0;
            }
        }
        bytesWritten = write;
        return true;
    }
}
