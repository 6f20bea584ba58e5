using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Device;
using HemSim.TestKit;

namespace HemSim.Firmware.Tests.Api.System;

/// <summary>Shared set-up of the <c>/api/system/config</c> tests.</summary>
internal static class SystemConfigRig
{
    public const string ConfigPath = "/api/system/config";
    public const int FailedScopeCheck = 0xc, ConfigUpdated = 0x12;

    public static TestDevice Provisioned(HardwareVariant variant = HardwareVariant.Ppa)
    {
        var device = new TestDevice(new HemDeviceOptions { Variant = variant });
        device.Provision().Status.Should().Be(200);
        return device;
    }

    /// <summary>A token of a paired external app (sub = b64 of a 16-byte kid), minted with this boot's key.</summary>
    public static string ExternalToken(TestDevice device, string scope)
    {
        var jti = Convert.ToBase64String(new byte[32]);
        var sub = Convert.ToBase64String(Convert.FromHexString("42afc419dbda72636b37a2455955e095"));
        return BearerToken.Mint(new TokenClaims(scope, sub, device.Now, device.Now + 600, jti, null), device.Core.Boot.TokenKey);
    }

    public static JsonObject GetConfig(TestDevice device, string? token = null)
    {
        var response = device.Get(ConfigPath, token ?? device.Login("system:config"));
        response.Status.Should().Be(200);
        return TestDevice.Json(response);
    }

    /// <summary>The §11.6.1 rotation body a client computes for <paramref name="newKey"/> against a config read.</summary>
    public static string RotationBody(ClientKey newKey, string spk, string nonce)
    {
        var shared = newKey.Agree(spk);
        var hmac = HMACSHA256.HashData(shared, Convert.FromBase64String(nonce));
        return new JsonObject
        {
            ["userkey"] = newKey.PublicText,
            ["userkey_nonce"] = nonce,
            ["userkey_hmac"] = Convert.ToBase64String(hmac),
        }.ToJsonString();
    }
}
