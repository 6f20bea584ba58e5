using FluentAssertions;
using HemSim.Firmware.SelfTest;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.SelfTest;

[TestClass]
public sealed class PowerOnSelfTestTests
{
    [TestMethod]
    public void Self_test_passes_on_a_sound_build()
    {
        // Act
        var passed = PowerOnSelfTest.Run();

        // Assert
        passed.Should().BeTrue();
    }

    [TestMethod]
    public void Self_test_at_power_up_logs_a_pass_and_latches_no_fault()
    {
        // Act
        using var device = new TestDevice();

        // Assert
        var lines = device.AuditLines();
        lines.Select(l => (l.Type, l.Result)).Should().Equal((0x00, 0), (0x01, 0), (0x07, 0));
        device.Core.Boot.FaultState.Should().Be(0);
    }
}
