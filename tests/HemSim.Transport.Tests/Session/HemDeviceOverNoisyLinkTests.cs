using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HemSim.Firmware.Device;
using HemSim.Firmware.Flash;
using HemSim.TestKit;
using HemSim.Transport.Links;
using HemSim.Transport.Tests.Support;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace HemSim.Transport.Tests.Session;

/// <summary>
/// The real device behind a noisy line (issue: "the keystore holds exactly the keys that were acknowledged —
/// none twice, none lost"): provisioning, login and key creation all travel through frames that get damaged.
/// </summary>
[TestClass]
public sealed class HemDeviceOverNoisyLinkTests
{
    private const int KeyGeneration = 0x14;
    private const int ExdsaSign = 0x20;

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task Keys_created_over_a_noisy_link_are_exactly_the_acknowledged_ones()
    {
        // Arrange
        int count = Soak.Scale(1000, 4000);
        using var folder = new TempFolder();
        var kids = new List<string>();
        NoisyLink? noisy = null;
        await using (var device = HemDevice.Boot(new HemDeviceOptions
        {
            DataDirectory = folder.Path,
            KeystoreSlots = count + 16,
            Clock = new FakeClock(TestDevice.StartTime, keepTimeOnReset: true),
            Seed = Encoding.ASCII.GetBytes("HemDeviceOverNoisyLinkTests"),
        }))
        {
            await using var pair = await SessionPair.StartAsync(device.ProcessAsync, NoisyLinkSessionTests.NoisyHost,
                wrapHostEnd: end => noisy = NoisyLink.Wrap(end, new NoisyLinkOptions { Seed = 5, OutgoingRate = 0.01, IncomingRate = 0.01 }));
            string token = await ProvisionAndLoginAsync(pair.Host, "keymgmt:gen");

            // Act
            ApiResponse[] responses = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
                pair.Host.SendAsync(Post("/api/keymgmt/create", new { label = $"k{i}", type = "AES256" }, token)))).Within();

            responses.Should().OnlyContain(r => r.Status == 200);
            kids.AddRange(responses.Select(r => Json(r)["kid"]!.GetValue<string>().ToUpperInvariant()));
        }

        // Assert: the flash holds each acknowledged key once, and nothing else
        kids.Should().HaveCount(count).And.OnlyHaveUniqueItems();
        using LiteDbFlash flash = LiteDbFlash.Open(folder.File("flash.db"));
        flash.ReadSlots().Select(slot => Convert.ToHexString(slot.Kid)).Should().BeEquivalentTo(kids);
        List<AuditLine> lines = flash.ListLogFiles().SelectMany(file => AuditLine.ParseAll(flash.ReadLogFile(file))).ToList();
        lines.Count(line => line.Type == KeyGeneration).Should().Be(count);
        lines.Where(line => line.Type == KeyGeneration).Should().OnlyContain(line => line.Result == 0);
        noisy!.OutgoingDamage.Damaged.Should().BePositive();
        noisy.IncomingDamage.Damaged.Should().BePositive();
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task Signatures_over_a_noisy_link_all_verify_and_each_request_signs_once()
    {
        // Arrange
        int count = Soak.Scale(300, 2000);
        using var folder = new TempFolder();
        NoisyLink? noisy = null;
        ApiResponse[] responses;
        byte[][] messages = Enumerable.Range(0, count).Select(i => Encoding.ASCII.GetBytes($"message {i}")).ToArray();
        Ed25519PublicKeyParameters publicKey;
        await using (var device = HemDevice.Boot(new HemDeviceOptions
        {
            DataDirectory = folder.Path,
            Clock = new FakeClock(TestDevice.StartTime, keepTimeOnReset: true),
            Seed = Encoding.ASCII.GetBytes("HemDeviceOverNoisyLinkTests.Sign"),
        }))
        {
            await using var pair = await SessionPair.StartAsync(device.ProcessAsync, NoisyLinkSessionTests.NoisyHost,
                wrapHostEnd: end => noisy = NoisyLink.Wrap(end, new NoisyLinkOptions { Seed = 7, OutgoingRate = 0.01, IncomingRate = 0.01 }));
            string gen = await ProvisionAndLoginAsync(pair.Host, "keymgmt:gen");
            ApiResponse created = await pair.Host.SendAsync(Post("/api/keymgmt/create", new { label = "signer", type = "ED25519" }, gen));
            string kid = Json(created)["kid"]!.GetValue<string>();
            string use = await LoginAsync(pair.Host, "keymgmt:use:" + kid);
            ApiResponse got = await pair.Host.SendAsync(ApiRequest.Get("/api/keymgmt/get/" + kid, true) with { Authorization = "Bearer " + use });
            publicKey = new Ed25519PublicKeyParameters(Convert.FromBase64String(Json(got)["pubkey"]!.GetValue<string>()));

            // Act
            responses = await Task.WhenAll(messages.Select(message => pair.Host.SendAsync(
                Post("/api/crypto/exdsa/sign", new { kid, msg = Convert.ToBase64String(message), alg = "Ed25519" }, use)))).Within();
        }

        // Assert: every answer is the signature of its own message, and the device signed each request exactly once
        responses.Should().OnlyContain(r => r.Status == 200);
        for (int i = 0; i < count; i++)
        {
            var verifier = new Ed25519Signer();
            verifier.Init(false, publicKey);
            verifier.BlockUpdate(messages[i], 0, messages[i].Length);
            verifier.VerifySignature(Convert.FromBase64String(Json(responses[i])["sign"]!.GetValue<string>()))
                .Should().BeTrue($"answer {i} must be the signature of message {i}");
        }
        using LiteDbFlash flash = LiteDbFlash.Open(folder.File("flash.db"));
        List<AuditLine> lines = flash.ListLogFiles().SelectMany(file => AuditLine.ParseAll(flash.ReadLogFile(file))).ToList();
        lines.Count(line => line.Type == ExdsaSign).Should().Be(count);
        noisy!.OutgoingDamage.Damaged.Should().BePositive();
        noisy.IncomingDamage.Damaged.Should().BePositive();
    }

    /// <summary>Provisions and logs in as a client would (spec §7.1, §6.1), every step through the transport.</summary>
    private static async Task<string> ProvisionAndLoginAsync(IDeviceChannel channel, string scope)
    {
        JsonObject init = Json(await channel.SendAsync(ApiRequest.Get("/api/auth/init", false)));
        string spk = init["spk"]!.GetValue<string>();
        ProofBuilder builder = ProofBuilder.ForChallenge(init["jti"]!.GetValue<string>(), spk,
            TestDevice.StartTime + 60, TestDevice.StartTime, TestDevice.Master, null);
        builder.Payload["cfg"] = TestDevice.DefaultConfig(TestDevice.User, TestDevice.Master);
        ApiResponse provisioned = await channel.SendAsync(
            Post("/api/auth/init", new { init = builder.Sign(TestDevice.Master.Agree(spk)) }, token: null, tls: false));
        provisioned.Status.Should().Be(200);
        return await LoginAsync(channel, scope);
    }

    /// <summary>Logs in as the user with <paramref name="scope"/> (spec §6.1), every step through the transport.</summary>
    private static async Task<string> LoginAsync(IDeviceChannel channel, string scope)
    {
        JsonObject challenge = Json(await channel.SendAsync(ApiRequest.Get("/api/auth/token", false)));
        string spk = challenge["spk"]!.GetValue<string>();
        string proof = ProofBuilder.ForChallenge(challenge["jti"]!.GetValue<string>(), spk,
            TestDevice.StartTime + 3600, TestDevice.StartTime, TestDevice.User, scope).Sign(TestDevice.User.Agree(spk));
        ApiResponse login = await channel.SendAsync(Post("/api/auth/token", new { auth = proof }, token: null, tls: false));
        login.Status.Should().Be(200);
        return Json(login)["token"]!.GetValue<string>();
    }

    private static ApiRequest Post(string path, object body, string? token, bool tls = true) =>
        ApiRequest.Post(path, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body)), tls)
            with { Authorization = token is null ? null : "Bearer " + token };

    private static JsonObject Json(ApiResponse response) => TestDevice.Json(response);
}
