using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.HostBridge.Forwarding;
using HemSim.HostBridge.Tests.Hosting;
using HemSim.Transport;

namespace HemSim.HostBridge.Tests.Forwarding;

/// <summary>
/// The embedded device's power switch in front of its channel: while the device is shut down every request fails as
/// for an unplugged device (<see cref="LinkClosedException"/>, which the forwarder answers with 503).
/// </summary>
[TestClass]
public sealed class PoweredDeviceChannelTests
{
    private static readonly ApiRequest s_status = ApiRequest.Get("/api/system/status");

    [TestMethod]
    public async Task Request_to_a_device_that_is_on_is_forwarded()
    {
        var inner = new FakeDeviceChannel();
        var channel = new PoweredDeviceChannel(inner, () => true);

        ApiResponse response = await channel.SendAsync(s_status);

        response.Status.Should().Be(200);
        inner.Received.Should().ContainSingle();
    }

    [TestMethod]
    public async Task Request_to_a_shut_down_device_fails_as_a_closed_link_without_reaching_it()
    {
        var inner = new FakeDeviceChannel();
        var channel = new PoweredDeviceChannel(inner, () => false);

        Func<Task> act = () => channel.SendAsync(s_status);

        await act.Should().ThrowAsync<LinkClosedException>();
        inner.Received.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Request_that_reached_the_device_as_it_shut_down_fails_as_a_closed_link()
    {
        // Arrange: the check passed, then the device went off and refused the request (a rejection on the link).
        bool on = true;
        var inner = new FakeDeviceChannel
        {
            Respond = _ =>
            {
                on = false;
                throw new TransportProtocolException("The device rejected the request: HandlerFault DevicePoweredOffException");
            },
        };
        var channel = new PoweredDeviceChannel(inner, () => on);

        // Act
        Func<Task> act = () => channel.SendAsync(s_status);

        // Assert
        (await act.Should().ThrowAsync<LinkClosedException>()).WithInnerException<TransportProtocolException>();
    }

    [TestMethod]
    public async Task Protocol_failure_of_a_device_that_is_on_is_not_disguised()
    {
        var inner = new FakeDeviceChannel { Respond = _ => throw new TransportProtocolException("bad bytes") };
        var channel = new PoweredDeviceChannel(inner, () => true);

        Func<Task> act = () => channel.SendAsync(s_status);

        await act.Should().ThrowAsync<TransportProtocolException>();
    }
}
