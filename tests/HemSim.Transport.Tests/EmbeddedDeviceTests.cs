using HemSim.Firmware.Device;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests;

[TestClass]
public sealed class EmbeddedDeviceTests
{
    [TestMethod]
    public async Task Embedded_device_answers_through_frames()
    {
        await using IDeviceChannel channel = await EmbeddedDevice.StartAsync(
            (request, _) => Task.FromResult(new ApiResponse(200, request.Body)), "HemSim EPA 1.2.2-sim").Within();

        ApiResponse response = await channel.SendAsync(ApiRequest.Post("/api/echo", [1, 2, 3])).Within();

        response.Body.Should().Equal(1, 2, 3);
    }

    [TestMethod]
    public async Task Disposed_embedded_device_refuses_requests_with_LinkClosedException()
    {
        IDeviceChannel channel = await EmbeddedDevice.StartAsync(
            (_, _) => Task.FromResult(ApiResponse.Empty(200)), "HemSim EPA 1.2.2-sim").Within();

        await channel.DisposeAsync();

        await FluentActions.Awaiting(() => channel.SendAsync(ApiRequest.Get("/api/system/status")).Within())
            .Should().ThrowAsync<LinkClosedException>();
    }

    [TestMethod]
    public async Task Identity_too_long_for_Hello_is_refused_up_front()
    {
        await FluentActions.Awaiting(() => EmbeddedDevice.StartAsync(
                (_, _) => Task.FromResult(ApiResponse.Empty(200)), new string('x', 201)))
            .Should().ThrowAsync<ArgumentException>();
    }
}
