using System.Security.Cryptography;
using HemSim.Cli.Http;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace HemSim.Cli.Auth;

/// <summary>
/// A client X25519 key pair whose private scalar is a passphrase-derived seed (spec §6.1 step 3). The seed is
/// wiped on dispose.
/// </summary>
internal sealed class ClientKeyPair : IDisposable
{
    public const int KeySize = X25519.PointSize;

    private readonly byte[] _seed;

    /// <summary>Takes ownership of <paramref name="seed"/>, used directly as the private scalar (X25519 clamps it).</summary>
    public ClientKeyPair(byte[] seed)
    {
        if (seed.Length != X25519.ScalarSize)
        {
            throw new ArgumentException($"an X25519 seed is {X25519.ScalarSize} bytes", nameof(seed));
        }

        _seed = seed;
        PublicKey = new byte[KeySize];
        X25519.GeneratePublicKey(_seed, 0, PublicKey, 0);
    }

    public byte[] PublicKey { get; }

    /// <summary>Standard padded base64 of the public key: the eJWT <c>iss</c> and the cfg key fields.</summary>
    public string PublicKeyBase64 => Convert.ToBase64String(PublicKey);

    /// <summary>The private seed; exposed for known-answer tests only.</summary>
    internal ReadOnlySpan<byte> Seed => _seed;

    /// <summary><c>X25519(seed, peer)</c>, the HMAC key of an eJWT (spec §6.1 step 4). The caller wipes the result.</summary>
    public byte[] AgreeWith(ReadOnlySpan<byte> peerPublicKey)
    {
        if (peerPublicKey.Length != KeySize)
        {
            throw new HemProtocolException($"the device's session key (spk) is {peerPublicKey.Length} bytes, not {KeySize}");
        }

        byte[] shared = new byte[KeySize];
        // An all-zero result means a low-order peer point: no device sends one, and it would make the HMAC key public.
        return X25519.CalculateAgreement(_seed, 0, peerPublicKey.ToArray(), 0, shared, 0)
            ? shared
            : throw new HemProtocolException("the device's session key (spk) is a low-order point");
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_seed);
}
