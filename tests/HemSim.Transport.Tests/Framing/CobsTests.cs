using HemSim.Transport.Framing;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Framing;

[TestClass]
public sealed class CobsTests
{
    // Examples 1–6 of the Wikipedia article "Consistent Overhead Byte Stuffing" (delimiter not included).
    [DataRow("00", "01 01")]
    [DataRow("00 00", "01 01 01")]
    [DataRow("00 11 00", "01 02 11 01")]
    [DataRow("11 22 00 33", "03 11 22 02 33")]
    [DataRow("11 22 33 44", "05 11 22 33 44")]
    [DataRow("11 00 00 00", "02 11 01 01 01")]
    [DataRow("", "01")]
    [TestMethod]
    public void Encodes_the_published_examples(string decoded, string encoded)
    {
        AssertEncodesAndDecodes(Hex.Parse(decoded), Hex.Parse(encoded));
    }

    [TestMethod]
    public void Encodes_254_non_zero_bytes_as_one_full_run_without_a_trailing_code()
    {
        // Wikipedia example 7: 01 02 … FE → FF 01 02 … FE
        byte[] decoded = Range(0x01, 0xFE);

        AssertEncodesAndDecodes(decoded, [0xFF, .. decoded]);
    }

    [TestMethod]
    public void Encodes_a_zero_followed_by_254_non_zero_bytes()
    {
        // Wikipedia example 8: 00 01 … FE → 01 FF 01 … FE
        byte[] run = Range(0x01, 0xFE);

        AssertEncodesAndDecodes([0x00, .. run], [0x01, 0xFF, .. run]);
    }

    [TestMethod]
    public void Encodes_255_non_zero_bytes_as_two_runs()
    {
        // Wikipedia example 9: 01 02 … FE FF → FF 01 … FE 02 FF
        byte[] run = Range(0x01, 0xFE);

        AssertEncodesAndDecodes([.. run, 0xFF], [0xFF, .. run, 0x02, 0xFF]);
    }

    [TestMethod]
    public void Encodes_a_full_run_followed_by_a_zero()
    {
        // Wikipedia example 10: 02 03 … FF 00 → FF 02 … FF 01 01
        byte[] run = Range(0x02, 0xFF);

        AssertEncodesAndDecodes([.. run, 0x00], [0xFF, .. run, 0x01, 0x01]);
    }

    [TestMethod]
    public void Encodes_a_run_broken_by_a_zero_near_its_end()
    {
        // Wikipedia example 11: 03 04 … FF 00 01 → FE 03 … FF 02 01
        byte[] run = Range(0x03, 0xFF);

        AssertEncodesAndDecodes([.. run, 0x00, 0x01], [0xFE, .. run, 0x02, 0x01]);
    }

    [TestMethod]
    public void Round_trips_random_blocks_within_the_worst_case_size()
    {
        var random = new Random(11);
        for (int i = 0; i < 500; i++)
        {
            // Arrange
            byte[] data = new byte[random.Next(0, 2000)];
            random.NextBytes(data);
            if (i % 2 == 0)
            {
                Array.Clear(data, 0, data.Length / 3);
            }
            byte[] encoded = new byte[Cobs.GetMaxEncodedLength(data.Length)];
            byte[] decoded = new byte[data.Length];

            // Act
            int length = Cobs.Encode(data, encoded);
            int zeroAt = encoded.AsSpan(0, length).IndexOf((byte)0);
            bool decodedOk = Cobs.TryDecode(encoded.AsSpan(0, length), decoded, out int decodedLength);
            bool inPlaceOk = Cobs.TryDecode(encoded.AsSpan(0, length), encoded, out int inPlaceLength);

            // Assert
            zeroAt.Should().Be(-1);
            decodedOk.Should().BeTrue();
            decoded.AsSpan(0, decodedLength).ToArray().Should().Equal(data);
            inPlaceOk.Should().BeTrue();
            encoded.AsSpan(0, inPlaceLength).ToArray().Should().Equal(data);
        }
    }

    [DataRow("03 11", "a code byte promises more bytes than the block holds")]
    [DataRow("02 11 00 01", "a zero inside the block")]
    [DataRow("00", "a zero code byte")]
    [TestMethod]
    public void Decode_rejects_a_broken_block(string block, string because)
    {
        byte[] destination = new byte[16];

        Cobs.TryDecode(Hex.Parse(block), destination, out int written).Should().BeFalse(because);
        written.Should().Be(0);
    }

    private static void AssertEncodesAndDecodes(byte[] decoded, byte[] encoded)
    {
        byte[] buffer = new byte[Cobs.GetMaxEncodedLength(decoded.Length)];
        int length = Cobs.Encode(decoded, buffer);
        buffer.AsSpan(0, length).ToArray().Should().Equal(encoded);

        byte[] output = new byte[encoded.Length];
        Cobs.TryDecode(encoded, output, out int written).Should().BeTrue();
        output.AsSpan(0, written).ToArray().Should().Equal(decoded);
    }

    private static byte[] Range(int first, int last) =>
        Enumerable.Range(first, last - first + 1).Select(i => (byte)i).ToArray();
}
