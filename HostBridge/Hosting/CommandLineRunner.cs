using System.CommandLine;

namespace HemSim.HostBridge.Hosting;

/// <summary>Reads settings from a parsed command line and the environment; false with messages on a bad value.</summary>
internal delegate bool SettingsReader<TSettings>(ParseResult parse, out TSettings? settings, out IReadOnlyList<string> errors)
    where TSettings : class;

/// <summary>
/// The start-up sequence the bridge and the device launcher share (this file is compiled into both):
/// parse; read settings (bad value → one line per problem, exit 2); print the insecure-seed warning;
/// serve until cancelled (exit 0); an expected start-up failure → one line, exit 1, no stack trace.
/// </summary>
internal static class CommandLineRunner
{
    /// <summary>Exit code for a bad option value or an unknown argument.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code when the program cannot start, or its device link failed.</summary>
    public const int StartupError = 1;

    public static async Task<int> RunAsync<TSettings>(
        RootCommand root,
        string[] args,
        string errorPrefix,
        TextWriter stdout,
        TextWriter stderr,
        InvocationConfiguration invocation,
        SettingsReader<TSettings> readSettings,
        Func<TSettings, bool> seedIsUsed,
        Func<Exception, bool> isStartupFailure,
        Func<TSettings, CancellationToken, Task<int>> serve)
        where TSettings : class
    {
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parse.Errors)
            {
                await stderr.WriteLineAsync(errorPrefix + error.Message);
            }

            await stderr.WriteLineAsync("Run with --help to see the options.");
            return UsageError;
        }

        root.SetAction(async (result, cancellationToken) =>
        {
            if (!readSettings(result, out TSettings? settings, out IReadOnlyList<string> errors))
            {
                foreach (string error in errors)
                {
                    await stderr.WriteLineAsync(errorPrefix + error);
                }

                return UsageError;
            }

            if (seedIsUsed(settings!))
            {
                await stderr.WriteLineAsync(DeviceOptionSet.SeedWarning);
            }

            try
            {
                return await serve(settings!, cancellationToken);
            }
            catch (Exception exception) when (isStartupFailure(exception))
            {
                await stderr.WriteLineAsync(errorPrefix + exception.Message);
                return StartupError;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 0; // stopped while still starting
            }
        });

        invocation.Output = stdout;
        invocation.Error = stderr;
        invocation.EnableDefaultExceptionHandler = false;
        return await parse.InvokeAsync(invocation);
    }
}
