using System.IO.Pipelines;
using HemSim.Firmware.Device;
using HemSim.Transport.Framing;
using HemSim.Transport.Links;
using HemSim.Transport.Messages;
using HemSim.Transport.Session;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Session;

/// <summary>
/// A host that ignores the device's window or never reads cannot make the device queue without bound
/// (PROTOCOL.md §9, §8.4): questions beyond the window are dropped and come back by retransmission; link
/// frames beyond the queue's cap are dropped as if lost.
/// </summary>
[TestClass]
public sealed class DeviceSessionLimitsTests
{
    private const FrameFlags Repeat = FrameFlags.Retransmission | FrameFlags.AckRequested;

    [TestMethod]
    public async Task Host_flooding_past_the_window_gets_at_most_W_questions_taken_and_all_answered_on_retransmission()
    {
        // Arrange: a window of 2 and a handler that holds every request until released
        const int window = 2;
        const int questions = 7;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = new Dictionary<string, int>();
        (IDuplexPipe hostEnd, IDuplexPipe deviceEnd) = InMemoryLink.CreatePair();
        await using DeviceSession session = DeviceSession.Start(deviceEnd, async (request, ct) =>
        {
            lock (runs)
            {
                runs[request.Path] = runs.GetValueOrDefault(request.Path) + 1;
            }
            await release.Task.WaitAsync(ct);
            return new ApiResponse(200, request.Body);
        }, "limits rig", new DeviceSessionOptions { ReceiveWindow = window });
        var peer = new RawPeer(hostEnd);
        await peer.HelloAsync();
        List<Frame> sent = Enumerable.Range(0, questions)
            .Select(i => peer.Frames(MessageKind.Request, MessageCodec.Encode(new RequestMessage("POST", $"/api/{i}", false, new[] { (byte)i })))[0])
            .ToList();

        // Act: all at once, without waiting for any answer
        foreach (Frame frame in sent)
        {
            await peer.SendFrameAsync(frame);
        }
        await WaitUntilAsync(() => session.QuestionsBeyondWindow == questions - window);
        int mostTaken = session.MostQuestionsInFlight;
        release.SetResult();
        var answered = new Dictionary<uint, int>();
        List<Frame> unanswered = sent;
        for (int round = 0; unanswered.Count > 0; round++)
        {
            round.Should().BeLessThan(questions, "every round answers at least one question");
            if (round > 0)
            {
                foreach (Frame frame in unanswered)
                {
                    await peer.SendFrameAsync(frame with { Flags = Repeat });   // the host's poll (§8.4)
                }
            }
            int expected = Math.Min(window, unanswered.Count);
            for (int i = 0; i < expected; i++)
            {
                Frame response = await peer.ReadFrameAsync(frame => frame.Type == FrameType.Response);
                answered[response.Reference] = answered.GetValueOrDefault(response.Reference) + 1;
            }
            unanswered = unanswered.Where(frame => !answered.ContainsKey(frame.Sequence)).ToList();
        }

        // Assert
        mostTaken.Should().Be(window);
        session.MostQuestionsInFlight.Should().BeLessThanOrEqualTo(window);
        answered.Keys.Should().BeEquivalentTo(sent.Select(frame => frame.Sequence));
        answered.Values.Should().OnlyContain(count => count == 1);
        runs.Should().HaveCount(questions).And.OnlyContain(entry => entry.Value == 1, "a question is never carried out twice");
    }

    [TestMethod]
    public async Task Many_Pings_from_a_host_that_never_reads_leave_at_most_the_cap_of_link_frames_queued()
    {
        // Arrange: a link that holds little, so that Pongs back up while the host does not read
        const int pings = 3000;
        var options = new PipeOptions(pauseWriterThreshold: 1024, resumeWriterThreshold: 512, useSynchronizationContext: false);
        (IDuplexPipe hostEnd, IDuplexPipe deviceEnd) = InMemoryLink.CreatePair(options);
        await using DeviceSession session = DeviceSession.Start(deviceEnd,
            (request, ct) => Task.FromResult(ApiResponse.Empty(200)), "limits rig", DeviceSessionOptions.Default);
        var peer = new RawPeer(hostEnd);
        var tail = new Frame(FrameType.Ping, FrameFlags.None, 0, 0, ReadOnlyMemory<byte>.Empty);

        // Act: write every Ping without reading anything
        for (int i = 0; i < pings; i++)
        {
            tail = new Frame(FrameType.Ping, FrameFlags.None, (uint)(i + 1), 0, new byte[] { unchecked((byte)i) });
            await peer.SendFrameAsync(tail);
        }
        await WaitUntilAsync(() => session.Connection.DecoderCounters.Frames >= pings);
        int queued = session.Connection.QueuedLinkFrames;
        long dropped = session.Connection.LinkFramesDropped;
        // The link still works once the host reads: a new Ping is answered.
        var probe = new Frame(FrameType.Ping, FrameFlags.None, pings + 1, 0, new byte[] { 0xAB });
        Task<Frame> pong = peer.ReadFrameAsync(frame => frame.Type == FrameType.Pong && frame.Reference == probe.Sequence);
        await peer.SendFrameAsync(probe);

        // Assert
        queued.Should().BeLessThanOrEqualTo(FrameConnection.MaxQueuedLinkFrames);
        dropped.Should().BeGreaterThan(0, "the host wrote far more Pings than the link and the queue hold");
        (await pong.Within()).Payload.ToArray().Should().Equal(0xAB);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold soon");
            await Task.Delay(10);
        }
    }
}
