using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Device;
using HemSim.Firmware.Routing;

namespace HemSim.Bench;

/// <summary>
/// Provisioning and login through the device's own request pipeline (spec §6.1, §7.1), with fixed client keys
/// instead of passphrases: the benchmark measures key management, not PBKDF2.
/// </summary>
internal sealed class BenchLogin(DeviceCore core)
{
    private static readonly byte[] s_userPrivate = [.. Enumerable.Repeat((byte)0x11, 32)];
    private static readonly byte[] s_masterPrivate = [.. Enumerable.Repeat((byte)0x22, 32)];
    private const string Header = "{\"ecdh\":\"x25519\",\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    public ApiResponse Send(ApiRequest request) => RequestPipeline.Process(core, request);

    public ApiResponse Get(string path, string? token = null, bool tls = true) =>
        Send(ApiRequest.Get(path, tls) with { Authorization = token is null ? null : "Bearer " + token });

    public ApiResponse Post(string path, string json, string? token = null, bool tls = true) =>
        Send(ApiRequest.Post(path, Encoding.UTF8.GetBytes(json), tls) with { Authorization = token is null ? null : "Bearer " + token });

    public void Provision()
    {
        JsonObject challenge = Json(Get("/api/auth/init", tls: false), "/api/auth/init");
        JsonObject payload = Claims(challenge, s_masterPrivate, scope: null);
        payload["cfg"] = new JsonObject
        {
            ["masterkey"] = Public(s_masterPrivate),
            ["userkey"] = Public(s_userPrivate),
            ["user"] = "Bench",
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
        string init = Sign(payload, s_masterPrivate, challenge);
        Expect(Post("/api/auth/init", JsonSerializer.Serialize(new { init }), tls: false), "POST /api/auth/init");
    }

    public string Token(string scope)
    {
        JsonObject challenge = Json(Get("/api/auth/token", tls: false), "/api/auth/token");
        string auth = Sign(Claims(challenge, s_userPrivate, scope), s_userPrivate, challenge);
        JsonObject reply = Json(Post("/api/auth/token", JsonSerializer.Serialize(new { auth }), tls: false), "POST /api/auth/token");
        return reply["token"]!.GetValue<string>();
    }

    private static JsonObject Claims(JsonObject challenge, byte[] clientPrivate, string? scope)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = new JsonObject
        {
            ["jti"] = challenge["jti"]!.GetValue<string>(),
            ["aud"] = challenge["spk"]!.GetValue<string>(),
            ["exp"] = now + 3600,
            ["iat"] = now,
            ["iss"] = Public(clientPrivate),
        };
        if (scope is not null)
        {
            payload["scope"] = scope;
        }
        return payload;
    }

    private static string Sign(JsonObject payload, byte[] clientPrivate, JsonObject challenge)
    {
        if (!KeyAgreementAlgorithm.X25519.TryAgree(clientPrivate, Convert.FromBase64String(challenge["spk"]!.GetValue<string>()), out byte[] key))
        {
            throw new InvalidOperationException("The device's session key gives no shared secret.");
        }
        string input = B64Url(Encoding.UTF8.GetBytes(Header)) + "." + B64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return input + "." + B64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(input)));
    }

    private static string Public(byte[] privateKey) => Convert.ToBase64String(KeyAgreementAlgorithm.X25519.GetPublicKey(privateKey));

    private static string B64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static JsonObject Json(ApiResponse response, string what) =>
        JsonNode.Parse(Expect(response, what).Body)!.AsObject();

    private static ApiResponse Expect(ApiResponse response, string what) =>
        response.Status == 200 ? response : throw new InvalidOperationException($"{what} answered {response.Status}.");
}
