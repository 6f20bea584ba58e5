namespace HemSim.Transport.Framing;

/// <summary>Where a <see cref="FrameDecoder"/> stands between two calls.</summary>
internal enum FrameDecoderState
{
    /// <summary>Gathering the bytes of one frame up to the next delimiter; nothing of them is consumed yet.</summary>
    Collecting,

    /// <summary>The current frame grew past the limit: bytes are consumed and dropped up to the next delimiter.</summary>
    Discarding,
}
