using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim attestation</c>. NOT IMPLEMENTED YET (stub).</summary>
internal static class AttestationCommand
{
    public static Command Create(GlobalOptions global, CliHost host) => new("attestation", "Device attestation certificate and genuine token (not implemented yet)");
}
