using HemSim.Transport.Messages;

namespace HemSim.Transport.Session;

/// <summary>
/// The host's retransmission timer, one per exchange (PROTOCOL.md §8.4): it starts when the question's last
/// frame is on the link and fires after a timeout without any progress from the device. Then the host asks
/// again — for the missing frames of a partly received answer with an Ack, otherwise by repeating the
/// question's last frame with AckRequested — and doubles the timeout. After too many silent rounds the
/// exchange fails with <see cref="DeviceTimeoutException"/>.
/// </summary>
public sealed partial class HostSession
{
    private async Task RetransmitAsync(Exchange exchange)
    {
        try
        {
            if (!await exchange.Question.Written.WaitAsync(exchange.Stopping).ConfigureAwait(false))
            {
                return;     // never left: the link closed, and closing fails the exchange
            }
            exchange.Progressed();
            TimeSpan timeout = _options.InitialRetransmitTimeout;
            while (!exchange.IsDone)
            {
                TimeSpan idle = exchange.Idle;
                if (idle < timeout)
                {
                    await Task.Delay(timeout - idle, _options.TimeProvider, exchange.Stopping).ConfigureAwait(false);
                    continue;
                }
                if (exchange.SilentRounds >= _options.MaxRetransmissions)
                {
                    GiveUp(exchange);
                    return;
                }
                AskAgain(exchange);
                timeout = NextTimeout(timeout);
            }
        }
        catch (OperationCanceledException) when (exchange.IsDone)
        {
        }
    }

    private void AskAgain(Exchange exchange)
    {
        lock (_lock)
        {
            if (exchange.IsDone)
            {
                return;
            }
            exchange.Retransmitted();
            if (exchange.AnswerId is { } answerId && _answers.IsPartial(answerId))
            {
                SendLinkFrame(Framing.FrameType.Ack, answerId, _answers.Describe(answerId).Encode());
            }
            else
            {
                _connection.TryResend(exchange.Question, [exchange.Question.LastIndex]);
            }
        }
    }

    private void GiveUp(Exchange exchange)
    {
        lock (_lock)
        {
            Forget(exchange);
        }
        string what = exchange.Question.Kind == MessageKind.Control ? "control message" : "request";
        Finish(exchange, null, new DeviceTimeoutException(
            $"The device showed no progress on {what} {exchange.Question.Id} through {_options.MaxRetransmissions} retransmissions."));
    }
}
