using Microsoft.Extensions.Hosting;

namespace HemSim.HostBridge.Hosting;

/// <summary>
/// The web host's lifetime when the process's signals belong to the command line: System.CommandLine turns Ctrl+C
/// and SIGTERM into cancellation (<see cref="CommandLineRunner"/>), and the caller stops and disposes the host. The
/// default <c>ConsoleLifetime</c> registers a SIGTERM handler of its own, which then races the command line's: now and
/// then a SIGTERM right after start left the process waiting out the 30-second shutdown timeout (seen as a flaky
/// backend process test). With this lifetime there is one owner of the signals.
/// </summary>
internal sealed class CallerOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
