using System.Collections.Concurrent;
using HemSim.Firmware.Device;
using HemSim.Transport.Control;
using HemSim.Transport.Framing;
using HemSim.Transport.Session;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Control;

/// <summary>Simulator control operations over the link, apart from API requests (PROTOCOL.md §6.5).</summary>
[TestClass]
public sealed class ControlChannelTests
{
    [TestMethod]
    public async Task Control_operation_reaches_the_handler_and_its_result_comes_back()
    {
        // Arrange: a fake device control that latches fault bits and reports them
        var seen = new ConcurrentQueue<ControlRequest>();
        byte faults = 0;
        var options = new DeviceSessionOptions
        {
            ControlHandler = (control, _) =>
            {
                seen.Enqueue(control);
                return Task.FromResult(control.Operation switch
                {
                    ControlOperation.InjectFault => Latch(control.Argument.Span[0]),
                    ControlOperation.GetFaultState => ControlResult.Ok(new[] { faults }),
                    _ => ControlResult.Unsupported(),
                });
            },
        };
        ControlResult Latch(byte bits)
        {
            faults |= bits;
            return ControlResult.Ok();
        }
        await using var pair = await SessionPair.StartAsync(Echo, deviceOptions: options);

        // Act
        ControlResult injected = await pair.Host.ControlAsync(ControlOperation.InjectFault, new byte[] { 0x02 }).Within();
        ControlResult state = await pair.Host.ControlAsync(ControlOperation.GetFaultState, ReadOnlyMemory<byte>.Empty).Within();

        // Assert
        injected.Status.Should().Be(ControlStatus.Ok);
        state.Status.Should().Be(ControlStatus.Ok);
        state.Data.ToArray().Should().Equal(0x02);
        seen.Select(c => c.Operation).Should().Equal(ControlOperation.InjectFault, ControlOperation.GetFaultState);
        seen.First().Argument.ToArray().Should().Equal(0x02);
    }

    [TestMethod]
    public async Task Device_without_a_control_handler_answers_Unsupported()
    {
        await using var pair = await SessionPair.StartAsync(Echo);

        ControlResult result = await pair.Host.ControlAsync(ControlOperation.PowerCycle, ReadOnlyMemory<byte>.Empty).Within();

        result.Status.Should().Be(ControlStatus.Unsupported);
        result.Detail.Should().NotBeNullOrEmpty();
    }

    [TestMethod]
    public async Task Operation_the_handler_does_not_offer_is_answered_Unsupported()
    {
        var options = new DeviceSessionOptions
        {
            ControlHandler = (control, _) => Task.FromResult(control.Operation == ControlOperation.Snapshot
                ? ControlResult.Ok(new byte[] { 1, 2, 3 })
                : ControlResult.Unsupported($"{control.Operation} is not offered.")),
        };
        await using var pair = await SessionPair.StartAsync(Echo, deviceOptions: options);

        ControlResult snapshot = await pair.Host.ControlAsync(ControlOperation.Snapshot, ReadOnlyMemory<byte>.Empty).Within();
        ControlResult corrupt = await pair.Host.ControlAsync(ControlOperation.CorruptFlash, "keystore"u8.ToArray()).Within();
        ControlResult unknown = await pair.Host.ControlAsync((ControlOperation)999, ReadOnlyMemory<byte>.Empty).Within();

        snapshot.Data.ToArray().Should().Equal(1, 2, 3);
        corrupt.Status.Should().Be(ControlStatus.Unsupported);
        corrupt.Detail.Should().Be("CorruptFlash is not offered.");
        unknown.Status.Should().Be(ControlStatus.Unsupported);
    }

    [TestMethod]
    public async Task Handler_exceptions_become_InvalidArgument_or_Failed_and_the_session_goes_on()
    {
        var options = new DeviceSessionOptions
        {
            ControlHandler = (control, _) => control.Operation == ControlOperation.InjectFault
                ? throw new ArgumentOutOfRangeException("faultBits", "fls_state bits are 0x01–0x80.")
                : throw new IOException("flash busy"),
        };
        await using var pair = await SessionPair.StartAsync(Echo, deviceOptions: options);

        ControlResult invalid = await pair.Host.ControlAsync(ControlOperation.InjectFault, new byte[] { 0 }).Within();
        ControlResult failed = await pair.Host.ControlAsync(ControlOperation.Snapshot, ReadOnlyMemory<byte>.Empty).Within();
        ApiResponse after = await pair.Host.SendAsync(ApiRequest.Get("/api/system/status")).Within();

        invalid.Status.Should().Be(ControlStatus.InvalidArgument);
        invalid.Detail.Should().Contain("fls_state");
        failed.Status.Should().Be(ControlStatus.Failed);
        failed.Detail.Should().Be("IOException: flash busy");
        after.Status.Should().Be(200);
    }

    [TestMethod]
    public async Task Control_operation_whose_result_was_lost_runs_once()
    {
        // Arrange: a power cycle must not happen twice because its answer went missing
        int powerCycles = 0;
        var options = new DeviceSessionOptions
        {
            ControlHandler = (_, _) =>
            {
                Interlocked.Increment(ref powerCycles);
                return Task.FromResult(ControlResult.Ok());
            },
        };
        await using var pair = await SessionPair.StartAsync(Echo, SessionPair.FastHost, options, end =>
            FrameFilterLink.Wrap(end, incoming: FrameFilterLink.First(f => f.Type == FrameType.ControlResult)));

        // Act
        ControlResult result = await pair.Host.ControlAsync(ControlOperation.PowerCycle, ReadOnlyMemory<byte>.Empty).Within();

        // Assert
        result.Status.Should().Be(ControlStatus.Ok);
        powerCycles.Should().Be(1);
    }

    [TestMethod]
    public async Task Control_messages_and_requests_run_one_at_a_time_in_order()
    {
        var order = new ConcurrentQueue<string>();
        var options = new DeviceSessionOptions
        {
            ControlHandler = (control, _) =>
            {
                order.Enqueue(control.Operation.ToString());
                return Task.FromResult(ControlResult.Ok());
            },
        };
        await using var pair = await SessionPair.StartAsync((request, _) =>
        {
            order.Enqueue(request.Path);
            return Task.FromResult(ApiResponse.Empty(200));
        }, deviceOptions: options);

        await Task.WhenAll(
            pair.Host.SendAsync(ApiRequest.Get("/a")),
            pair.Host.ControlAsync(ControlOperation.Reset, ReadOnlyMemory<byte>.Empty),
            pair.Host.SendAsync(ApiRequest.Get("/b"))).Within();

        order.Should().Equal("/a", "Reset", "/b");
    }

    private static Task<ApiResponse> Echo(ApiRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new ApiResponse(200, request.Body));
}
