using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HemSim.Firmware.Device;
using HemSim.Firmware.Routing;

namespace HemSim.TestKit;

/// <summary>
/// A device driven synchronously on the test's thread: no device thread, no transport. Uses real LiteDB
/// on a memory stream, a <see cref="FakeClock"/> and a seeded entropy source, so runs are reproducible.
/// </summary>
internal sealed class TestDevice : IDisposable
{
    public const long StartTime = 1_764_000_000;

    public TestDevice(HemDeviceOptions? options = null, FakeClock? clock = null)
    {
        Clock = clock ?? new FakeClock(StartTime, keepTimeOnReset: true);
        options ??= new HemDeviceOptions();
        Core = DeviceCore.Create(options with
        {
            Clock = Clock,
            Seed = options.Seed ?? (options.Entropy is null ? Encoding.ASCII.GetBytes("HemSim unit tests") : null),
        });
    }

    public static readonly ClientKey User = ClientKey.FromSeed(0x11);
    public static readonly ClientKey Master = ClientKey.FromSeed(0x22);

    public DeviceCore Core { get; }
    public FakeClock Clock { get; }

    public ApiResponse Send(ApiRequest request)
    {
        var response = RequestPipeline.Process(Core, request);
        if (response.Flags.HasFlag(ResponseFlags.RebootAfterReply))
        {
            Core.Reboot();
        }
        return response;
    }

    public ApiResponse Get(string path, string? token = null, bool tls = true) =>
        Send(ApiRequest.Get(path, tls) with { Authorization = token is null ? null : "Bearer " + token });

    public ApiResponse Post(string path, object body, string? token = null, bool tls = true) =>
        Send(ApiRequest.Post(path, Encoding.UTF8.GetBytes(body as string ?? JsonSerializer.Serialize(body)), tls)
            with { Authorization = token is null ? null : "Bearer " + token });

    /// <summary>A provisioning <c>cfg</c> with every field a PPA requires.</summary>
    public static JsonObject DefaultConfig(ClientKey user, ClientKey master) => new()
    {
        ["masterkey"] = master.PublicText,
        ["userkey"] = user.PublicText,
        ["user"] = "Test User",
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

    /// <summary>Runs GET+POST /api/auth/init as a client would (spec §7.1 steps 3–6).</summary>
    public ApiResponse Provision(Action<JsonObject>? editConfig = null, ClientKey? user = null, ClientKey? master = null)
    {
        user ??= User;
        master ??= Master;
        var challenge = Json(Get("/api/auth/init", tls: false));
        var builder = ProofBuilder.ForChallenge(
            challenge["jti"]!.GetValue<string>(), challenge["spk"]!.GetValue<string>(),
            challenge["exp"]!.GetValue<long>(), Now, master, scope: null);
        var cfg = DefaultConfig(user, master);
        editConfig?.Invoke(cfg);
        builder.Payload["cfg"] = cfg;
        var init = builder.Sign(master.Agree(challenge["spk"]!.GetValue<string>()));
        return Post("/api/auth/init", new { init }, tls: false);
    }

    /// <summary>Logs in (spec §6.1) and returns the bearer token; throws when the device refuses.</summary>
    public string Login(string scope, ClientKey? key = null, long? exp = null)
    {
        var response = LoginResponse(scope, key ?? User, exp);
        if (response.Status != 200)
        {
            throw new InvalidOperationException($"Login refused with {response.Status}.");
        }
        return Json(response)["token"]!.GetValue<string>();
    }

    public ApiResponse LoginResponse(string scope, ClientKey key, long? exp = null, Action<ProofBuilder>? tamper = null)
    {
        var challenge = Json(Get("/api/auth/token", tls: false));
        var spk = challenge["spk"]!.GetValue<string>();
        var builder = ProofBuilder.ForChallenge(
            challenge["jti"]!.GetValue<string>(), spk, exp ?? Now + 3600, Now, key, scope);
        tamper?.Invoke(builder);
        return Post("/api/auth/token", new { auth = builder.Sign(key.Agree(spk)) }, tls: false);
    }

    public long Now => Clock.TryGetUnixTime(out var now) ? now : 0;

    public static JsonObject Json(ApiResponse response) =>
        JsonNode.Parse(response.Body)?.AsObject() ?? throw new InvalidOperationException("Empty body.");

    public void Dispose() => Core.Dispose();
}
