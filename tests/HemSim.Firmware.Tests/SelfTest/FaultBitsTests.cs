using FluentAssertions;
using HemSim.Firmware.SelfTest;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.SelfTest;

[TestClass]
public sealed class FaultBitsTests
{
    [TestMethod]
    [DataRow(FaultBits.KnownAnswer, 0x01)]
    [DataRow(FaultBits.Entropy, 0x02)]
    [DataRow(FaultBits.Temperature, 0x04)]
    [DataRow(FaultBits.Integrity, 0x08)]
    [DataRow(FaultBits.OutOfMemory, 0x10)]
    [DataRow(FaultBits.StackOverflow, 0x20)]
    [DataRow(FaultBits.Locked, 0x40)]
    [DataRow(FaultBits.Bricked, 0x80)]
    public void Fault_bits_have_the_values_of_the_spec(int bit, int expected)
    {
        // Assert: spec §20.1.
        bit.Should().Be(expected);
    }
}
