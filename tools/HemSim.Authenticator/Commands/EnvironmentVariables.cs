namespace HemSim.Authenticator.Commands;

/// <summary>The environment variables behind the common options (README, "Virtual authenticator").</summary>
internal static class EnvironmentVariables
{
    public const string Broker = "HEMSIM_AUTHENTICATOR_BROKER";
    public const string CaCertificate = "HEMSIM_AUTHENTICATOR_CA";
    public const string State = "HEMSIM_AUTHENTICATOR_STATE";
}
