using FluentAssertions;
using HemSim.Firmware.Entropy;
using HemSim.TestKit;

namespace HemSim.Firmware.Tests.Entropy;

[TestClass]
public sealed class ScriptedEntropyTests
{
    [TestMethod]
    public void Is_deterministic()
    {
        new ScriptedEntropy().IsDeterministic.Should().BeTrue();
    }

    [TestMethod]
    public void Serves_the_script_as_one_stream_across_fills()
    {
        // Arrange
        var entropy = new ScriptedEntropy([1, 2, 3], [4, 5]);
        byte[] first = new byte[2];
        byte[] second = new byte[3];

        // Act
        entropy.Fill(first);
        entropy.Fill(second);

        // Assert
        first.Should().Equal(1, 2);
        second.Should().Equal(3, 4, 5);
        entropy.ScriptedBytesRemaining.Should().Be(0);
        entropy.FillCount.Should().Be(2);
        entropy.BytesServed.Should().Be(5);
    }

    [TestMethod]
    public void Continues_with_big_endian_32_bit_counters_after_the_script()
    {
        // Arrange
        var entropy = new ScriptedEntropy([0xAA]);
        byte[] output = new byte[13];

        // Act
        entropy.Fill(output);

        // Assert
        output.Should().Equal(0xAA, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2);
    }

    [TestMethod]
    public void Enqueued_bytes_are_served_next()
    {
        // Arrange
        var entropy = new ScriptedEntropy();
        entropy.Enqueue([9, 8, 7]);
        byte[] output = new byte[3];

        // Act
        entropy.Fill(output);

        // Assert
        output.Should().Equal(9, 8, 7);
    }

    [TestMethod]
    public void Fail_next_fill_throws_once()
    {
        // Arrange
        var entropy = new ScriptedEntropy([1, 2]);
        entropy.FailNextFill("TRNG stuck");
        byte[] output = new byte[2];

        // Act
        Action first = () => entropy.Fill(output);

        // Assert
        first.Should().Throw<EntropyFailureException>().WithMessage("TRNG stuck");
        entropy.Fill(output);
        output.Should().Equal(1, 2);
    }
}
