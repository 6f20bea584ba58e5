using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using HemSim.Authenticator.Scheme;

namespace HemSim.Authenticator.Tests;

/// <summary>
/// The device side of docs/EXTERNAL-AUTH.md, just enough to feed the app: an identity key pair, pairing
/// requests, validation (the code) and authreqs with scope blobs. Written from the document for these unit
/// tests; the real device is exercised by the firmware's own tests.
/// </summary>
internal sealed class DocumentDevice
{
    private readonly byte[] _idk;
    private readonly Dictionary<string, byte[]> _appKeys = new(StringComparer.Ordinal);

    public DocumentDevice()
    {
        (_idk, byte[] eid) = ExtScheme.NewKeyPair();
        Eid = Convert.ToBase64String(eid);
    }

    public string Eid { get; }

    /// <summary>A pairing request (§3 step 2); the app cannot check its signature, so any key does.</summary>
    public string PairingRequest(string? iss = null) => ExtJws.Sign(RandomNumberGenerator.GetBytes(32), new JsonObject
    {
        ["jti"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["exp"] = 1_800_000_000L,
        ["aud"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["iss"] = iss ?? Eid,
    });

    /// <summary>§3 step 6 without the nonce bookkeeping: Kapp from the reply's epk claim; the kid and code.</summary>
    public (string Kid, string Code) Validate(string pid, string reply)
    {
        ExtJws.TryParse(reply, out ExtJwsParts parts).Should().BeTrue();
        byte[] apk = Convert.FromBase64String(parts.Claims["epk"]!.GetValue<string>());
        byte[] kapp = ExtScheme.SharedKey(_idk, apk);
        ExtJws.Verify(kapp, reply).Should().BeTrue("the reply is signed with Kapp");
        _appKeys[pid] = apk;
        return (Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), ExtScheme.PairingCode(kapp, reply));
    }

    public byte[] SharedKeyWith(string pid) => ExtScheme.SharedKey(_idk, _appKeys[pid]);

    /// <summary>An authreq (§4 step 2) for the given paired apps, blobs sealed in the request direction.</summary>
    public string AuthReq(string scopePlaintext, IEnumerable<string> pids, string? ctx = null, string? note = null, long exp = 1_800_003_600L)
    {
        string jti = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var scopes = new JsonObject();
        foreach (string pid in pids)
        {
            byte[] blob = ScopeBlob.Seal(SharedKeyWith(pid), Convert.FromBase64String(jti), scopePlaintext, ScopeDirection.Request);
            scopes[Convert.ToBase64String(ExtScheme.AppId(Convert.FromBase64String(pid)))] = Convert.ToBase64String(blob);
        }
        var claims = new JsonObject
        {
            ["iss"] = Eid,
            ["aud"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["iat"] = exp - 3600,
            ["exp"] = exp,
            ["jti"] = jti,
            ["scope"] = scopes,
        };
        if (ctx is not null)
        {
            claims["ctx"] = ctx;
        }
        if (note is not null)
        {
            claims["note"] = note;
        }
        return ExtJws.Sign(RandomNumberGenerator.GetBytes(32), claims);
    }

    /// <summary>Pairs <paramref name="app"/> in-process, as a test's set-up.</summary>
    public Pairing Pair(VirtualAuthenticator app, string label = "phone")
    {
        PendingPairing pending = app.BeginPairing(Eid, PairingRequest(), label);
        (string kid, string code) = Validate(pending.Pid, pending.Reply);
        return app.CompletePairing(pending, kid, code) ?? throw new InvalidOperationException("The code did not match.");
    }

    /// <summary>
    /// <paramref name="authreq"/> with its first scope member written twice, as a device with two records of one pid
    /// would send it (JSON allows it; <see cref="System.Text.Json.Nodes.JsonObject"/> throws on it), re-signed.
    /// </summary>
    public static string WithDuplicateScopeMember(string authreq)
    {
        string payload = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(authreq.Split('.')[1]));
        int open = payload.IndexOf("\"scope\":{", StringComparison.Ordinal) + "\"scope\":{".Length;
        int end = payload.IndexOf('}', open);
        string member = payload[open..end].Split(',')[0];
        payload = payload[..open] + member + "," + payload[open..];
        string signingInput = authreq.Split('.')[0] + "." + System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload));
        byte[] signature = System.Security.Cryptography.HMACSHA256.HashData(RandomNumberGenerator.GetBytes(32), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + System.Buffers.Text.Base64Url.EncodeToString(signature);
    }

    public static string ClaimNames(string jws)
    {
        ExtJws.TryParse(jws, out ExtJwsParts parts).Should().BeTrue();
        return string.Join(",", parts.Claims.Select(member => member.Key));
    }

    public static string HeaderText(string jws) => Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(jws.Split('.')[0]));
}
