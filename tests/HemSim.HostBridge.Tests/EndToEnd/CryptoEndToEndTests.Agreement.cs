using System.Security.Cryptography;
using FluentAssertions;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>ECDH (spec §13.9) and ML-KEM (§13.10, §13.11): both sides compute the same secret.</summary>
public sealed partial class CryptoEndToEndTests
{
    [TestMethod]
    public async Task Ecdh_x25519_on_the_device_equals_the_peer_side_raw_and_hashed()
    {
        // Arrange
        var (kid, peerPublic, shared) = await X25519PeerAsync("E2E ecdh x25519");

        // Act
        var raw = Bytes(await UseAsync("ecdh", kid, new { kid, pubkey = B64(peerPublic) }), "ecdh");
        var hashed = Bytes(await UseAsync("ecdh", kid, new { kid, pubkey = B64(peerPublic), alg = "SHA2-512" }), "ecdh");

        // Assert
        raw.Should().Equal(shared);
        hashed.Should().Equal(SHA512.HashData(shared));
    }

    [TestMethod]
    public async Task Ecdh_p256_on_the_device_equals_the_dotnet_x_coordinate()
    {
        // Arrange: a device key (default mode ECDH) and a .NET key pair.
        var kid = await CreateAsync("SECP256R1", "E2E ecdh p256");
        using var peer = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        using var device = ECDiffieHellman.Create(P256Public(await PublicKeyAsync(kid)));

        // Act
        var raw = Bytes(await UseAsync("ecdh", kid, new { kid, pubkey = B64(Compress(peer.ExportParameters(false))) }), "ecdh");

        // Assert: the x-coordinate of the shared point (spec §13.9).
        raw.Should().Equal(peer.DeriveRawSecretAgreement(device.PublicKey));
    }

    [TestMethod]
    public async Task Mlkem768_encapsulated_here_to_the_device_key_decapsulates_on_the_device()
    {
        // Arrange
        var kid = await CreateAsync("MLKEM768", "E2E mlkem768");
        var encapsulator = new MLKemEncapsulator(MLKemParameters.ml_kem_768);
        encapsulator.Init(new ParametersWithRandom(MLKemPublicKeyParameters.FromEncoding(MLKemParameters.ml_kem_768, await PublicKeyAsync(kid)), new SecureRandom()));
        var ciphertext = new byte[encapsulator.EncapsulationLength];
        var sent = new byte[encapsulator.SecretLength];
        encapsulator.Encapsulate(ciphertext, 0, ciphertext.Length, sent, 0, sent.Length);

        // Act
        var received = Bytes(await UseAsync("pqc/mlkem/decaps", kid, new { kid, ct = B64(ciphertext) }), "ss");
        var shortCiphertext = await UseAsync("pqc/mlkem/decaps", kid, new { kid, ct = B64(ciphertext[..^1]) });

        // Assert
        received.Should().Equal(sent);
        shortCiphertext.Status.Should().Be(406, "the ct length must match the parameter set exactly (spec §13.11)");
    }

    [TestMethod]
    public async Task Mlkem768_encapsulated_on_the_device_decapsulates_on_the_device_to_the_same_secret()
    {
        // Arrange
        var kid = await CreateAsync("MLKEM768", "E2E mlkem768 self");

        // Act
        var encaps = await UseAsync("pqc/mlkem/encaps", kid, new { kid });
        var ciphertext = Bytes(encaps, "ct");
        var decaps = await UseAsync("pqc/mlkem/decaps", kid, new { kid, ct = B64(ciphertext) });

        // Assert
        encaps.Json["alg"]!.GetValue<string>().Should().Be("MLKEM768");
        ciphertext.Should().HaveCount(1088);
        Bytes(decaps, "ss").Should().HaveCount(32).And.Equal(Bytes(encaps, "ss"));
    }

    [TestMethod]
    public async Task Mlkem768_encapsulated_on_the_device_to_an_imported_key_decapsulates_here()
    {
        // Arrange: allowed only because the bridge runs with --pqc-public-keys (spec §13.10 QUIRK).
        var generator = new MLKemKeyPairGenerator();
        generator.Init(new MLKemKeyGenerationParameters(new SecureRandom(), MLKemParameters.ml_kem_768));
        var pair = generator.GenerateKeyPair();
        var kid = await ImportAsync("MLKEM768", "E2E mlkem768 peer", ((MLKemPublicKeyParameters)pair.Public).GetEncoded());

        // Act
        var encaps = await UseAsync("pqc/mlkem/encaps", kid, new { kid });

        // Assert
        var decapsulator = new MLKemDecapsulator(MLKemParameters.ml_kem_768);
        decapsulator.Init(pair.Private);
        var ciphertext = Bytes(encaps, "ct");
        var received = new byte[decapsulator.SecretLength];
        decapsulator.Decapsulate(ciphertext, 0, ciphertext.Length, received, 0, received.Length);
        received.Should().Equal(Bytes(encaps, "ss"));
    }
}
