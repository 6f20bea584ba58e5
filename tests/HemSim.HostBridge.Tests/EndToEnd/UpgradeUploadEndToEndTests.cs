using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.HostBridge.Hosting;
using HemSim.HostBridge.Tests.Hosting;
using HemSim.HostBridge.Tests.Http;
using HemSim.Transport;
using HemSim.Transport.Session;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>
/// Raw uploads through the real bridge to a real embedded device (spec §3.2, §11.9, §11.12): what a client sees on the
/// wire when the device drops the connection (<c>ResponseFlags.DropConnection</c>, the bridge aborts it) and at the
/// 16 MiB body limit. A fresh device takes uploads without a token.
/// </summary>
[TestClass]
public sealed class UpgradeUploadEndToEndTests
{
    private const int MaxFirmwareImage = 3 * 1024 * 1024;
    private const int MaxBody = 16 * 1024 * 1024;

    private static readonly string s_folder = TestBridge.NewDataFolder();
    private static HemDevice s_device = null!;
    private static IDeviceChannel s_channel = null!;
    private static BridgeHost s_bridge = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        s_device = HemDevice.Boot(new HemDeviceOptions());
        s_channel = await EmbeddedDevice.StartAsync(s_device.ProcessAsync, s_device.Identity, DeviceSessionOptions.Default, hostOptions: null);
        s_bridge = await BridgeHost.StartAsync(new BridgeOptions { DataDirectory = s_folder, HttpPort = 0, HttpsPort = 0 }, s_channel, control: null);
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        await s_bridge.DisposeAsync();
        await s_channel.DisposeAsync();
        await s_device.DisposeAsync();
        Directory.Delete(s_folder, recursive: true);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    [DataRow(MaxFirmwareImage + 1, "firmware.bin", DisplayName = "3 MiB + 1 named firmware.bin")]
    [DataRow(100, "ui.bin", DisplayName = "another name")]
    public async Task Upload_fw_the_device_drops_closes_the_connection_without_any_response(int size, string fileName)
    {
        // Arrange
        await using RawConnection connection = await RawConnection.OpenAsync(s_bridge.HttpAddress, ca: null);

        // Act
        await connection.WriteAsync(Upload("upload_fw", size, fileName));
        (byte[] received, bool closed) = await connection.ReadToEndAsync();

        // Assert: not a byte of HTTP came back (spec §11.9 QUIRK)
        closed.Should().BeTrue();
        received.Should().BeEmpty();
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task Upload_ui_of_exactly_16_MiB_is_staged_and_one_byte_more_gets_413()
    {
        // Act
        RawHttpResponse limit = await UploadAsync("upload_ui", MaxBody, "webroot.tar");
        RawHttpResponse over = await UploadAsync("upload_ui", MaxBody + 1, "webroot.tar");

        // Assert
        limit.StatusCode.Should().Be(200);
        over.StatusCode.Should().Be(413);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    [DataRow("upload_fw", "firmware.bin")]
    [DataRow("upload_ui", "webroot.tar")]
    public async Task Empty_upload_gets_411_from_the_bridge_not_the_device_406(string endpoint, string fileName)
    {
        // Act: Content-Length: 0, as curl --data-binary @empty-file sends it
        RawHttpResponse response = await UploadAsync(endpoint, 0, fileName);

        // Assert: the bridge's rule (spec §3.2) comes first; the device's 406 for an empty body is unreachable over HTTP
        response.StatusCode.Should().Be(411);
    }

    private static Task<RawHttpResponse> UploadAsync(string endpoint, int size, string fileName) =>
        RawHttp.ExchangeAsync(s_bridge.HttpAddress, ca: null, Upload(endpoint, size, fileName));

    private static byte[] Upload(string endpoint, int size, string fileName) => RawHttp.Request(
        $"POST /api/system/upgrade/{endpoint} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
        + $"Content-Length: {size}\r\nContent-Disposition: attachment; filename=\"{fileName}\"", new byte[size]);
}
