using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Flash;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Device;

[TestClass]
public sealed partial class HemDeviceTests
{
    private const int KeyGeneration = 0x14;

    internal static HemDeviceOptions Options(string? dataDirectory = null) => new()
    {
        DataDirectory = dataDirectory,
        Clock = new FakeClock(TestDevice.StartTime, keepTimeOnReset: true),
        Seed = Encoding.ASCII.GetBytes("HemDeviceTests"),
    };

    internal static async Task<JsonObject> JsonOf(Task<ApiResponse> pending, int status = 200)
    {
        var response = await pending;
        response.Status.Should().Be(status);
        return TestDevice.Json(response);
    }

    private static ApiRequest Post(string path, object body, string? token = null) =>
        ApiRequest.Post(path, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body)))
            with { Authorization = token is null ? null : "Bearer " + token };

    /// <summary>Provisions and logs in through the device thread, as a client would.</summary>
    internal static async Task<string> ProvisionAndLogin(HemDevice device, string scope)
    {
        var init = await JsonOf(device.ProcessAsync(ApiRequest.Get("/api/auth/init", false)));
        var spk = init["spk"]!.GetValue<string>();
        var builder = ProofBuilder.ForChallenge(init["jti"]!.GetValue<string>(), spk, TestDevice.StartTime + 60, TestDevice.StartTime, TestDevice.Master, null);
        builder.Payload["cfg"] = TestDevice.DefaultConfig(TestDevice.User, TestDevice.Master);
        await JsonOf(device.ProcessAsync(Post("/api/auth/init", new { init = builder.Sign(TestDevice.Master.Agree(spk)) })));

        var challenge = await JsonOf(device.ProcessAsync(ApiRequest.Get("/api/auth/token", false)));
        spk = challenge["spk"]!.GetValue<string>();
        var proof = ProofBuilder.ForChallenge(challenge["jti"]!.GetValue<string>(), spk, TestDevice.StartTime + 3600, TestDevice.StartTime, TestDevice.User, scope)
            .Sign(TestDevice.User.Agree(spk));
        return (await JsonOf(device.ProcessAsync(Post("/api/auth/token", new { auth = proof }))))["token"]!.GetValue<string>();
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Device_processes_concurrent_requests_one_at_a_time()
    {
        // Arrange
        using var folder = new TempFolder();
        const int count = 40;
        await using (var device = HemDevice.Boot(Options(folder.Path)))
        {
            var token = await ProvisionAndLogin(device, "keymgmt:gen");

            // Act
            var responses = await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() =>
                device.ProcessAsync(Post("/api/keymgmt/create", new { label = "k" + i, type = "AES256" }, token)))));

            // Assert
            responses.Should().AllSatisfy(r => r.Status.Should().Be(200));
            responses.Select(r => TestDevice.Json(r)["kid"]!.GetValue<string>()).Should().OnlyHaveUniqueItems();
        }

        using var flash = LiteDbFlash.Open(folder.File("flash.db"));
        flash.ReadSlots().Select(r => r.Slot).Should().BeEquivalentTo(Enumerable.Range(0, count));
        var lines = AuditLine.ParseAll(flash.ReadLogFile(flash.ListLogFiles().Single()));
        lines.Select(l => l.Sequence).Should().Equal(Enumerable.Range(0, lines.Count).Select(i => (long)i));
        lines.Count(l => l.Type == KeyGeneration && l.Result == 0).Should().Be(count);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Device_reboots_after_the_reply_and_before_the_next_request()
    {
        // Arrange
        await using var device = HemDevice.Boot(Options());

        // Act: three requests queued at once on a fresh device.
        var first = device.ProcessAsync(ApiRequest.Get("/api/auth/init", false));
        var reboot = device.ProcessAsync(ApiRequest.Get("/api/system/reboot", false));
        var third = device.ProcessAsync(ApiRequest.Get("/api/auth/init", false));
        await Task.WhenAll(first, reboot, third);

        // Assert
        (await reboot).Status.Should().Be(200);
        (await reboot).Flags.Should().HaveFlag(ResponseFlags.RebootAfterReply);
        var spkBefore = (await JsonOf(first))["spk"]!.GetValue<string>();
        var spkAfter = (await JsonOf(third))["spk"]!.GetValue<string>();
        spkAfter.Should().NotBe(spkBefore);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Device_refuses_requests_after_disposal()
    {
        // Arrange
        var device = HemDevice.Boot(Options());
        await device.DisposeAsync();

        // Act
        var act = () => device.ProcessAsync(ApiRequest.Get("/api/system/status"));

        // Assert
        await act.Should().ThrowAsync<ObjectDisposedException>();
    }

    [TestMethod]
    [DataRow(HardwareVariant.Ppa, false, "HemSim PPA 1.2.2-sim")]
    [DataRow(HardwareVariant.Epa, true, "HemSim EPA DIAG 1.2.2-sim")]
    public void Device_identity_names_variant_build_and_version(HardwareVariant variant, bool diag, string expected)
    {
        // Arrange
        using var device = HemDevice.Boot(Options() with { Variant = variant, Diag = diag });

        // Act
        var identity = device.Identity;

        // Assert
        identity.Should().Be(expected);
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void Device_is_deterministic_only_with_a_seed(bool seeded)
    {
        // Arrange
        using var device = HemDevice.Boot(Options() with { Seed = seeded ? [1, 2, 3] : null });

        // Act
        var deterministic = device.IsDeterministic;

        // Assert
        deterministic.Should().Be(seeded);
    }
}
