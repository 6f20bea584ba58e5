namespace HemSim.Transport.Framing;

/// <summary>Why a delimited block of bytes was not accepted as a frame. These are data, never exceptions.</summary>
internal enum FrameError
{
    /// <summary>The block is not valid COBS: a code byte runs past the end of the block.</summary>
    BadStuffing,

    /// <summary>Fewer bytes than a header and CRC after unstuffing.</summary>
    TooShort,

    /// <summary>The CRC-32C over header and payload does not match.</summary>
    BadCrc,

    /// <summary>Byte 0 holds a frame format version this decoder does not speak.</summary>
    UnsupportedVersion,

    /// <summary>The length field disagrees with the number of payload bytes present.</summary>
    LengthMismatch,

    /// <summary>More bytes than the largest frame we accept arrived before a delimiter; they were dropped.</summary>
    Oversized,
}
