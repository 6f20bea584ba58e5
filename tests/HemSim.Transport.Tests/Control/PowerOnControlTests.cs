using HemSim.Transport.Control;
using HemSim.Transport.Messages;
using HemSim.Transport.Session;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Control;

/// <summary>The PowerOn control operation (PROTOCOL.md §6.5, code 9): its wire form and its trip over a session.</summary>
[TestClass]
public sealed class PowerOnControlTests
{
    [TestMethod]
    public void PowerOn_has_the_documented_wire_value()
    {
        var control = new ControlMessage(ControlOperation.PowerOn, ReadOnlyMemory<byte>.Empty);

        Hex.Format(MessageCodec.Encode(control)).Should().Be("09 00");
    }

    [TestMethod]
    public async Task PowerOn_reaches_the_device_control_handler_and_its_one_byte_result_comes_back()
    {
        // Arrange: a device that is off until PowerOn, and then on (result 1), as the launcher reports it.
        bool on = false;
        var options = new DeviceSessionOptions
        {
            ControlHandler = (control, _) =>
            {
                if (control.Operation != ControlOperation.PowerOn)
                {
                    return Task.FromResult(ControlResult.Unsupported());
                }
                byte booted = on ? (byte)0 : (byte)1;
                on = true;
                return Task.FromResult(ControlResult.Ok(new[] { booted }));
            },
        };
        await using var pair = await SessionPair.StartAsync((request, _) => Task.FromResult(new Firmware.Device.ApiResponse(200, [])), deviceOptions: options);

        // Act
        ControlResult first = await pair.Host.ControlAsync(ControlOperation.PowerOn, ReadOnlyMemory<byte>.Empty).Within();
        ControlResult second = await pair.Host.ControlAsync(ControlOperation.PowerOn, ReadOnlyMemory<byte>.Empty).Within();

        // Assert
        first.Status.Should().Be(ControlStatus.Ok);
        first.Data.ToArray().Should().Equal(1);
        second.Data.ToArray().Should().Equal(0);
    }
}
