using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;

namespace HemSim.Firmware.Tests.Api.Diag;

/// <summary>Shared helpers of the DIAG endpoint tests (spec §16).</summary>
internal static class DiagRig
{
    public const int NonSecureState = 0x08, KeyIntegrityError = 0x18, TrngFailed = 0x05;

    /// <summary>A provisioned DIAG build.</summary>
    public static TestDevice Provisioned(bool diag = true)
    {
        var device = new TestDevice(new HemDeviceOptions { Diag = diag, KeystoreSlots = 16 });
        device.Provision().Status.Should().Be(200);
        return device;
    }

    public static int FaultState(TestDevice device) =>
        TestDevice.Json(device.Get("/api/system/status"))["fls_state"]!.GetValue<int>();

    /// <summary>Runs the self-test with a <c>system:config</c> token taken before any fault (login is closed then).</summary>
    public static JsonObject RunSelfTest(TestDevice device, string token)
    {
        var response = device.Get("/api/system/selftest", token);
        response.Status.Should().Be(200);
        return TestDevice.Json(response);
    }

    /// <summary>Creates a key through the API and returns its kid.</summary>
    public static string Create(TestDevice device, string token, string type = "AES256", string label = "k")
    {
        var response = device.Post("/api/keymgmt/create", new { label, type }, token);
        response.Status.Should().Be(200);
        return TestDevice.Json(response)["kid"]!.GetValue<string>();
    }

    /// <summary>The list elements (with <c>_addr</c>/<c>_len</c> on a DIAG build).</summary>
    public static JsonArray List(TestDevice device, string token)
    {
        var response = device.Get("/api/keymgmt/list", token);
        response.Status.Should().Be(200);
        return TestDevice.Json(response)["list"]!.AsArray();
    }

    public static (long Addr, int Len) Where(JsonArray list, string kid)
    {
        var key = list.Single(k => k!["kid"]!.GetValue<string>() == kid)!;
        return (key["_addr"]!.GetValue<long>(), key["_len"]!.GetValue<int>());
    }

    public static byte[] Dump(TestDevice device, long address, int length)
    {
        var response = device.Get($"/api/diag/memdump/{address}/{length}", tls: false);
        response.Status.Should().Be(200);
        var json = TestDevice.Json(response);
        json.Select(p => p.Key).Should().Equal("address", "length", "dump");
        json["address"]!.GetValue<long>().Should().Be(address);
        json["length"]!.GetValue<int>().Should().Be(length);
        return Convert.FromBase64String(json["dump"]!.GetValue<string>());
    }
}
