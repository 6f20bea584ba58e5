using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Backend.Registration;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Backend.Tests.Registration;

/// <summary>
/// Registration without a CSR (the vendor tester's default, <c>{genuine, ip}</c>): the backend recovers the
/// attestation key from the token, makes the TLS key and delivers it as <c>{emp, key, crt}</c> (HemSim scheme v1).
/// </summary>
[TestClass]
public sealed class KeyDeliveryRegistrationTests
{
    [TestMethod]
    public void Recover_finds_the_signing_key_for_every_token()
    {
        // Arrange: tokens made the §11.7 way by a key the test holds; many signatures cover both y parities of R.
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(false).Q;
        byte[] point = [0x04, .. q.X!, .. q.Y!];

        for (var i = 0; i < 24; i++)
        {
            // Act
            var recovered = GenuineKeyRecovery.Recover(Token(key, 1_700_000_000 + i));

            // Assert
            recovered.Should().Equal(point);
        }
    }

    [TestMethod]
    public void Recover_answers_null_when_the_signature_is_not_over_the_token()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parts = Token(key, 1_700_000_000).Split('.');
        var forged = parts[0] + "." + Convert.ToBase64String("1700000001"u8) + "." + parts[2];

        GenuineKeyRecovery.Recover(forged).Should().BeNull();
    }

    [TestMethod]
    public void Register_without_csr_delivers_a_key_and_certificate_that_the_device_installs_and_serves_after_reboot()
    {
        // Arrange
        using var rig = RegistrationRig.Create();
        var body = new JsonObject { ["genuine"] = rig.Genuine, ["ip"] = "192.168.7.1" };

        // Act
        var (status, answer) = rig.Register("cctest1700000000/any-auth-key", body);

        // Assert: the vendor's shape and sizes.
        status.Should().Be(200);
        answer.Should().NotBeNull();
        answer!.Select(p => p.Key).Should().BeEquivalentTo("emp", "key", "crt");
        answer!["key"]!.GetValue<string>().Should().HaveLength(113);
        var emp = Convert.FromBase64String(answer["emp"]!.GetValue<string>());
        emp.Should().HaveCount(65);
        emp[0].Should().Be(0x04, "emp is SEC1 uncompressed");
        using var issued = RegistrationRig.CertificateOf(answer);
        issued.GetNameInfo(X509NameType.SimpleName, forIssuer: false).Should().Be(RegistrationRig.DeviceHostname);
        issued.IssuerName.RawData.Should().Equal(rig.Authority.SubjectName.RawData);
        rig.Registry.Check("cctest1700000000").Status.Should().Be(200);

        var install = rig.Device.Post("/api/system/config", $$"""{"tls":{{answer.ToJsonString()}}}""", rig.Token, tls: false);
        install.Status.Should().Be(200, "the device opens the delivered key with its attestation key");
        TestDevice.Json(install)["reboot_required"]!.GetValue<bool>().Should().BeTrue();
    }

    [TestMethod]
    public void Register_without_csr_refuses_a_genuine_token_whose_signature_does_not_recover_its_key_id()
    {
        // Arrange: the device's token with another time part, so the signature is over something else.
        using var rig = RegistrationRig.Create();
        var parts = rig.Genuine.Split('.');
        var tampered = parts[0] + "." + Convert.ToBase64String("1"u8) + "." + parts[2];

        // Act
        var (status, answer) = rig.Register("cctest1700000000/k", new JsonObject { ["genuine"] = tampered, ["ip"] = "192.168.7.1" });

        // Assert
        status.Should().Be(400);
        answer!["error"]!.GetValue<string>().Should().StartWith("genuine: its signature recovers no key");
        rig.Registry.Check("cctest1700000000").Status.Should().Be(404);
    }

    [TestMethod]
    public void Register_without_csr_refuses_a_token_of_another_key_id()
    {
        using var rig = RegistrationRig.Create();
        var parts = rig.Genuine.Split('.');
        var otherId = Convert.ToBase64String(new byte[20]);

        var (status, _) = rig.Register("cctest1700000000/k", new JsonObject { ["genuine"] = otherId + "." + parts[1] + "." + parts[2] });

        status.Should().Be(400);
    }

    [TestMethod]
    public void Delivered_key_opens_with_the_attestation_key_and_binds_the_certificate()
    {
        // Arrange: the test plays the device: its attestation key, and the published derivation.
        using var attestation = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = attestation.ExportParameters(false).Q;
        var scalar = RandomNumberGenerator.GetBytes(32);
        scalar[0] &= 0x7F;
        var crt = new byte[] { 0x30, 0x01, 0x02 };

        // Act
        var (emp, key) = TlsKeyDelivery.Seal([0x04, .. q.X!, .. q.Y!], scalar, crt);

        // Assert
        var empBytes = Convert.FromBase64String(emp);
        using var ephemeral = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = empBytes[1..33], Y = empBytes[33..] },
        });
        var shared = attestation.DeriveRawSecretAgreement(ephemeral.PublicKey);
        var aesKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, [], Encoding.ASCII.GetBytes("HemSim TLS key delivery v1"));
        using var aes = Aes.Create();
        aes.Key = aesKey;
        var parts = key.Split('.');
        var plain = aes.DecryptCbc(Convert.FromBase64String(parts[1]), Convert.FromBase64String(parts[0]), PaddingMode.PKCS7);
        plain.Should().Equal([.. scalar, .. SHA256.HashData(crt)[..16]]);
        key.Should().HaveLength(113);
    }

    private static string Token(ECDsa key, long time)
    {
        var q = key.ExportParameters(false).Q;
        var ski = SHA1.HashData([0x04, .. q.X!, .. q.Y!]);
        var signed = Convert.ToBase64String(ski) + "." + Convert.ToBase64String(Encoding.ASCII.GetBytes(time.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return signed + "." + Convert.ToBase64String(signature);
    }
}
