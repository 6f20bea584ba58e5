using HemSim.Authenticator.Scheme;

namespace HemSim.Authenticator;

/// <summary>
/// A pairing the app has answered but not yet confirmed (§3 steps 4–6): it becomes a <see cref="Pairing"/> only
/// when the device's code matches (<see cref="VirtualAuthenticator.CompletePairing"/>).
/// </summary>
public sealed class PendingPairing
{
    private readonly byte[] _appPrivateKey;

    internal PendingPairing(string pid, string eid, string jti, string label, string reply, Uri? broker, byte[] appPrivateKey)
    {
        Pid = pid;
        Eid = eid;
        Jti = jti;
        Label = label;
        Reply = reply;
        Broker = broker;
        _appPrivateKey = appPrivateKey;
    }

    /// <summary>The new pairing id, b64: send it with <see cref="Reply"/>.</summary>
    public string Pid { get; }

    public string Eid { get; }

    /// <summary>The <c>request</c>'s <c>jti</c> the reply answers.</summary>
    public string Jti { get; }

    public string Label { get; }

    /// <summary>The reply JWS for <c>POST /api/auth/ext/validate</c> (through the broker, or directly in tests).</summary>
    public string Reply { get; }

    public Uri? Broker { get; }

    /// <summary>
    /// The pairing code this app computes, <c>b64(HMAC(Kapp, reply))</c> (§3 step 6). The app shows it; the user
    /// compares it with the code the client shows. Only that comparison tells this app's reply from one that the
    /// broker, or anyone else holding the link, made with a key of its own.
    /// </summary>
    public string Code
    {
        get
        {
            byte[] kapp = SharedKey();
            try
            {
                return ExtScheme.PairingCode(kapp, Reply);
            }
            finally
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(kapp);
            }
        }
    }

    /// <summary><c>Kapp</c> of this attempt (tests use it to build tampered messages).</summary>
    public byte[] SharedKey() => ExtScheme.SharedKey(_appPrivateKey, Convert.FromBase64String(Eid));

    internal Pairing Confirm(string kid) => new(Pid, Eid, Label, kid, Broker, _appPrivateKey);
}
