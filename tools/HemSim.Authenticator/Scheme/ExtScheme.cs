using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace HemSim.Authenticator.Scheme;

/// <summary>
/// The primitives of docs/EXTERNAL-AUTH.md §1–§2 the app side needs: X25519 key pairs and shared secrets, the
/// <c>appid</c> and the pairing <c>code</c>. Written from the document alone, not from the firmware, so the
/// device and this authenticator check each other.
/// </summary>
public static class ExtScheme
{
    /// <summary>The only header the scheme accepts: exactly these members in this order (§1, spec §9.1).</summary>
    public const string HeaderJson = "{\"ecdh\":\"x25519\",\"typ\":\"JWT\",\"alg\":\"HS256\"}";

    public const int KeySize = 32;

    /// <summary>A fresh X25519 key pair: one per pairing (the app's <c>ask</c>/<c>apk</c>, §2).</summary>
    public static (byte[] PrivateKey, byte[] PublicKey) NewKeyPair()
    {
        var privateKey = new X25519PrivateKeyParameters(new SecureRandom());
        return (privateKey.GetEncoded(), privateKey.GeneratePublicKey().GetEncoded());
    }

    /// <summary>The public key of an X25519 private key.</summary>
    public static byte[] PublicKeyOf(ReadOnlySpan<byte> privateKey) =>
        new X25519PrivateKeyParameters(privateKey).GeneratePublicKey().GetEncoded();

    /// <summary>RFC 7748 X25519: <c>Kapp = SharedKey(ask, eid)</c>.</summary>
    /// <exception cref="ArgumentException">A key is not 32 bytes.</exception>
    public static byte[] SharedKey(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey)
    {
        if (privateKey.Length != KeySize || publicKey.Length != KeySize)
        {
            throw new ArgumentException($"X25519 keys are {KeySize} bytes.");
        }
        var secret = new byte[KeySize];
        new X25519PrivateKeyParameters(privateKey).GenerateSecret(new X25519PublicKeyParameters(publicKey), secret);
        return secret;
    }

    /// <summary><c>appid = SHA-256(pid)</c> (§2): the member name of this app's blob in an authreq's scope object.</summary>
    public static byte[] AppId(ReadOnlySpan<byte> pid) => SHA256.HashData(pid);

    /// <summary>The pairing code the device answers from validate (§3 step 6): <c>b64(HMAC(Kapp, ASCII reply))</c>.</summary>
    public static string PairingCode(ReadOnlySpan<byte> kapp, string reply) =>
        Convert.ToBase64String(HMACSHA256.HashData(kapp, Encoding.ASCII.GetBytes(reply)));
}
