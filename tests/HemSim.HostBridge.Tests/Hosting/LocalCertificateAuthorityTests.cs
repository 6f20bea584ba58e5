using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using HemSim.HostBridge.Hosting;
using HemSim.HostBridge.Hosting.Certificates;

namespace HemSim.HostBridge.Tests.Hosting;

[TestClass]
public sealed class LocalCertificateAuthorityTests
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

    [TestMethod]
    public async Task CA_is_created_on_first_start_and_reused_unchanged_on_the_next()
    {
        // Arrange
        await using (await TestBridge.StartAsync(_folder))
        {
        }

        byte[] certificate = File.ReadAllBytes(Path.Combine(_folder, "ca.pem"));
        byte[] key = File.ReadAllBytes(Path.Combine(_folder, "ca.key.pem"));

        // Act
        await using TestBridge second = await TestBridge.StartAsync(_folder);

        // Assert
        File.ReadAllBytes(Path.Combine(_folder, "ca.pem")).Should().Equal(certificate);
        File.ReadAllBytes(Path.Combine(_folder, "ca.key.pem")).Should().Equal(key);
        using X509Certificate2 onDisk = X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(certificate));
        second.Ca.RawData.Should().Equal(onDisk.RawData);
    }

    [TestMethod]
    [OSCondition(ConditionMode.Exclude, OperatingSystems.Windows)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Private_key_file_is_readable_by_its_owner_only()
    {
        using LocalCertificateAuthority authority = LocalCertificateAuthority.LoadOrCreate(_folder, TimeProvider.System);

        File.GetUnixFileMode(Path.Combine(_folder, "ca.key.pem")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(_folder).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [TestMethod]
    public void CA_is_an_ECDSA_P256_CA_valid_for_ten_years()
    {
        using LocalCertificateAuthority authority = LocalCertificateAuthority.LoadOrCreate(_folder, TimeProvider.System);
        X509Certificate2 ca = authority.Certificate;

        ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority.Should().BeTrue();
        ca.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.Should().HaveFlag(X509KeyUsageFlags.KeyCertSign);
        using (var key = ca.GetECDsaPublicKey())
        {
            key!.ExportParameters(false).Curve.Oid.Value.Should().Be("1.2.840.10045.3.1.7"); // secp256r1
        }

        (ca.NotAfter - ca.NotBefore).Should().BeCloseTo(TimeSpan.FromDays(3653), TimeSpan.FromMinutes(10));
        ca.SubjectName.Name.Should().Contain("HemSim Local CA");
        authority.CertificatePath.Should().Be(Path.Combine(_folder, "ca.pem"));
    }

    [TestMethod]
    public void Certificate_without_its_key_stops_the_start_with_a_clear_message()
    {
        // Arrange
        using (LocalCertificateAuthority.LoadOrCreate(_folder, TimeProvider.System))
        {
        }

        File.Delete(Path.Combine(_folder, "ca.key.pem"));

        // Act
        Action load = () => LocalCertificateAuthority.LoadOrCreate(_folder, TimeProvider.System);

        // Assert
        load.Should().Throw<BridgeStartupException>().WithMessage("*ca.key.pem*missing*delete*ca.pem*");
    }

    [TestMethod]
    public void Key_without_its_certificate_is_replaced_by_a_new_CA()
    {
        // Arrange
        using (LocalCertificateAuthority.LoadOrCreate(_folder, TimeProvider.System))
        {
        }

        File.Delete(Path.Combine(_folder, "ca.pem"));
        byte[] orphanKey = File.ReadAllBytes(Path.Combine(_folder, "ca.key.pem"));

        // Act
        using LocalCertificateAuthority authority = LocalCertificateAuthority.LoadOrCreate(_folder, TimeProvider.System);

        // Assert
        File.Exists(authority.CertificatePath).Should().BeTrue();
        File.ReadAllBytes(Path.Combine(_folder, "ca.key.pem")).Should().NotEqual(orphanKey);
        authority.Certificate.HasPrivateKey.Should().BeTrue();
    }

    [TestMethod]
    public void Damaged_CA_file_stops_the_start_with_a_clear_message()
    {
        using (LocalCertificateAuthority.LoadOrCreate(_folder, TimeProvider.System))
        {
        }

        File.WriteAllText(Path.Combine(_folder, "ca.pem"), "not a certificate");

        Action load = () => LocalCertificateAuthority.LoadOrCreate(_folder, TimeProvider.System);

        load.Should().Throw<BridgeStartupException>().WithMessage("*cannot be read*");
    }
}
