using System.Diagnostics;
using System.Runtime.Versioning;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.HostBridge.Serial;
using HemSim.Transport.Links;
using HemSim.Transport.Session;

namespace HemSim.HostBridge.Tests.Serial;

/// <summary>Attaching the bridge to a device on a serial port: open, pace, say Hello.</summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
[SupportedOSPlatform("linux")]
public sealed class DeviceConnectionTests
{
    private const string Identity = "HemSim EPA 1.2.2-sim";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hemsim-bridge-serial", Guid.NewGuid().ToString("N"));

    [TestCleanup]
    public void DeleteFolder()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task Attaches_to_a_device_on_a_virtual_port_and_learns_who_it_is()
    {
        await using PtyLink port = PtyLink.Create(Path.Combine(_folder, "ttyHEM0"));
        await using DeviceSession device = DeviceSession.Start(port, (request, _) => Task.FromResult(new ApiResponse(200, request.Body)), Identity);

        await using DeviceConnection connection = await DeviceConnection.OpenSerialAsync(new SerialLinkOptions(port.Path, null), CancellationToken.None);

        connection.Session.DeviceIdentity.Should().Be(Identity);
        (await connection.Session.SendAsync(ApiRequest.Post("/api/echo", [5]))).Body.Should().Equal(5);
    }

    [TestMethod]
    public async Task A_baud_rate_paces_a_virtual_port()
    {
        // Arrange: 1,200 bytes at 9,600 baud take at least 1.25 s on the line
        await using PtyLink port = PtyLink.Create(Path.Combine(_folder, "ttyHEM0"));
        await using DeviceSession device = DeviceSession.Start(port, (_, _) => Task.FromResult(ApiResponse.Empty(200)), Identity);
        await using DeviceConnection connection = await DeviceConnection.OpenSerialAsync(new SerialLinkOptions(port.Path, 9600), CancellationToken.None);

        // Act
        var elapsed = Stopwatch.StartNew();
        await connection.Session.SendAsync(ApiRequest.Post("/api/upload", new byte[1200]));

        // Assert
        elapsed.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.25));
    }

    [TestMethod]
    public async Task A_port_where_no_device_answers_times_out()
    {
        await using PtyLink silent = PtyLink.Create(Path.Combine(_folder, "ttyHEM0"));

        await FluentActions.Awaiting(() => DeviceConnection.OpenSerialAsync(new SerialLinkOptions(silent.Path, null), CancellationToken.None))
            .Should().ThrowAsync<TimeoutException>().WithMessage("*no device answered*");
    }

    [TestMethod]
    public void Retransmission_waits_are_stretched_to_fit_a_slow_line()
    {
        HostSessionOptions fast = DeviceConnection.SessionOptionsFor(921_600);
        HostSessionOptions slow = DeviceConnection.SessionOptionsFor(9_600);

        DeviceConnection.SessionOptionsFor(null).Should().Be(HostSessionOptions.Default);
        fast.InitialRetransmitTimeout.Should().Be(HostSessionOptions.Default.InitialRetransmitTimeout);
        slow.InitialRetransmitTimeout.Should().BeGreaterThan(TimeSpan.FromSeconds(12), "three 4 KiB frames take 12.9 s at 9600 baud");
        slow.MaxRetransmitTimeout.Should().BeGreaterThanOrEqualTo(slow.InitialRetransmitTimeout);
    }
}
