using HemSim.Cli.Http;

namespace HemSim.Cli.Auth;

/// <summary>
/// The answer of <c>GET /api/auth/token</c> (spec A1) or <c>GET /api/auth/init</c> (spec A3): a nonce, the boot's
/// session key and the device identity key whose base64 text salts the passphrase derivation.
/// </summary>
internal sealed record AuthChallenge(long Exp, string Spk, string Jti, string Eid)
{
    public static AuthChallenge Parse(HemResponse response) => new(
        response.RequiredInt64("exp"),
        response.RequiredString("spk"),
        response.RequiredString("jti"),
        response.RequiredString("eid"));

    public byte[] SessionPublicKey() =>
        Text.Base64Text.TryDecodeAny(Spk, out byte[]? key)
            ? key
            : throw new HemProtocolException("the device's session key (spk) is not base64");
}
