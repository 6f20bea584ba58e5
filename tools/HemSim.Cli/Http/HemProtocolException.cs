namespace HemSim.Cli.Http;

/// <summary>A 2xx answer whose body is not what the spec promises (not JSON, a field missing or mistyped).</summary>
internal sealed class HemProtocolException(string message) : Exception(message);
