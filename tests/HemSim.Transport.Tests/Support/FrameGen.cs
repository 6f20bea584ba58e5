using CsCheck;
using HemSim.Transport.Framing;

namespace HemSim.Transport.Tests.Support;

/// <summary>CsCheck generators for frames and for damaged wire bytes.</summary>
internal static class FrameGen
{
    public static readonly Gen<uint> Sequence = Gen.Long[1, uint.MaxValue].Select(value => (uint)value);

    /// <summary>Well-formed frames of any type (assigned or not), flags and numbers.</summary>
    public static Gen<Frame> Frame(int maxPayload) =>
        Gen.Select(Gen.Byte, Gen.Byte, Sequence, Gen.Long[0, uint.MaxValue].Select(value => (uint)value), Gen.Byte.Array[0, maxPayload],
            (type, flags, sequence, reference, payload) =>
                new Frame((FrameType)type, (FrameFlags)flags, sequence, reference, payload));

    /// <summary>One change to a byte array, as a noisy line makes it.</summary>
    public static readonly Gen<Func<byte[], byte[]>> Mutation = Gen.OneOf(
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, 7], (at, bit) => (Func<byte[], byte[]>)(bytes => Flip(bytes, at, bit))),
        Gen.Int[0, int.MaxValue].Select(at => (Func<byte[], byte[]>)(bytes => Remove(bytes, at))),
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Byte, (at, value) => (Func<byte[], byte[]>)(bytes => Insert(bytes, at, value))),
        Gen.Int[0, int.MaxValue].Select(at => (Func<byte[], byte[]>)(bytes => bytes[..(bytes.Length == 0 ? 0 : at % bytes.Length)])),
        Gen.Const((Func<byte[], byte[]>)(bytes => [.. bytes, .. bytes])));

    /// <summary>The wire bytes of a frame with a few mutations applied.</summary>
    public static Gen<byte[]> DamagedWire(int maxPayload) =>
        Gen.Select(Frame(maxPayload), Mutation.Array[1, 4], (frame, mutations) =>
            mutations.Aggregate(FrameEncoder.Encode(frame), (bytes, mutate) => mutate(bytes)));

    private static byte[] Flip(byte[] bytes, int at, int bit)
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }
        byte[] copy = [.. bytes];
        copy[at % copy.Length] ^= (byte)(1 << bit);
        return copy;
    }

    private static byte[] Remove(byte[] bytes, int at) =>
        bytes.Length == 0 ? bytes : [.. bytes.AsSpan(0, at % bytes.Length), .. bytes.AsSpan((at % bytes.Length) + 1)];

    private static byte[] Insert(byte[] bytes, int at, byte value)
    {
        int index = at % (bytes.Length + 1);
        return [.. bytes.AsSpan(0, index), value, .. bytes.AsSpan(index)];
    }
}
