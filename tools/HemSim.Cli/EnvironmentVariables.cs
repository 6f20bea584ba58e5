namespace HemSim.Cli;

/// <summary>Names of the environment variables the client reads (README.md, "Command-line client" lists them for users).</summary>
internal static class EnvironmentVariables
{
    public const string Url = "HEMSIM_URL";
    public const string CaCertificate = "HEMSIM_CA";
    public const string Token = "HEMSIM_TOKEN";
    public const string UserPassphrase = "HEMSIM_USER_PASSPHRASE";
    public const string AdminPassphrase = "HEMSIM_ADMIN_PASSPHRASE";
    public const string NewUserPassphrase = "HEMSIM_NEW_USER_PASSPHRASE";
}
