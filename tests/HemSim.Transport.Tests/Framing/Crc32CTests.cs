using System.Text;
using HemSim.Transport.Framing;

namespace HemSim.Transport.Tests.Framing;

[TestClass]
public sealed class Crc32CTests
{
    [TestMethod]
    public void Check_value_of_123456789_is_E3069283()
    {
        // The catalogue check value of CRC-32/ISCSI (CRC-32C).
        byte[] data = Encoding.ASCII.GetBytes("123456789");

        Crc32C.Compute(data).Should().Be(0xE3069283);
        Crc32C.ComputeWithTable(data).Should().Be(0xE3069283);
    }

    // RFC 3720 appendix B.4: 32 bytes of zeros, of ones, incrementing 00..1F, decrementing 1F..00.
    [DataRow(0x00, 0, 0x8A9136AAu)]
    [DataRow(0xFF, 0, 0x62A8AB43u)]
    [DataRow(0x00, 1, 0x46DD794Eu)]
    [DataRow(0x1F, -1, 0x113FDB5Cu)]
    [TestMethod]
    public void Matches_the_RFC_3720_vectors(int first, int step, uint expected)
    {
        byte[] data = Enumerable.Range(0, 32).Select(i => (byte)(first + (step * i))).ToArray();

        Crc32C.Compute(data).Should().Be(expected);
        Crc32C.ComputeWithTable(data).Should().Be(expected);
    }

    [TestMethod]
    public void Empty_input_gives_zero()
    {
        Crc32C.Compute([]).Should().Be(0);
    }

    [TestMethod]
    public void Appending_in_pieces_equals_computing_at_once()
    {
        // Arrange
        byte[] data = new byte[1000];
        new Random(5).NextBytes(data);

        // Act
        uint crc = Crc32C.Compute(data.AsSpan(0, 13));
        crc = Crc32C.Append(crc, data.AsSpan(13, 500));
        crc = Crc32C.Append(crc, data.AsSpan(513));

        // Assert
        crc.Should().Be(Crc32C.Compute(data));
        Crc32C.ComputeWithTable(data).Should().Be(Crc32C.Compute(data));
    }
}
