using HemSim.Cli.Http;

namespace HemSim.Cli.Commands;

/// <summary>
/// The one boundary where expected failures become messages and exit codes. Commands throw the four failure types
/// below and never print errors themselves; anything else is a bug and keeps its stack trace.
/// </summary>
internal static class CommandRunner
{
    /// <param name="hint">Optional command-specific explanation of a refusal (e.g. 406 on init = already initialised).</param>
    public static async Task<int> RunAsync(CliHost host, Func<Task<int>> command, Func<HemStatusException, string?>? hint = null)
    {
        try
        {
            return await command().ConfigureAwait(false);
        }
        catch (HemStatusException ex)
        {
            host.Error.WriteLine($"error: {ex.Status} {HemStatusMeanings.Describe(ex.Status)}");
            if (hint?.Invoke(ex) is { } text)
            {
                host.Error.WriteLine($"hint: {text}");
            }

            return ExitCodes.Failure;
        }
        catch (HemConnectionException ex)
        {
            host.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.ConnectionFailure;
        }
        catch (HemProtocolException ex)
        {
            host.Error.WriteLine($"error: unexpected answer from the device: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (CliUsageException ex)
        {
            host.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }
    }
}
