using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using HemSim.Backend.Checkin;
using HemSim.Backend.Hosting;
using HemSim.Backend.Notify;
using Rfc7748 = Org.BouncyCastle.Math.EC.Rfc7748;

namespace HemSim.Backend.Tests.Notify;

/// <summary>A clock the test moves: the broker's tables expire after an hour.</summary>
internal sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// The broker behind its own route table (<see cref="NotifyBroker.Routes"/>), called with a method, a path and a JSON
/// body as the backend's listener would, and a device stand-in that signs pairing requests and approval requests
/// the way docs/EXTERNAL-AUTH.md §3/§4 says (HMAC with <c>X25519(idk, epk)</c>).
/// </summary>
internal sealed class NotifyRig
{
    public static readonly Uri Origin = new("https://127.0.0.1:8444");

    public NotifyRig() => Routes = new NotifyBroker(() => Origin, Clock).Routes();

    public ManualClock Clock { get; } = new();

    public BackendRoute[] Routes { get; }

    public (int Status, JsonNode? Json) Call(string method, string path, string? body = null)
    {
        foreach (BackendRoute route in Routes)
        {
            if (route.Match(method, path) is { } rest)
            {
                var (status, answer) = route.Handle(rest, Encoding.UTF8.GetBytes(body ?? ""));
                return (status, answer.Length == 0 ? null : JsonNode.Parse(answer));
            }
        }
        return (404, null);
    }

    public (int Status, JsonNode? Json) Post(string path, object body) =>
        Call("POST", path, body as string ?? System.Text.Json.JsonSerializer.Serialize(body));

    /// <summary>A session opened for <paramref name="device"/> (pairing) or for nobody (remote login).</summary>
    public string OpenSession(FakeDevice? device = null) =>
        (device is null ? Call("GET", "/notify/session") : Post("/notify/session", new { eid = device.Eid })).Json!["epk"]!.GetValue<string>();
}

/// <summary>The device's side of the broker exchange: an identity key pair and the two messages it signs with Kreq.</summary>
internal sealed class FakeDevice
{
    private readonly byte[] _idk = new byte[Rfc7748.X25519.ScalarSize];

    public FakeDevice()
    {
        Rfc7748.X25519.GeneratePrivateKey(new Org.BouncyCastle.Security.SecureRandom(), _idk);
        byte[] eid = new byte[Rfc7748.X25519.PointSize];
        Rfc7748.X25519.GeneratePublicKey(_idk, 0, eid, 0);
        Eid = Convert.ToBase64String(eid);
    }

    public string Eid { get; }

    /// <summary>The pairing <c>request</c> (docs §3 step 2): claims jti, exp, aud, iss.</summary>
    public string Request(string epk, string? aud = null, FakeDevice? signer = null) => Sign(epk, signer, new JsonObject
    {
        ["jti"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["exp"] = 1_800_000_000,
        ["aud"] = aud ?? epk,
        ["iss"] = Eid,
    });

    /// <summary>The <c>authreq</c> (docs §4 step 2) for the given app ids; the scope blobs are opaque to the broker.</summary>
    public string AuthReq(string epk, IEnumerable<byte[]> appIds, string? aud = null, FakeDevice? signer = null, JsonNode? scope = null)
    {
        var blobs = new JsonObject();
        foreach (byte[] appId in appIds)
        {
            blobs[Convert.ToBase64String(appId)] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        }
        return Sign(epk, signer, new JsonObject
        {
            ["iss"] = Eid,
            ["aud"] = aud ?? epk,
            ["iat"] = 1_700_000_000,
            ["exp"] = 1_700_003_600,
            ["jti"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["scope"] = scope ?? blobs,
        });
    }

    private string Sign(string epk, FakeDevice? signer, JsonObject claims)
    {
        byte[] shared = new byte[Rfc7748.X25519.PointSize];
        Rfc7748.X25519.CalculateAgreement((signer ?? this)._idk, 0, Convert.FromBase64String(epk), 0, shared, 0);
        return Jws.Sign(Jws.Header, Encoding.UTF8.GetBytes(claims.ToJsonString()), shared);
    }
}
