using System.Buffers;
using System.IO.Pipelines;

namespace HemSim.Transport.Tests.Support;

/// <summary>What a <see cref="NoisyLink"/> may do to a frame. Any combination.</summary>
[Flags]
internal enum LinkImpairments
{
    None = 0,

    /// <summary>Flip one bit somewhere in the frame (its delimiter included: two frames then run together).</summary>
    FlipBit = 0x01,

    /// <summary>Lose one byte of the frame.</summary>
    DropByte = 0x02,

    /// <summary>Receive one byte of the frame twice.</summary>
    DuplicateByte = 0x04,

    /// <summary>Lose the whole frame.</summary>
    DropFrame = 0x08,

    /// <summary>Receive the whole frame twice.</summary>
    DuplicateFrame = 0x10,

    All = FlipBit | DropByte | DuplicateByte | DropFrame | DuplicateFrame,
}

/// <summary>How noisy a <see cref="NoisyLink"/> is, per direction.</summary>
internal sealed record NoisyLinkOptions
{
    /// <summary>Seed of the random choices: the same seed and the same traffic give the same damage.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Probability (0 … 1) that a frame this end writes is damaged, e.g. 0.01.</summary>
    public double OutgoingRate { get; init; }

    /// <summary>Probability (0 … 1) that a frame arriving at this end is damaged.</summary>
    public double IncomingRate { get; init; }

    /// <summary>What may happen to a damaged frame; one of them, chosen at random, per damaged frame.</summary>
    public LinkImpairments Impairments { get; init; } = LinkImpairments.All;
}

/// <summary>
/// A test link that wraps one end of another link and damages frames at a set rate in either direction:
/// flipped bits, lost and repeated bytes, lost and repeated frames, as a noisy UART would. It cuts the byte
/// stream at each 0x00 delimiter, so every frame runs the same risk whatever its size; bytes are never
/// reordered. Completing or failing either side carries through to the other, like the link it wraps.
/// </summary>
internal sealed class NoisyLink : IDuplexPipe
{
    /// <summary>Bytes passed on without damage when no delimiter comes (line noise), so memory stays bounded.</summary>
    private const int MaxUnitLength = 128 * 1024;

    private readonly Pipe _outgoing = new(new PipeOptions(useSynchronizationContext: false));
    private readonly Pipe _incoming = new(new PipeOptions(useSynchronizationContext: false));

    private NoisyLink(IDuplexPipe inner, NoisyLinkOptions options)
    {
        var outgoing = new Direction(options.OutgoingRate, options.Impairments, new Random(options.Seed));
        var incoming = new Direction(options.IncomingRate, options.Impairments, new Random(unchecked(options.Seed * 31 + 7)));
        OutgoingDamage = outgoing.Counts;
        IncomingDamage = incoming.Counts;
        Completion = Task.WhenAll(
            Task.Run(() => PumpAsync(_outgoing.Reader, inner.Output, outgoing)),
            Task.Run(() => PumpAsync(inner.Input, _incoming.Writer, incoming)));
    }

    /// <summary>What this end reads: the far end's frames, after the noise.</summary>
    public PipeReader Input => _incoming.Reader;

    /// <summary>What this end writes: passed to the far end through the noise.</summary>
    public PipeWriter Output => _outgoing.Writer;

    /// <summary>Damage done to frames written by this end.</summary>
    public LinkDamageCounts OutgoingDamage { get; }

    /// <summary>Damage done to frames arriving at this end.</summary>
    public LinkDamageCounts IncomingDamage { get; }

    /// <summary>Completes when both directions have stopped.</summary>
    public Task Completion { get; }

    public static NoisyLink Wrap(IDuplexPipe inner, NoisyLinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.OutgoingRate, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.OutgoingRate, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.IncomingRate, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.IncomingRate, 1.0);
        return new NoisyLink(inner, options);
    }

    private static async Task PumpAsync(PipeReader source, PipeWriter destination, Direction direction)
    {
        Exception? failure = null;
        try
        {
            while (true)
            {
                ReadResult result = await source.ReadAsync().ConfigureAwait(false);
                ReadOnlySequence<byte> buffer = result.Buffer;
                while (buffer.PositionOf((byte)0) is { } delimiter)
                {
                    ReadOnlySequence<byte> unit = buffer.Slice(0, buffer.GetPosition(1, delimiter));
                    direction.Pass(unit.ToArray(), destination);
                    buffer = buffer.Slice(unit.End);
                }
                if (buffer.Length > MaxUnitLength || (result.IsCompleted && !buffer.IsEmpty))
                {
                    destination.Write(buffer.ToArray());
                    buffer = buffer.Slice(buffer.End);
                }
                source.AdvanceTo(buffer.Start, buffer.End);
                FlushResult flushed = await destination.FlushAsync().ConfigureAwait(false);
                if (result.IsCompleted || result.IsCanceled || flushed.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception exception)     // pump boundary: a failing side is handed on to the other, as a link would
        {
            failure = exception;
        }
        finally
        {
            await source.CompleteAsync(failure).ConfigureAwait(false);
            await destination.CompleteAsync(failure).ConfigureAwait(false);
        }
    }

    /// <summary>One direction's dice and tally. Used by its one pump only.</summary>
    private sealed class Direction(double rate, LinkImpairments impairments, Random random)
    {
        private readonly LinkImpairments[] _choices = Enum.GetValues<LinkImpairments>()
            .Where(one => one is not (LinkImpairments.None or LinkImpairments.All) && impairments.HasFlag(one))
            .ToArray();

        public LinkDamageCounts Counts { get; } = new();

        /// <summary>Passes one unit (a frame with its trailing delimiter), maybe damaged.</summary>
        public void Pass(byte[] unit, PipeWriter destination)
        {
            Counts.Add(LinkImpairments.None);
            if (unit.Length < 2 || _choices.Length == 0 || random.NextDouble() >= rate)
            {
                destination.Write(unit);    // a bare delimiter carries nothing worth damaging
                return;
            }
            LinkImpairments impairment = _choices[random.Next(_choices.Length)];
            Counts.Add(impairment);
            int at = random.Next(unit.Length);
            switch (impairment)
            {
                case LinkImpairments.FlipBit:
                    unit[at] ^= (byte)(1 << random.Next(8));
                    destination.Write(unit);
                    break;
                case LinkImpairments.DropByte:
                    destination.Write(unit.AsSpan(0, at));
                    destination.Write(unit.AsSpan(at + 1));
                    break;
                case LinkImpairments.DuplicateByte:
                    destination.Write(unit.AsSpan(0, at + 1));
                    destination.Write(unit.AsSpan(at));
                    break;
                case LinkImpairments.DropFrame:
                    break;
                case LinkImpairments.DuplicateFrame:
                    destination.Write(unit);
                    destination.Write(unit);
                    break;
                default:
                    throw new System.Diagnostics.UnreachableException();
            }
        }
    }
}

/// <summary>How many frames a <see cref="NoisyLink"/> passed in one direction, and what it did to them.</summary>
internal sealed class LinkDamageCounts
{
    private readonly long[] _counts = new long[6];

    /// <summary>Every unit (frame or delimiter run) that went through, damaged or not.</summary>
    public long Frames => Interlocked.Read(ref _counts[0]);

    public long Damaged => this[LinkImpairments.FlipBit] + this[LinkImpairments.DropByte] + this[LinkImpairments.DuplicateByte]
        + this[LinkImpairments.DropFrame] + this[LinkImpairments.DuplicateFrame];

    /// <summary>Frames that suffered <paramref name="impairment"/> (a single flag).</summary>
    public long this[LinkImpairments impairment] => Interlocked.Read(ref _counts[Slot(impairment)]);

    internal void Add(LinkImpairments impairment) => Interlocked.Increment(ref _counts[Slot(impairment)]);

    public override string ToString() =>
        $"frames={Frames} flip={this[LinkImpairments.FlipBit]} dropByte={this[LinkImpairments.DropByte]} " +
        $"dupByte={this[LinkImpairments.DuplicateByte]} dropFrame={this[LinkImpairments.DropFrame]} dupFrame={this[LinkImpairments.DuplicateFrame]}";

    private static int Slot(LinkImpairments impairment) => impairment switch
    {
        LinkImpairments.None => 0,
        LinkImpairments.FlipBit => 1,
        LinkImpairments.DropByte => 2,
        LinkImpairments.DuplicateByte => 3,
        LinkImpairments.DropFrame => 4,
        LinkImpairments.DuplicateFrame => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(impairment), impairment, "One impairment at a time."),
    };
}
