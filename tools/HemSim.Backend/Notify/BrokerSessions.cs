using System.Security.Cryptography;
using HemSim.Backend.Checkin;
using Rfc7748 = Org.BouncyCastle.Math.EC.Rfc7748;

namespace HemSim.Backend.Notify;

/// <summary>One broker session: a fresh X25519 pair (<c>esk</c>, <c>epk</c>) and, when the client named it, the device's <c>eid</c>.</summary>
internal sealed class BrokerSession(byte[] privateKey, byte[] publicKey, byte[]? eid)
{
    public byte[] PublicKey { get; } = publicKey;

    /// <summary>The device the session was opened for (<c>POST /notify/session {eid}</c>); null when opened by GET.</summary>
    public byte[]? Eid { get; } = eid;

    /// <summary>
    /// <c>Kreq = X25519(esk, eid)</c> (docs/EXTERNAL-AUTH.md §2), or null when <paramref name="deviceKey"/> is not a
    /// usable X25519 public key. The caller zeroes it after use.
    /// </summary>
    public byte[]? SharedSecretWith(byte[] deviceKey)
    {
        byte[] shared = new byte[Rfc7748.X25519.PointSize];
        if (deviceKey.Length == Rfc7748.X25519.PointSize && Rfc7748.X25519.CalculateAgreement(privateKey, 0, deviceKey, 0, shared, 0))
        {
            return shared;
        }
        CryptographicOperations.ZeroMemory(shared);
        return null;
    }
}

/// <summary>
/// <c>POST /notify/session {eid}</c> (pairing, spec §9.1 step 2) and <c>GET /notify/session</c> (remote login, spec
/// §9.2 step 2): each call makes a new session key pair and answers <c>{"epk"}</c>; later calls name the session by
/// that <c>epk</c>. The private half never leaves this table and is never logged.
/// </summary>
internal sealed class BrokerSessions(TimeProvider time)
{
    private readonly RelayTable<BrokerSession> _sessions = new(time);

    /// <summary><c>POST /notify/session</c>: the body must name the device, <c>{"eid":"&lt;b64 32 bytes&gt;"}</c>.</summary>
    public (int Status, byte[] Body) OpenFor(byte[] body)
    {
        if (NotifyJson.ObjectOf(body) is not { } root || NotifyJson.StringOf(root, "eid") is not { } text
            || !Jws.TryDecode(text, out byte[] eid) || eid.Length != Rfc7748.X25519.PointSize)
        {
            return NotifyJson.BadRequest("eid: expected {\"eid\":\"<b64 32-byte X25519 public key>\"}");
        }
        return Open(eid);
    }

    /// <summary><c>GET /notify/session</c>: the device is learned later, from the <c>authreq</c>'s <c>iss</c>.</summary>
    public (int Status, byte[] Body) OpenAnonymous() => Open(eid: null);

    /// <summary>The live session whose public key <paramref name="epkText"/> (b64) names, if any.</summary>
    public BrokerSession? Find(string? epkText)
    {
        if (epkText is null || !Jws.TryDecode(epkText, out byte[] epk) || epk.Length != Rfc7748.X25519.PointSize)
        {
            return null;
        }
        lock (_sessions.Gate)
        {
            return _sessions.TryGet(Convert.ToBase64String(epk), out BrokerSession session) ? session : null;
        }
    }

    private (int Status, byte[] Body) Open(byte[]? eid)
    {
        byte[] privateKey = new byte[Rfc7748.X25519.ScalarSize];
        Rfc7748.X25519.GeneratePrivateKey(new Org.BouncyCastle.Security.SecureRandom(), privateKey);
        byte[] publicKey = new byte[Rfc7748.X25519.PointSize];
        Rfc7748.X25519.GeneratePublicKey(privateKey, 0, publicKey, 0);
        string epk = Convert.ToBase64String(publicKey);
        lock (_sessions.Gate)
        {
            _sessions.Add(epk, new BrokerSession(privateKey, publicKey, eid));
        }
        return NotifyJson.Ok(writer => writer.WriteString("epk", epk));
    }
}
