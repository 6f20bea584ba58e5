namespace HemSim.Cli.ExtAuth;

/// <summary>
/// The client's wait for the app: ask the broker, and while it answers 202 ask again every <c>--poll</c> seconds
/// until <c>--timeout</c> has passed ([T] test_5 and test_6 poll every 5 s).
/// </summary>
internal sealed record BrokerPolling(TimeSpan Interval, TimeSpan Timeout, TimeProvider Clock)
{
    /// <summary>The first non-null answer of <paramref name="poll"/>, or null when the time ran out.</summary>
    public async Task<T?> UntilAnsweredAsync<T>(Func<CancellationToken, Task<T?>> poll, CancellationToken cancellationToken) where T : class
    {
        long started = Clock.GetTimestamp();
        while (true)
        {
            if (await poll(cancellationToken).ConfigureAwait(false) is { } answer)
            {
                return answer;
            }
            TimeSpan left = Timeout - Clock.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return null;
            }
            await Task.Delay(left < Interval ? left : Interval, Clock, cancellationToken).ConfigureAwait(false);
        }
    }
}
