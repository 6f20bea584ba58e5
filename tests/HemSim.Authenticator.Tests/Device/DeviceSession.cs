using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using HemSim.Authenticator.Scheme;
using HemSim.Firmware.Device;

namespace HemSim.Authenticator.Tests.Device;

/// <summary>
/// A real <see cref="HemDevice"/> (in memory, RTC from the host clock) driven through its public API only, with
/// just enough of a client to provision it and log in (spec §6.1, §7.1). The TestKit's richer helpers are internal
/// to other test projects; these tests need only this.
/// </summary>
internal sealed class DeviceSession : IDisposable
{
    private const string ClientHeader = "{\"ecdh\":\"x25519\",\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private readonly HemDevice _device = HemDevice.Boot(new HemDeviceOptions());
    private readonly (byte[] Private, byte[] Public) _user = ExtScheme.NewKeyPair();
    private readonly (byte[] Private, byte[] Public) _master = ExtScheme.NewKeyPair();

    /// <summary>A throwaway broker session key: the device only needs a 32-byte X25519 <c>epk</c>.</summary>
    public string Epk { get; } = Convert.ToBase64String(ExtScheme.NewKeyPair().PublicKey);

    public async Task ProvisionAsync()
    {
        JsonObject challenge = (await SendAsync("GET", "/api/auth/init")).Json;
        var cfg = new JsonObject
        {
            ["masterkey"] = Convert.ToBase64String(_master.Public),
            ["userkey"] = Convert.ToBase64String(_user.Public),
            ["user"] = "Authenticator Tests",
            ["email"] = "",
            ["hostname"] = "my.ence.do",
            ["origin"] = "*",
            ["trusted_ts"] = false,
            ["trusted_backend"] = false,
            ["allow_keysearch"] = false,
            ["ip"] = "192.168.7.1",
            ["storage_mode"] = 81,
            ["storage_disk0size"] = 8388608,
            ["dnsd"] = false,
        };
        string init = Proof(challenge, _master, scope: null, cfg);
        (await SendAsync("POST", "/api/auth/init", new JsonObject { ["init"] = init })).Status.Should().Be(200);
    }

    /// <summary>Logs in as the user (role U) with <paramref name="scope"/>.</summary>
    public async Task<string> LoginAsync(string scope)
    {
        JsonObject challenge = (await SendAsync("GET", "/api/auth/token")).Json;
        var reply = await SendAsync("POST", "/api/auth/token", new JsonObject { ["auth"] = Proof(challenge, _user, scope, cfg: null) });
        reply.Status.Should().Be(200);
        return reply.Json["token"]!.GetValue<string>();
    }

    /// <param name="tls">As if over HTTPS (key management refuses plain HTTP, spec §3.1).</param>
    public async Task<(int Status, JsonObject Json)> SendAsync(
        string method, string path, JsonObject? body = null, string? token = null, bool tls = false)
    {
        ApiRequest request = method == "GET"
            ? ApiRequest.Get(path, tls)
            : ApiRequest.Post(path, Encoding.UTF8.GetBytes(body?.ToJsonString() ?? ""), tls);
        ApiResponse response = await _device.ProcessAsync(request with { Authorization = token is null ? null : "Bearer " + token });
        JsonObject json = response.Body.Length > 0 && JsonNode.Parse(response.Body) is JsonObject parsed ? parsed : [];
        return (response.Status, json);
    }

    public void Dispose() => _device.Dispose();

    /// <summary>An eJWT as the clients build it (spec §6.1 steps 5–7): HMAC under X25519(client, spk).</summary>
    private static string Proof(JsonObject challenge, (byte[] Private, byte[] Public) key, string? scope, JsonObject? cfg)
    {
        string spk = challenge["spk"]!.GetValue<string>();
        var claims = new JsonObject
        {
            ["jti"] = challenge["jti"]!.GetValue<string>(),
            ["aud"] = spk,
            ["exp"] = challenge["exp"]!.GetValue<long>(),
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["iss"] = Convert.ToBase64String(key.Public),
        };
        if (scope is not null)
        {
            claims["scope"] = scope;
        }
        if (cfg is not null)
        {
            claims["cfg"] = cfg;
        }
        byte[] hmacKey = ExtScheme.SharedKey(key.Private, Convert.FromBase64String(spk));
        try
        {
            return ExtJws.Sign(hmacKey, claims, ClientHeader);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(hmacKey);
        }
    }
}
