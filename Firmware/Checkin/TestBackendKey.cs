namespace HemSim.Firmware.Checkin;

/// <summary>
/// The simulator's published check-in backend key pair (spec §8.4 (b)): the device trusts its public half unless
/// <c>HemDeviceOptions.BackendKey</c> names another key, and the stand-in backend (tools/HemSim.Backend) signs with
/// its private half unless told otherwise. The one place both sides take it from.
/// </summary>
/// <remarks>
/// NOT SECRET: a published test key. Its private half is in this source file on purpose, so that anyone can run a
/// backend the default simulator trusts. It protects nothing; a rig that needs a backend others cannot impersonate
/// makes its own pair and passes the public half with <c>--backend-key</c>.
/// </remarks>
public static class TestBackendKey
{
    /// <summary>X25519 private key, standard base64. Not secret: a published test key.</summary>
    public const string PrivateKeyBase64 = "aFGJBpDr3XOWr7EpHTO3wC3pHhF3NPzEgfzVPzmjfnY=";

    /// <summary>X25519 public key (= X25519(<see cref="PrivateKeyBase64"/>, 9)), standard base64: the check token's <c>aud</c>.</summary>
    public const string PublicKeyBase64 = "suGXqs7p76lqNmYmShoX43W5vTeoYAMPtmuTV7sYVjY=";

    /// <summary>The private key's 32 bytes (a new array per call). Not secret: a published test key.</summary>
    public static byte[] PrivateKey => Convert.FromBase64String(PrivateKeyBase64);

    /// <summary>The public key's 32 bytes (a new array per call).</summary>
    public static byte[] PublicKey => Convert.FromBase64String(PublicKeyBase64);
}
