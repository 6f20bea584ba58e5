using HemSim.Authenticator.Broker;

namespace HemSim.Authenticator.Commands;

/// <summary>Where expected failures become one <c>error:</c> line and an exit code; anything else is a bug.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(AuthenticatorHost host, Func<Task<int>> command)
    {
        try
        {
            return await command().ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            host.Error.WriteLine($"error: cannot reach the broker: {ex.Message}");
            return ExitCodes.ConnectionFailure;
        }
        catch (Exception ex) when (ex is UsageException or PairingException or BrokerException or InvalidDataException)
        {
            host.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }
    }
}
