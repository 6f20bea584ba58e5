using System.Net;
using System.Net.Http.Headers;
using FluentAssertions;
using HemSim.Cli.Images;
using HemSim.Firmware.Device;
using HemSim.HostBridge.Hosting;
using HemSim.HostBridge.Tests.Hosting;
using HemSim.TestKit;
using HemSim.Transport;
using HemSim.Transport.Control;
using HemSim.Transport.Session;

namespace HemSim.HostBridge.Tests.Http;

/// <summary>
/// A dashboard installed through the API (spec §11.12–§11.14) and then served by the bridge: a real device, the real
/// embedded link and the real bridge, the device's clock driven by hand so that check_ui needs no waiting.
/// </summary>
[TestClass]
public sealed class DeviceDashboardEndToEndTests
{
    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Dashboard_installed_with_install_ui_is_served_from_the_next_request()
    {
        // Arrange
        var clock = new FakeClock(TestDevice.StartTime, keepTimeOnReset: true);
        await using HemDevice device = HemDevice.Boot(new HemDeviceOptions { Clock = clock });
        var deviceSession = DeviceSessionOptions.Default with
        {
            // What the embedded bridge's device offers on its control channel (PROTOCOL.md §6.5, codes 10 and 11).
            ControlHandler = async (request, ct) => request.Operation == ControlOperation.GetDashboard
                ? ControlResult.Ok(await device.ExportDashboardAsync(request.Argument, ct))
                : await TlsIdentityTransfer.HandleAsync(device, request, ct),
        };
        await using IDeviceChannel channel = await EmbeddedDevice.StartAsync(device.ProcessAsync, device.Identity, deviceSession, hostOptions: null);
        string folder = TestBridge.NewDataFolder();
        await using BridgeHost bridge = await BridgeHost.StartAsync(
            new BridgeOptions { DataDirectory = folder, HttpPort = 0, HttpsPort = 0 }, channel, (IDeviceControl)channel);
        using var client = new HttpClient { BaseAddress = bridge.HttpAddress };
        byte[] tar = new DashboardTar().File("index.html", "<html>installed</html>").File("js/app.js", "go()").ToArray();
        using SigningKey vendor = SigningKey.Test();
        byte[] image = ImageWriter.Write(ImageKind.Dashboard, "e2e dashboard", diag: false, tar, vendor);

        try
        {
            HttpStatusCode before = (await client.GetAsync("/index.html")).StatusCode;

            // Act: upload as webroot.tar, check until verified, install (a fresh device needs no token)
            using var body = new ByteArrayContent(image);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            body.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "\"webroot.tar\"" };
            HttpStatusCode uploaded = (await client.PostAsync("/api/system/upgrade/upload_ui", body)).StatusCode;
            var checks = new List<HttpStatusCode>();
            for (int i = 0; i < 10 && checks.LastOrDefault() != HttpStatusCode.OK; i++)
            {
                checks.Add((await client.GetAsync("/api/system/upgrade/check_ui")).StatusCode);
                clock.Advance(TimeSpan.FromSeconds(1));
            }
            HttpStatusCode installed = (await client.GetAsync("/api/system/upgrade/install_ui")).StatusCode;
            using HttpResponseMessage index = await client.GetAsync("/index.html");
            using HttpResponseMessage script = await client.GetAsync("/js/app.js");

            // Assert
            before.Should().Be(HttpStatusCode.NotFound);
            uploaded.Should().Be(HttpStatusCode.OK);
            checks.Should().StartWith(HttpStatusCode.Created).And.EndWith(HttpStatusCode.OK);
            installed.Should().Be(HttpStatusCode.OK);
            index.StatusCode.Should().Be(HttpStatusCode.OK);
            (await index.Content.ReadAsStringAsync()).Should().Be("<html>installed</html>");
            script.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
            (await script.Content.ReadAsStringAsync()).Should().Be("go()");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
