namespace HemSim.Cli.Http;

/// <summary>
/// The device answered with a non-2xx status. It ends the command: <see cref="Commands.CommandRunner"/> catches it
/// once and prints the status with its device meaning (spec §3.5).
/// </summary>
internal sealed class HemStatusException(int status, string method, string path)
    : Exception($"{method} {path} answered {status}")
{
    public int Status { get; } = status;

    public string Method { get; } = method;

    public string Path { get; } = path;
}
