using FluentAssertions;
using HemSim.Firmware.Entropy;

namespace HemSim.Firmware.Tests.Entropy;

[TestClass]
public sealed class DrbgSelfTestTests
{
    [TestMethod]
    public void Self_test_passes()
    {
        DrbgSelfTest.Run().Should().BeTrue();
    }
}
