using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim crypto …</c>: the cryptographic operations (spec §13), one verb per endpoint, one file each.</summary>
internal static class CryptoCommand
{
    public static Command Create(GlobalOptions global, CliHost host) =>
        new("crypto", "Use a stored key: HMAC, signatures, AES, key wrap, ECDH, ML-KEM, ML-DSA (HTTPS only; token keymgmt:use:<KID>)")
        {
            CryptoHmacCommand.Create(global, host),
            CryptoHmacVerifyCommand.Create(global, host),
            CryptoSignCommand.Create(global, host),
            CryptoVerifyCommand.Create(global, host),
            CryptoEncryptCommand.Create(global, host),
            CryptoDecryptCommand.Create(global, host),
            CryptoWrapCommand.Create(global, host),
            CryptoUnwrapCommand.Create(global, host),
            CryptoEcdhCommand.Create(global, host),
            CryptoMlKemEncapsCommand.Create(global, host),
            CryptoMlKemDecapsCommand.Create(global, host),
            CryptoMlDsaSignCommand.Create(global, host),
            CryptoMlDsaVerifyCommand.Create(global, host),
        };
}
