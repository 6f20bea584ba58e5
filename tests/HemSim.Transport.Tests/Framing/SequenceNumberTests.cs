using HemSim.Transport.Framing;

namespace HemSim.Transport.Tests.Framing;

[TestClass]
public sealed class SequenceNumberTests
{
    [TestMethod]
    public void Next_wraps_from_the_largest_number_to_1_skipping_0()
    {
        SequenceNumber.Next(uint.MaxValue).Should().Be(1);
        SequenceNumber.Next(1).Should().Be(2);
    }

    [DataRow(1u, 0, 1u)]
    [DataRow(1u, 5, 6u)]
    [DataRow(uint.MaxValue, 1, 1u)]
    [DataRow(uint.MaxValue - 1, 3, 2u)]
    [TestMethod]
    public void Advance_equals_repeated_Next(uint start, int count, uint expected)
    {
        uint stepped = start;
        for (int i = 0; i < count; i++)
        {
            stepped = SequenceNumber.Next(stepped);
        }

        SequenceNumber.Advance(start, count).Should().Be(expected).And.Be(stepped);
    }
}
