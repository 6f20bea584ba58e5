using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Security.Cryptography;
using HemSim.Transport.Links;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Links;

[TestClass]
public sealed class ThrottledLinkTests
{
    [TestMethod]
    public void Line_rate_is_ten_bits_per_byte()
    {
        ThrottledLink.BytesPerSecond(115_200).Should().Be(11_520);
        ThrottledLink.BytesPerSecond(9_600).Should().Be(960);
    }

    [TestMethod]
    public async Task At_115200_baud_11520_bytes_take_about_one_second()
    {
        // Arrange
        (IDuplexPipe host, IDuplexPipe device) = InMemoryLink.CreatePair();
        await using var throttled = new ThrottledLink(host, 115_200);
        byte[] data = RandomNumberGenerator.GetBytes(11_520);

        // Act
        var elapsed = Stopwatch.StartNew();
        await throttled.Output.WriteAsync(data);
        byte[] received = await ReadExactlyAsync(device.Input, data.Length).Within();
        elapsed.Stop();

        // Assert
        received.Should().Equal(data);
        elapsed.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)).And.BeLessThan(TimeSpan.FromSeconds(3));
    }

    [TestMethod]
    public async Task Reading_is_not_paced()
    {
        (IDuplexPipe host, IDuplexPipe device) = InMemoryLink.CreatePair();
        await using var throttled = new ThrottledLink(host, 300);
        byte[] data = RandomNumberGenerator.GetBytes(4096);

        var elapsed = Stopwatch.StartNew();
        await device.Output.WriteAsync(data);
        byte[] received = await ReadExactlyAsync(throttled.Input, data.Length).Within();

        received.Should().Equal(data);
        elapsed.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1), "4 KiB at 300 baud would take 137 s if reads were paced");
    }

    [TestMethod]
    public async Task Completing_the_output_completes_the_far_input_after_the_last_byte()
    {
        (IDuplexPipe host, IDuplexPipe device) = InMemoryLink.CreatePair();
        await using var throttled = new ThrottledLink(host, 921_600);

        await throttled.Output.WriteAsync(new byte[] { 1, 2, 3 });
        await throttled.Output.CompleteAsync();
        byte[] received = await ReadExactlyAsync(device.Input, 3).Within();
        ReadResult end = await device.Input.ReadAsync().AsTask().Within();

        received.Should().Equal(1, 2, 3);
        end.IsCompleted.Should().BeTrue();
    }

    private static async Task<byte[]> ReadExactlyAsync(PipeReader reader, int count)
    {
        while (true)
        {
            ReadResult result = await reader.ReadAsync();
            if (result.Buffer.Length >= count)
            {
                byte[] bytes = result.Buffer.Slice(0, count).ToArray();
                reader.AdvanceTo(result.Buffer.GetPosition(count));
                return bytes;
            }
            if (result.IsCompleted)
            {
                throw new EndOfStreamException($"Only {result.Buffer.Length} of {count} bytes arrived.");
            }
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }
}
