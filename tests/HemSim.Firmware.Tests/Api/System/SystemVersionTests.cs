using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.System;

[TestClass]
public sealed class SystemVersionTests
{
    private static JsonObject Version(TestDevice device, string? token = null)
    {
        var response = device.Get("/api/system/version", token, tls: false);
        response.Status.Should().Be(200);
        return TestDevice.Json(response);
    }

    private static byte[] B64(JsonObject json, string name) => Convert.FromBase64String(json[name]!.GetValue<string>());

    [TestMethod]
    [DataRow(HardwareVariant.Ppa, "PPA")]
    [DataRow(HardwareVariant.Epa, "EPA")]
    public void Version_names_the_form_factor_in_hwv(HardwareVariant variant, string expected)
    {
        // Arrange
        using var device = new TestDevice(new HemDeviceOptions { Variant = variant });

        // Act
        var hwv = Version(device)["hwv"]!.GetValue<string>();

        // Assert
        hwv.Should().Contain(expected);
        hwv.Should().NotContain(expected == "PPA" ? "EPA" : "PPA");
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void Version_fwv_ends_with_DIAG_only_on_diag_builds(bool diag)
    {
        // Arrange
        using var device = new TestDevice(new HemDeviceOptions { Diag = diag });

        // Act
        var fwv = Version(device)["fwv"]!.GetValue<string>();

        // Assert
        fwv.EndsWith("-DIAG", StringComparison.Ordinal).Should().Be(diag);
        fwv.Should().MatchRegex(@"v\d+\.\d+\.\d+");
    }

    [TestMethod]
    [DataRow(HardwareVariant.Ppa, false, false)]
    [DataRow(HardwareVariant.Ppa, true, false)]
    [DataRow(HardwareVariant.Ppa, true, true)]
    [DataRow(HardwareVariant.Epa, false, false)]
    [DataRow(HardwareVariant.Epa, true, true)]
    public void Version_always_reports_blv_and_fws(HardwareVariant variant, bool provisioned, bool withToken)
    {
        // Arrange
        using var device = new TestDevice(new HemDeviceOptions { Variant = variant });
        string? token = null;
        if (provisioned)
        {
            device.Provision().Status.Should().Be(200);
            token = withToken ? device.Login("logger:get") : null;
        }

        // Act
        var json = Version(device, token);

        // Assert
        json["blv"]!.GetValue<string>().Should().NotBeEmpty();
        B64(json, "fws").Should().HaveCount(64);
        B64(json, "fwk").Should().HaveCount(32);
        B64(json, "blk").Should().HaveCount(32);
        B64(json, "bls").Should().HaveCount(64);
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void Version_fws_is_the_Ed25519_signature_by_fwk_over_sha512_of_the_firmware_text(bool diag)
    {
        // Arrange
        using var device = new TestDevice(new HemDeviceOptions { Diag = diag });

        // Act
        var json = Version(device);

        // Assert: the signed image text is fwv without the DIAG suffix.
        var fwv = json["fwv"]!.GetValue<string>();
        var image = diag ? fwv[..^"-DIAG".Length] : fwv;
        SignatureAlgorithm.Ed25519.Verify(B64(json, "fwk"), SHA512.HashData(Encoding.ASCII.GetBytes(image)), B64(json, "fws"))
            .Should().BeTrue();
    }

    [TestMethod]
    public void Version_bls_is_the_Ed25519_signature_by_blk_over_sha512_of_blv()
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        var json = Version(device);

        // Assert
        var blv = json["blv"]!.GetValue<string>();
        SignatureAlgorithm.Ed25519.Verify(B64(json, "blk"), SHA512.HashData(Encoding.ASCII.GetBytes(blv)), B64(json, "bls"))
            .Should().BeTrue();
    }

    [TestMethod]
    public void Version_reports_sd_registers_without_a_token_on_a_fresh_ppa()
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        var json = Version(device);

        // Assert
        json.Select(p => p.Key).Should().Equal("hwv", "fwv", "fwk", "fws", "blv", "blk", "bls", "uis", "sd_csd", "sd_cid");
        B64(json, "uis").Should().HaveCount(32);
        json["sd_csd"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{32}$");
        json["sd_cid"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{32}$");
    }

    [TestMethod]
    public void Version_hides_sd_registers_without_a_token_on_an_initialised_ppa()
    {
        // Arrange
        using var device = new TestDevice();
        device.Provision().Status.Should().Be(200);

        // Act
        var json = Version(device);

        // Assert
        json.Select(p => p.Key).Should().Equal("hwv", "fwv", "fwk", "fws", "blv", "blk", "bls", "uis");
    }

    [TestMethod]
    [DataRow("logger:get")]
    [DataRow("keymgmt:gen")]
    [DataRow("")]
    public void Version_reports_sd_registers_to_a_token_of_any_scope_on_an_initialised_ppa(string scope)
    {
        // Arrange
        using var device = new TestDevice();
        device.Provision().Status.Should().Be(200);
        var token = device.Login(scope);

        // Act
        var json = Version(device, token);

        // Assert
        json.ContainsKey("sd_csd").Should().BeTrue();
        json.ContainsKey("sd_cid").Should().BeTrue();
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void Version_never_reports_uis_or_sd_registers_on_an_epa(bool provisionedWithToken)
    {
        // Arrange
        using var device = new TestDevice(new HemDeviceOptions { Variant = HardwareVariant.Epa });
        string? token = null;
        if (provisionedWithToken)
        {
            device.Provision().Status.Should().Be(200);
            token = device.Login("logger:get");
        }

        // Act
        var json = Version(device, token);

        // Assert
        json.Select(p => p.Key).Should().Equal("hwv", "fwv", "fwk", "fws", "blv", "blk", "bls");
    }

    [TestMethod]
    public void Version_answers_200_while_a_fault_is_latched()
    {
        // Arrange
        using var device = new TestDevice();
        device.Core.Boot.FaultState = 0x02;

        // Act
        var response = device.Get("/api/system/version");

        // Assert
        response.Status.Should().Be(200);
    }

    [TestMethod]
    public void Version_answers_401_to_a_token_from_a_previous_boot()
    {
        // Arrange
        using var device = new TestDevice();
        device.Provision().Status.Should().Be(200);
        var token = device.Login("system:config");
        device.Get("/api/system/reboot", token).Status.Should().Be(200);

        // Act
        var response = device.Get("/api/system/version", token);

        // Assert
        response.Status.Should().Be(401);
        response.Body.Should().BeEmpty();
    }
}
