using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Device;

public sealed partial class HemDeviceTests
{
    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Device_whose_reboot_fails_reports_it_on_every_later_request_instead_of_dying()
    {
        // Arrange
        var entropy = new ArmedEntropy();
        await using var device = HemDevice.Boot(Options() with { Entropy = entropy });
        entropy.Failure = () => new IOException("simulated flash failure during boot");

        // Act
        var reboot = await device.ProcessAsync(ApiRequest.Get("/api/system/reboot", false));
        var later = () => device.ProcessAsync(ApiRequest.Get("/api/system/status"));

        // Assert
        reboot.Status.Should().Be(200, "the reply leaves before the reboot starts");
        (await later.Should().ThrowAsync<InvalidOperationException>()).WithInnerException<IOException>();
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Keystore_slot_count_is_fixed_when_the_device_is_made()
    {
        // Arrange
        using var folder = new TempFolder();
        await using (var made = HemDevice.Boot(Options(folder.Path) with { KeystoreSlots = 1 }))
        {
            var token = await ProvisionAndLogin(made, "keymgmt:gen");
            (await made.ProcessAsync(Post("/api/keymgmt/create", new { label = "one", type = "AES128" }, token))).Status.Should().Be(200);
        }

        // Act: boot the same flash with a bigger slot option.
        await using var reopened = HemDevice.Boot(Options(folder.Path) with { KeystoreSlots = 1024 });
        var challengeToken = await LoginAgain(reopened, "keymgmt:gen");
        var second = await reopened.ProcessAsync(Post("/api/keymgmt/create", new { label = "two", type = "AES128" }, challengeToken));

        // Assert
        second.Status.Should().Be(406, "the device was made with one slot");
    }

    private static async Task<string> LoginAgain(HemDevice device, string scope)
    {
        var challenge = await JsonOf(device.ProcessAsync(ApiRequest.Get("/api/auth/token", false)));
        var spk = challenge["spk"]!.GetValue<string>();
        var proof = ProofBuilder.ForChallenge(challenge["jti"]!.GetValue<string>(), spk, TestDevice.StartTime + 3600, TestDevice.StartTime, TestDevice.User, scope)
            .Sign(TestDevice.User.Agree(spk));
        return (await JsonOf(device.ProcessAsync(Post("/api/auth/token", new { auth = proof }))))["token"]!.GetValue<string>();
    }
}
