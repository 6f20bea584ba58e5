using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace HemSim.Transport.Framing;

/// <summary>
/// Turns a byte stream into frames. Follows the System.IO.Pipelines consumer contract: each call gets the
/// unconsumed bytes (old and new), slices off what it consumed, and returns false when it needs more bytes;
/// the caller then advances the reader to <c>buffer.Start</c> with everything examined.
/// <code>
/// while (decoder.TryReadFrame(ref buffer, out var frame)) { … }
/// reader.AdvanceTo(buffer.Start, buffer.End);
/// </code>
/// Bytes a peer sent never cause an exception: a block that fails a check is recorded as a
/// <see cref="FrameError"/>, counted and dropped, and decoding resumes at the next delimiter. At most one
/// maximum-size frame plus one read is ever held: an over-long block is consumed while it is skipped.
/// </summary>
internal sealed class FrameDecoder
{
    private readonly int _maxStuffedLength;
    private FrameDecoderState _state;   // Collecting until a block grows too long, then Discarding to the next delimiter
    private long _scanned;              // leading bytes of the buffer already searched for a delimiter (Collecting only)

    /// <param name="maxPayloadLength">Largest payload accepted; our receive limit as advertised in Hello.</param>
    public FrameDecoder(int maxPayloadLength = FrameLayout.DefaultMaxPayload)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxPayloadLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPayloadLength, FrameLayout.MaxPayloadLimit);
        MaxPayloadLength = maxPayloadLength;
        _maxStuffedLength = FrameLayout.GetMaxStuffedLength(maxPayloadLength);
    }

    public int MaxPayloadLength { get; }

    public FrameDecoderState State => _state;

    /// <summary>The most recent rejection, or null when every block so far was a good frame.</summary>
    public FrameError? LastError { get; private set; }

    public FrameDecoderCounters Counters { get; } = new();

    /// <summary>
    /// Reads the next frame from <paramref name="buffer"/>, slicing off the bytes consumed. Returns false
    /// when no complete frame is left; the bytes of an incomplete frame are then still in the buffer.
    /// </summary>
    public bool TryReadFrame(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out Frame? frame)
    {
        while (true)
        {
            switch (_state)
            {
                case FrameDecoderState.Collecting:
                {
                    if (_scanned > buffer.Length)
                    {
                        _scanned = 0;   // not the buffer we saw last time: search it all
                    }
                    SequencePosition? delimiter = buffer.Slice(_scanned).PositionOf(FrameLayout.Delimiter);
                    if (delimiter is null)
                    {
                        if (buffer.Length > _maxStuffedLength)
                        {
                            Reject(FrameError.Oversized, buffer.Length);
                            buffer = buffer.Slice(buffer.End);
                            _scanned = 0;
                            _state = FrameDecoderState.Discarding;
                        }
                        else
                        {
                            _scanned = buffer.Length;
                        }
                        frame = null;
                        return false;
                    }

                    _scanned = 0;
                    ReadOnlySequence<byte> block = buffer.Slice(0, delimiter.Value);
                    buffer = buffer.Slice(buffer.GetPosition(1, delimiter.Value));
                    if (block.IsEmpty)
                    {
                        continue;   // back-to-back delimiters: the leading one of a frame, or idle fill
                    }
                    if (TryDecodeBlock(block, out frame))
                    {
                        Counters.AddFrame();
                        return true;
                    }
                    continue;
                }

                case FrameDecoderState.Discarding:
                {
                    SequencePosition? delimiter = buffer.PositionOf(FrameLayout.Delimiter);
                    if (delimiter is null)
                    {
                        Counters.AddDroppedBytes(buffer.Length);
                        buffer = buffer.Slice(buffer.End);
                        frame = null;
                        return false;
                    }
                    Counters.AddDroppedBytes(buffer.Slice(0, delimiter.Value).Length);
                    buffer = buffer.Slice(buffer.GetPosition(1, delimiter.Value));
                    _state = FrameDecoderState.Collecting;
                    continue;
                }

                default:
                    throw new UnreachableException();
            }
        }
    }

    /// <summary>Forgets a partial frame, e.g. after the link was reopened.</summary>
    public void Reset()
    {
        _state = FrameDecoderState.Collecting;
        _scanned = 0;
    }

    private bool TryDecodeBlock(ReadOnlySequence<byte> block, [NotNullWhen(true)] out Frame? frame)
    {
        frame = null;
        if (block.Length > _maxStuffedLength)
        {
            Reject(FrameError.Oversized, block.Length);
            return false;
        }

        int length = (int)block.Length;
        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Span<byte> span = rented.AsSpan(0, length);
            block.CopyTo(span);
            if (!Cobs.TryDecode(span, span, out int rawLength))
            {
                Reject(FrameError.BadStuffing, length);
                return false;
            }
            if (rawLength < FrameLayout.HeaderLength + FrameLayout.CrcLength)
            {
                Reject(FrameError.TooShort, length);
                return false;
            }

            ReadOnlySpan<byte> raw = span[..rawLength];
            int crcOffset = rawLength - FrameLayout.CrcLength;
            // The CRC comes first: a random block is far more likely to be noise than a frame of a newer version.
            if (Crc32C.Compute(raw[..crcOffset]) != BinaryPrimitives.ReadUInt32LittleEndian(raw[crcOffset..]))
            {
                Reject(FrameError.BadCrc, length);
                return false;
            }
            if (raw[FrameLayout.VersionOffset] != FrameLayout.Version)
            {
                Reject(FrameError.UnsupportedVersion, length);
                return false;
            }
            int payloadLength = BinaryPrimitives.ReadUInt16LittleEndian(raw[FrameLayout.LengthOffset..]);
            if (payloadLength != crcOffset - FrameLayout.HeaderLength)
            {
                Reject(FrameError.LengthMismatch, length);
                return false;
            }
            if (payloadLength > MaxPayloadLength)
            {
                // The stuffed-length bound assumes the worst COBS overhead: a payload with few zero bytes fits under
                // it while a few bytes over our limit (PROTOCOL.md §3.4 check 7).
                Reject(FrameError.Oversized, length);
                return false;
            }

            frame = new Frame(
                (FrameType)raw[FrameLayout.TypeOffset],
                (FrameFlags)raw[FrameLayout.FlagsOffset],
                BinaryPrimitives.ReadUInt32LittleEndian(raw[FrameLayout.SequenceOffset..]),
                BinaryPrimitives.ReadUInt32LittleEndian(raw[FrameLayout.ReferenceOffset..]),
                raw[FrameLayout.HeaderLength..crcOffset].ToArray());
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void Reject(FrameError error, long droppedBytes)
    {
        LastError = error;
        Counters.AddError(error);
        Counters.AddDroppedBytes(droppedBytes);
    }
}
