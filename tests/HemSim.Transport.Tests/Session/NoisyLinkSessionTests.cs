using System.Collections.Concurrent;
using System.Text;
using HemSim.Firmware.Device;
using HemSim.Transport.Links;
using HemSim.Transport.Session;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Session;

/// <summary>A whole session over a line that flips bits, drops and repeats bytes and frames (PROTOCOL.md §8).</summary>
[TestClass]
public sealed class NoisyLinkSessionTests
{
    /// <summary>Timeouts for an in-memory line: its round trip is microseconds, so a lost frame costs only the wait.</summary>
    internal static readonly HostSessionOptions NoisyHost = new()
    {
        InitialRetransmitTimeout = TimeSpan.FromMilliseconds(25),
        MaxRetransmitTimeout = TimeSpan.FromMilliseconds(200),
        MaxRetransmissions = 12,
    };

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Thousand_requests_over_a_one_percent_noisy_link_each_run_exactly_once()
    {
        // Arrange: every request carries its id; the handler counts executions per id
        int count = Soak.Scale(1000, 20_000);
        var executions = new ConcurrentDictionary<int, int>();
        NoisyLink? noisy = null;
        await using var pair = await SessionPair.StartAsync((request, _) =>
        {
            int id = int.Parse(Encoding.ASCII.GetString(request.Body));
            executions.AddOrUpdate(id, 1, (_, n) => n + 1);
            return Task.FromResult(new ApiResponse(200, Encoding.ASCII.GetBytes($"done {id}")));
        }, NoisyHost, wrapHostEnd: end => noisy = NoisyLink.Wrap(end,
            new NoisyLinkOptions { Seed = 2026, OutgoingRate = 0.01, IncomingRate = 0.01 }));

        // Act
        ApiResponse[] responses = await Task.WhenAll(Enumerable.Range(0, count).Select(id =>
            pair.Host.SendAsync(ApiRequest.Post("/api/keymgmt/create", Encoding.ASCII.GetBytes($"{id}"))))).Within();

        // Assert
        responses.Select(r => Encoding.ASCII.GetString(r.Body)).Should().Equal(Enumerable.Range(0, count).Select(id => $"done {id}"));
        executions.Should().HaveCount(count).And.OnlyContain(entry => entry.Value == 1);
        noisy!.OutgoingDamage.Damaged.Should().BePositive("the line really was noisy: {0}", noisy.OutgoingDamage);
        noisy.IncomingDamage.Damaged.Should().BePositive("the line really was noisy: {0}", noisy.IncomingDamage);
        pair.Host.Window.MostInFlight.Should().BeLessThanOrEqualTo(pair.Host.DeviceReceiveWindow);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Large_messages_cross_a_noisy_link_intact()
    {
        // Arrange: 256 KiB each way takes 64 frames, so some frames of nearly every message are hit
        int count = Soak.Scale(8, 64);
        var random = new Random(64);
        byte[][] bodies = Enumerable.Range(0, count).Select(_ =>
        {
            byte[] body = new byte[256 * 1024];
            random.NextBytes(body);
            return body;
        }).ToArray();
        int runs = 0;
        await using var pair = await SessionPair.StartAsync((request, _) =>
        {
            Interlocked.Increment(ref runs);
            return Task.FromResult(new ApiResponse(200, request.Body));
        }, NoisyHost, wrapHostEnd: end => NoisyLink.Wrap(end,
            new NoisyLinkOptions { Seed = 7, OutgoingRate = 0.01, IncomingRate = 0.01 }));

        // Act
        ApiResponse[] responses = await Task.WhenAll(bodies.Select(body =>
            pair.Host.SendAsync(ApiRequest.Post("/api/echo", body)))).Within();

        // Assert
        for (int i = 0; i < count; i++)
        {
            responses[i].Body.AsSpan().SequenceEqual(bodies[i]).Should().BeTrue($"message {i} arrived intact");
        }
        runs.Should().Be(count);
    }
}
