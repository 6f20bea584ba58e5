using System.IO.Pipelines;
using HemSim.Transport.Framing;
using HemSim.Transport.Links;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Links;

[TestClass]
public sealed class NoisyLinkTests
{
    [TestMethod]
    public async Task Quiet_noisy_link_passes_every_byte()
    {
        // Arrange
        (IDuplexPipe near, IDuplexPipe far) = InMemoryLink.CreatePair();
        var noisy = NoisyLink.Wrap(near, new NoisyLinkOptions());
        byte[] frames = [.. Enumerable.Range(1, 50).SelectMany(i => FrameEncoder.Encode(Frame(i)))];

        // Act
        await noisy.Output.WriteAsync(frames);
        await noisy.Output.CompleteAsync();
        byte[] received = await ReadAllAsync(far.Input);

        // Assert
        received.Should().Equal(frames);
        noisy.OutgoingDamage.Damaged.Should().Be(0);
    }

    [TestMethod]
    public async Task Noisy_link_drops_every_frame_at_rate_1_with_only_frame_loss()
    {
        (IDuplexPipe near, IDuplexPipe far) = InMemoryLink.CreatePair();
        var noisy = NoisyLink.Wrap(near, new NoisyLinkOptions { IncomingRate = 1, Impairments = LinkImpairments.DropFrame });

        await far.Output.WriteAsync(FrameEncoder.Encode(Frame(1)));
        await far.Output.CompleteAsync();
        byte[] received = await ReadAllAsync(noisy.Input);

        received.Should().OnlyContain(b => b == 0, "only the empty unit before the frame got through");
        noisy.IncomingDamage[LinkImpairments.DropFrame].Should().Be(1);
    }

    [TestMethod]
    public async Task Same_seed_and_traffic_give_the_same_damage()
    {
        byte[] traffic = [.. Enumerable.Range(1, 500).SelectMany(i => FrameEncoder.Encode(Frame(i)))];

        byte[] first = await PassAsync(traffic, seed: 42);
        byte[] second = await PassAsync(traffic, seed: 42);
        byte[] other = await PassAsync(traffic, seed: 43);

        first.Should().Equal(second);
        first.Should().NotEqual(traffic);
        other.Should().NotEqual(first);
    }

    [TestMethod]
    public async Task One_percent_noise_damages_about_one_frame_in_a_hundred_of_every_kind()
    {
        // Arrange: 20,000 frames through a 1% link
        byte[] traffic = [.. Enumerable.Range(1, 20_000).SelectMany(i => FrameEncoder.Encode(Frame(i)))];
        (IDuplexPipe near, IDuplexPipe far) = InMemoryLink.CreatePair();
        var noisy = NoisyLink.Wrap(near, new NoisyLinkOptions { Seed = 7, OutgoingRate = 0.01 });

        // Act
        await noisy.Output.WriteAsync(traffic);
        await noisy.Output.CompleteAsync();
        byte[] received = await ReadAllAsync(far.Input);
        var decoder = new FrameDecoder();
        var feeder = new ByteFeeder(decoder);
        int good = feeder.Feed(received).Count;

        // Assert: 40,000 units (an empty one before each frame), of which the 20,000 frames may be damaged
        noisy.OutgoingDamage.Damaged.Should().BeInRange(140, 270);
        foreach (LinkImpairments kind in new[] { LinkImpairments.FlipBit, LinkImpairments.DropByte, LinkImpairments.DuplicateByte,
                     LinkImpairments.DropFrame, LinkImpairments.DuplicateFrame })
        {
            noisy.OutgoingDamage[kind].Should().BePositive();
        }
        good.Should().BeInRange(19_700, 20_100);
    }

    [TestMethod]
    public async Task Closing_the_far_end_completes_the_near_reader()
    {
        (IDuplexPipe near, IDuplexPipe far) = InMemoryLink.CreatePair();
        var noisy = NoisyLink.Wrap(near, new NoisyLinkOptions { IncomingRate = 0.5 });

        await far.Output.CompleteAsync();
        ReadResult result = await noisy.Input.ReadAsync().AsTask().Within();

        result.IsCompleted.Should().BeTrue();
    }

    private static async Task<byte[]> PassAsync(byte[] traffic, int seed)
    {
        (IDuplexPipe near, IDuplexPipe far) = InMemoryLink.CreatePair();
        var noisy = NoisyLink.Wrap(near, new NoisyLinkOptions { Seed = seed, OutgoingRate = 0.05 });
        await noisy.Output.WriteAsync(traffic);
        await noisy.Output.CompleteAsync();
        return await ReadAllAsync(far.Input);
    }

    private static async Task<byte[]> ReadAllAsync(PipeReader reader)
    {
        var all = new List<byte>();
        while (true)
        {
            ReadResult result = await reader.ReadAsync().AsTask().Within();
            foreach (ReadOnlyMemory<byte> segment in result.Buffer)
            {
                all.AddRange(segment.ToArray());
            }
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return [.. all];
            }
        }
    }

    private static Frame Frame(int sequence) =>
        new(FrameType.Ping, FrameFlags.None, (uint)sequence, 0, BitConverter.GetBytes(sequence));
}
