using System.Buffers;
using System.IO.Pipelines;
using HemSim.Transport.Links;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Links;

[TestClass]
public sealed class InMemoryLinkTests
{
    [TestMethod]
    public async Task Bytes_written_by_one_end_are_read_by_the_other()
    {
        (IDuplexPipe host, IDuplexPipe device) = InMemoryLink.CreatePair();

        await host.Output.WriteAsync(new byte[] { 1, 2, 3 });
        await device.Output.WriteAsync(new byte[] { 4 });

        (await ReadAllAvailableAsync(device.Input)).Should().Equal(1, 2, 3);
        (await ReadAllAvailableAsync(host.Input)).Should().Equal(4);
    }

    [TestMethod]
    public async Task Completing_one_end_completes_the_far_input()
    {
        (IDuplexPipe host, IDuplexPipe device) = InMemoryLink.CreatePair();

        await device.Output.CompleteAsync();
        ReadResult result = await host.Input.ReadAsync().AsTask().Within();

        result.IsCompleted.Should().BeTrue();
    }

    private static async Task<byte[]> ReadAllAvailableAsync(PipeReader reader)
    {
        ReadResult result = await reader.ReadAsync().AsTask().Within();
        byte[] bytes = result.Buffer.ToArray();
        reader.AdvanceTo(result.Buffer.End);
        return bytes;
    }
}
