using HemSim.Cli.Http;
using HemSim.Cli.Text;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace HemSim.Cli.Logs;

/// <summary>
/// The answer of <c>GET /api/logger/key</c> (spec §15.1): the logger's Ed25519 public key, a fresh device nonce and the
/// device's signature of it. A signature that verifies shows the key belongs to the device that answered now.
/// </summary>
internal sealed record LoggerKeyAnswer(byte[] Key, byte[] Nonce, byte[] NonceSignature)
{
    public const string Path = "/api/logger/key";

    /// <summary>True when <see cref="NonceSignature"/> is an Ed25519 signature of the raw nonce bytes under <see cref="Key"/>.</summary>
    public bool NonceSignatureVerifies =>
        Key.Length == LogVerifier.KeySize
        && NonceSignature.Length == LogVerifier.SignatureSize
        && Ed25519.Verify(NonceSignature, 0, Key, 0, Nonce, 0, Nonce.Length);

    public static LoggerKeyAnswer Parse(HemResponse reply)
    {
        byte[] key = Bytes(reply, "key");
        return key.Length == LogVerifier.KeySize
            ? new LoggerKeyAnswer(key, Bytes(reply, "nonce"), Bytes(reply, "nonce_signed"))
            : throw new HemProtocolException($"{Path}: the key has {key.Length} bytes, an Ed25519 public key has {LogVerifier.KeySize}");
    }

    /// <summary>Fetches the key and refuses it unless the device's nonce signature verifies.</summary>
    public static async Task<LoggerKeyAnswer> FetchVerifiedAsync(HemClient client, string bearer, CancellationToken cancellationToken)
    {
        LoggerKeyAnswer answer = Parse(await client.GetAsync(Path, bearer, cancellationToken).ConfigureAwait(false));
        return answer.NonceSignatureVerifies
            ? answer
            : throw new HemProtocolException($"{Path}: nonce_signed does not verify with the key: do not trust this key");
    }

    private static byte[] Bytes(HemResponse reply, string field) =>
        Base64Text.TryDecodeAny(reply.RequiredString(field), out byte[]? bytes)
            ? bytes
            : throw new HemProtocolException($"{Path}: the answer's \"{field}\" is not base64");
}
