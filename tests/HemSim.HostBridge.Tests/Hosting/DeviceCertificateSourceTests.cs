using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using HemSim.Firmware.Tls;
using HemSim.HostBridge.Hosting;
using HemSim.HostBridge.Hosting.Certificates;
using HemSim.Transport;
using HemSim.Transport.Control;

namespace HemSim.HostBridge.Tests.Hosting;

/// <summary>How the bridge asks the device for its TLS identity (PROTOCOL.md §6.5) from its TLS handshakes.</summary>
[TestClass]
public sealed class DeviceCertificateSourceTests
{
    private string _folder = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = TestBridge.NewDataFolder();

    [TestCleanup]
    public void DeleteFolder()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>A device control that answers "unchanged" slowly and counts the asks.</summary>
    private sealed class SlowDevice(TimeSpan delay) : IDeviceControl
    {
        private int _asks;

        public int Asks => Volatile.Read(ref _asks);

        public Func<ControlResult>? Answer { get; set; }

        public async Task<ControlResult> ControlAsync(ControlOperation operation, ReadOnlyMemory<byte> argument, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _asks);
            await Task.Delay(delay, cancellationToken);
            return Answer?.Invoke() ?? ControlResult.Ok(ReadOnlyMemory<byte>.Empty);
        }
    }

    private async Task<DeviceCertificateSource> SourceAsync(IDeviceControl device) =>
        await DeviceCertificateSource.CreateAsync(
            LocalCertificateAuthority.LoadOrCreate(_folder, TimeProvider.System),
            new BridgeOptions { DataDirectory = _folder }, device, TimeProvider.System, CancellationToken.None);

    [TestMethod]
    public async Task A_burst_of_handshakes_shares_the_asks_instead_of_queueing_one_each()
    {
        // Arrange
        var device = new SlowDevice(TimeSpan.FromMilliseconds(100));
        using var source = await SourceAsync(device);
        int before = device.Asks;

        // Act: twenty handshakes at once
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => source.GetAsync(CancellationToken.None)));

        // Assert: the first asks; the others arrived during it and share the one that starts next
        (device.Asks - before).Should().BeLessThanOrEqualTo(2);
    }

    [TestMethod]
    public async Task A_switched_off_device_leaves_the_current_certificate_in_place()
    {
        // Arrange
        var device = new SlowDevice(TimeSpan.Zero);
        using var source = await SourceAsync(device);
        var current = source.Certificate;
        device.Answer = () => throw new DeviceSwitchedOffException();

        // Act
        var served = await source.GetAsync(CancellationToken.None);

        // Assert
        served.Should().BeSameAs(current);
    }

    [TestMethod]
    public async Task Only_the_newest_two_device_certificates_are_kept()
    {
        // Arrange: the device changes its identity three times (a new key each time, as after wipes)
        var device = new SlowDevice(TimeSpan.Zero);
        using var source = await SourceAsync(device);
        var built = new List<X509Certificate2>();
        for (int i = 0; i < 3; i++)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var identity = new TlsIdentityExport(RandomNumberGenerator.GetBytes(TlsIdentityTransfer.TagSize), "my.ence.do", key.ExportPkcs8PrivateKey(), null);
            device.Answer = () => ControlResult.Ok(TlsIdentityTransfer.Encode(identity));

            // Act
            built.Add(await source.GetAsync(CancellationToken.None));
        }

        // Assert: the oldest one's private key is gone; the current and the previous one still work
        built[0].Invoking(c => c.GetECDsaPrivateKey()!.ExportParameters(true)).Should().Throw<Exception>();
        built[1].GetECDsaPrivateKey().Should().NotBeNull();
        built[2].GetECDsaPrivateKey().Should().NotBeNull();
        source.Certificate.Should().BeSameAs(built[2]);
    }
}
