using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;

namespace HemSim.Firmware.Tests.Api.Logger;

/// <summary>
/// A provisioned device for the audit-log endpoint tests (spec §15): a <c>logger:get</c> token that follows reboots,
/// cheap extra boots, and log files written straight into the flash for paging.
/// </summary>
internal sealed class LoggerRig : IDisposable
{
    public const int KeyInit = 0x0, LoggerListLog = 0x9, LoggerReadLog = 0xb, FailedScopeCheck = 0xc;
    public const int Ok = 0, Failed = 1;

    private string? _token;

    public LoggerRig(HemDeviceOptions? options = null)
    {
        Device = new TestDevice(options);
        Device.Provision().Status.Should().Be(200);
    }

    public TestDevice Device { get; }

    /// <summary>A user token with scope <c>logger:get</c> for the current boot.</summary>
    public string Token => _token ??= Device.Login("logger:get");

    /// <summary>The id of the file this boot writes to.</summary>
    public string CurrentFile => Device.Core.Boot.AuditLog.FileId;

    /// <summary>The device's audit signing key, as the firmware holds it.</summary>
    public byte[] SigningKey => Device.Core.Identity.SignPublic;

    public ApiResponse Get(string path, bool tls = true) => Device.Get(path, Token, tls);

    /// <summary>A warm restart, as after <c>GET /api/system/reboot</c>: a new file; tokens of the old boot die.</summary>
    public void Reboot(TimeSpan? after = null)
    {
        Device.Clock.Advance(after ?? TimeSpan.FromSeconds(30));
        Device.Core.Reboot();
        _token = null;
    }

    /// <summary>The <c>id</c> array and <c>total</c> of one list call that must answer 200.</summary>
    public (IReadOnlyList<string> Ids, int Total) List(string suffix = "")
    {
        var response = Get("/api/logger/list" + suffix);
        response.Status.Should().Be(200);
        var json = TestDevice.Json(response);
        var ids = json["id"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        return (ids, json["total"]!.GetValue<int>());
    }

    /// <summary>
    /// Writes <paramref name="count"/> one-line files with ids 1, 2, … straight into the flash: older than every real
    /// file (whose ids are power-up times), so they list first. Far cheaper than that many boots.
    /// </summary>
    public void WriteOldFiles(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            Device.Core.Flash.AppendLogLine(i.ToString("x8", CultureInfo.InvariantCulture), 0, "0|1|1|0|||AAAAAAAAAAAAAAAAAAAAAA");
        }
    }

    /// <summary>The text lines of a downloaded file (LF-separated; the text ends with LF, so the last split is empty).</summary>
    public static IReadOnlyList<string> Lines(ApiResponse response)
    {
        var text = Encoding.ASCII.GetString(response.Body);
        text.Should().EndWith("\n");
        return text[..^1].Split('\n');
    }

    public static JsonObject Json(ApiResponse response) => TestDevice.Json(response);

    public void Dispose() => Device.Dispose();
}
