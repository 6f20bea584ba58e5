using System.Diagnostics;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.HostBridge.Serial;
using HemSim.Transport;
using HemSim.Transport.Session;

namespace HemSim.HostBridge.Tests.Serial;

/// <summary>Hot-plug of a device behind <c>--serial</c>, over in-memory links with short timings.</summary>
[TestClass]
public sealed class ReconnectingDeviceChannelTests
{
    private static readonly ReconnectTimings s_fast = new()
    {
        FirstRetry = TimeSpan.FromMilliseconds(10),
        LongestRetry = TimeSpan.FromMilliseconds(50),
        ProbeInterval = TimeSpan.FromMilliseconds(50),
        ProbeTimeout = TimeSpan.FromMilliseconds(300),
    };

    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(10);

    private readonly PluggableDevice _device = new();
    private readonly StringWriter _log = new();

    [TestCleanup]
    public async Task Unplug() => await _device.DisposeAsync();

    [TestMethod]
    public async Task Requests_fail_with_LinkClosedException_while_no_device_is_attached()
    {
        await using ReconnectingDeviceChannel channel = Start();

        await FluentActions.Awaiting(() => channel.SendAsync(ApiRequest.Get("/api/system/status")))
            .Should().ThrowAsync<LinkClosedException>().WithMessage("*test-port*");
    }

    [TestMethod]
    public async Task Attaches_when_the_device_appears_and_serves_it()
    {
        // Arrange
        await using ReconnectingDeviceChannel channel = Start();
        await Task.Delay(50);

        // Act
        _device.PlugIn();
        await EventuallyAsync(() => channel.IsAttached);
        ApiResponse response = await channel.SendAsync(ApiRequest.Post("/api/echo", [7]));

        // Assert
        response.Body.Should().Equal(7);
        _log.ToString().Should().Contain("waiting for a device on test-port: Nothing answers")
            .And.Contain($"device attached on test-port: {PluggableDevice.Identity}");
    }

    [TestMethod]
    public async Task Losing_the_device_fails_pending_requests_and_it_is_served_again_when_back()
    {
        // Arrange: a request the device is working on when it goes
        _device.PlugIn();
        await using ReconnectingDeviceChannel channel = Start();
        await EventuallyAsync(() => channel.IsAttached);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _device.Handler = async (_, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return ApiResponse.Empty(200);
        };
        Task<ApiResponse> pending = channel.SendAsync(ApiRequest.Get("/api/slow"));
        await started.Task.WaitAsync(s_patience);

        // Act
        await _device.UnplugAsync();

        // Assert: pending fails, later requests fail until the device is back, then it is served without restart
        await FluentActions.Awaiting(() => pending.WaitAsync(s_patience)).Should().ThrowAsync<LinkClosedException>();
        await EventuallyAsync(() => !channel.IsAttached);
        await FluentActions.Awaiting(() => channel.SendAsync(ApiRequest.Get("/api/system/status")))
            .Should().ThrowAsync<LinkClosedException>();
        _device.Handler = (request, _) => Task.FromResult(new ApiResponse(200, request.Body));
        _device.PlugIn();
        await EventuallyAsync(() => channel.IsAttached);
        (await channel.SendAsync(ApiRequest.Post("/api/echo", [9]))).Body.Should().Equal(9);
        _device.Attachments.Should().Be(2);
        _log.ToString().Should().Contain("device on test-port is gone");
    }

    [TestMethod]
    public async Task A_device_that_stops_answering_is_detached_after_an_unanswered_ping()
    {
        // Arrange
        _device.PlugIn();
        await using ReconnectingDeviceChannel channel = Start();
        await EventuallyAsync(() => channel.IsAttached);

        // Act: the link stays up, but nothing comes back (a serial line does not report a vanished far end)
        _device.Silence();

        // Assert: detached, then attached again to the device, which answers on a fresh link
        await EventuallyAsync(() => _device.Attachments >= 2);
        await EventuallyAsync(() => channel.IsAttached);
        (await channel.SendAsync(ApiRequest.Post("/api/echo", [3])).WaitAsync(s_patience)).Body.Should().Equal(3);
    }

    [TestMethod]
    public async Task A_request_a_silent_device_never_answers_fails_as_a_closed_link_and_the_device_is_attached_afresh()
    {
        // Arrange: a host session that gives up quickly
        _device.HostOptions = HostSessionOptions.Default with
        {
            InitialRetransmitTimeout = TimeSpan.FromMilliseconds(20),
            MaxRetransmitTimeout = TimeSpan.FromMilliseconds(40),
            MaxRetransmissions = 2,
        };
        _device.PlugIn();
        await using ReconnectingDeviceChannel channel = Start();
        await EventuallyAsync(() => channel.IsAttached);
        _device.Silence();

        // Act
        Func<Task> send = () => channel.SendAsync(ApiRequest.Get("/api/system/status")).WaitAsync(s_patience);

        // Assert
        (await send.Should().ThrowAsync<LinkClosedException>()).WithMessage("*stopped answering*")
            .WithInnerException<DeviceTimeoutException>();
        await EventuallyAsync(() => _device.Attachments >= 2 && channel.IsAttached);
    }

    [TestMethod]
    public async Task Repeated_failures_are_logged_once()
    {
        await using ReconnectingDeviceChannel channel = Start();

        await Task.Delay(300);

        _log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle();
    }

    private ReconnectingDeviceChannel Start() =>
        ReconnectingDeviceChannel.Start(_device.ConnectAsync, "test-port", _log, s_fast);

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            waited.Elapsed.Should().BeLessThan(s_patience, "the condition should have come true by now");
            await Task.Delay(10);
        }
    }
}
