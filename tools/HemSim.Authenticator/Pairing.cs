using HemSim.Authenticator.Scheme;

namespace HemSim.Authenticator;

/// <summary>
/// One confirmed pairing with a device: what the app keeps after the code matched (§3 step 7). The app's
/// private key stays inside: it is not a property, so it is never printed or serialised by accident.
/// </summary>
public sealed class Pairing
{
    private readonly byte[] _appPrivateKey;

    internal Pairing(string pid, string eid, string label, string kid, Uri? broker, byte[] appPrivateKey)
    {
        Pid = pid;
        Eid = eid;
        Label = label;
        Kid = kid;
        Broker = broker;
        _appPrivateKey = appPrivateKey;
        AppId = ExtScheme.AppId(Convert.FromBase64String(pid));
    }

    /// <summary>The pairing id, b64 (16 random bytes).</summary>
    public string Pid { get; }

    /// <summary>The device's identity key, b64.</summary>
    public string Eid { get; }

    public string Label { get; }

    /// <summary>The kid of the device's record for this app (32 hex digits).</summary>
    public string Kid { get; }

    /// <summary>The broker the pairing went through (the part of the link before <c>/notify/</c>); null in-process.</summary>
    public Uri? Broker { get; }

    /// <summary><c>SHA-256(pid)</c>.</summary>
    public byte[] AppId { get; }

    /// <summary>The member name of this app's blob in an authreq's scope object.</summary>
    public string AppIdB64 => Convert.ToBase64String(AppId);

    /// <summary>The app's public key <c>apk</c>, b64.</summary>
    public string AppPublicKey => Convert.ToBase64String(ExtScheme.PublicKeyOf(_appPrivateKey));

    /// <summary><c>Kapp = X25519(ask, eid)</c>: a fresh copy the caller may wipe.</summary>
    public byte[] SharedKey() => ExtScheme.SharedKey(_appPrivateKey, Convert.FromBase64String(Eid));

    internal byte[] AppPrivateKey => _appPrivateKey;

    public override string ToString() => $"{Pid} kid {Kid} \"{Label}\"";
}
