using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim tls …</c>: the device's TLS certificate (spec §7.1 step 8, §11.6 <c>tls</c>/<c>gen_csr</c>).</summary>
internal static class TlsCommand
{
    public static Command Create(GlobalOptions global, CliHost host) =>
        new("tls", "The device's TLS certificate: enrol one with the backend")
        {
            TlsEnrollCommand.Create(global, host),
        };
}
