namespace HemSim.Cli.Http;

/// <summary>No HTTP answer at all: connection refused, TLS handshake rejected, timeout. Exit code 2.</summary>
internal sealed class HemConnectionException(string message, Exception? inner = null) : Exception(message, inner);
