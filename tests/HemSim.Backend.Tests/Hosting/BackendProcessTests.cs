using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Backend.Tests.Hosting;

/// <summary>The backend executable: READY line, the HemSim CA of the data folder, the route table.</summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
public sealed class BackendProcessTests
{
    [TestMethod]
    [Timeout(180_000, CooperativeCancellation = true)]
    public async Task Backend_prints_one_READY_line_and_serves_checkin_with_a_certificate_from_the_HemSim_CA()
    {
        // Arrange
        using var folder = new TempFolder();

        // Act
        await using var backend = await BackendProcess.StartAsync(folder.Path);

        // Assert: the CA was created in the data folder the way the bridge creates it, and signs the server certificate.
        backend.ReadyLine.Should().Be($"HEMSIM BACKEND READY url=https://127.0.0.1:{backend.Url.Port}");
        backend.Url.Port.Should().BeGreaterThan(0);
        File.Exists(folder.File("ca.pem")).Should().BeTrue();
        File.Exists(folder.File("ca.key.pem")).Should().BeTrue();
        using var ca = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(folder.File("ca.pem"));
        (await backend.PostAsync("/checkin", "{}", ca)).Status.Should().Be(400);
        (await backend.PostAsync("/domain/register/x", "{}", ca)).Status.Should().Be(404);
    }

    [TestMethod]
    [Timeout(180_000, CooperativeCancellation = true)]
    public async Task Backend_answers_a_real_device_check_over_https_and_reuses_an_existing_ca()
    {
        // Arrange: a CA already in the folder (as the bridge leaves it) must be reused, not replaced.
        using var folder = new TempFolder();
        await using (await BackendProcess.StartAsync(folder.Path))
        {
        }
        var caBefore = await File.ReadAllTextAsync(folder.File("ca.pem"));
        using var device = new TestDevice(clock: new FakeClock(unixSeconds: null));
        var check = global::System.Text.Encoding.UTF8.GetString(device.Get("/api/system/checkin", tls: false).Body);

        // Act
        await using var backend = await BackendProcess.StartAsync(folder.Path, "--action", "R", "--time", "1800000000");
        using var ca = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(folder.File("ca.pem"));
        var (status, body) = await backend.PostAsync("/checkin", check, ca);

        // Assert
        (await File.ReadAllTextAsync(folder.File("ca.pem"))).Should().Be(caBefore);
        status.Should().Be(200);
        var accepted = device.Post("/api/system/checkin", body, tls: false);
        accepted.Status.Should().Be(200);
        JsonNode.Parse(accepted.Body)!["status"]!.GetValue<string>().Should().Be("R");
        device.Now.Should().Be(1_800_000_000);
    }

    [TestMethod]
    [Timeout(180_000, CooperativeCancellation = true)]
    public async Task Backend_registers_a_device_csr_with_a_certificate_from_the_HemSim_CA_of_its_data_folder()
    {
        // Arrange
        using var folder = new TempFolder();
        using var device = new TestDevice();
        var init = TestDevice.Json(device.Provision(cfg => cfg["gen_csr"] = true));
        var body = new JsonObject { ["csr"] = init["csr"]!.GetValue<string>(), ["genuine"] = init["genuine"]!.GetValue<string>(), ["ip"] = "127.0.0.1" };
        await using var backend = await BackendProcess.StartAsync(folder.Path);
        using var ca = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(folder.File("ca.pem"));

        // Act
        var (status, answer) = await backend.PostAsync("/domain/register/cctest1/key", body.ToJsonString(), ca);

        // Assert
        status.Should().Be(200);
        using var issued = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(
            Convert.FromBase64String(JsonNode.Parse(answer)!["crt"]!.GetValue<string>()));
        issued.Subject.Should().Be("CN=cctest1.ence.do");
        issued.Issuer.Should().Be(ca.Subject);
        using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
        chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
        chain.Build(issued).Should().BeTrue("the backend issues from the CA in its --data folder");
        (await backend.PostAsync("/domain/register/cctest1/key", "{}", ca)).Status.Should().Be(400);
    }

    [TestMethod]
    [Timeout(180_000, CooperativeCancellation = true)]
    public async Task Backend_refuses_a_bad_option_with_exit_code_2()
    {
        using var folder = new TempFolder();
        var start = new global::System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HemSim.Backend.dll"));
        foreach (var arg in new[] { "--data", folder.Path, "--action", "Z" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = global::System.Diagnostics.Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        process.ExitCode.Should().Be(2);
        stderr.Should().Contain("hemsim-backend: error: --action: 'Z' is not one of OK, L, W, R, B, U.");
    }
}
