using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Status;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Auth;

/// <summary>
/// <see cref="EjwtProof.Verify"/> against the independent login vectors in shared/vectors/ejwt-login.json
/// (computed from spec §6.1 by another implementation): a device holding the vector's session key, with the
/// vector's client keys as UserKey and MasterKey, must accept each <c>auth</c> and map it to its role.
/// </summary>
[TestClass]
public sealed class EjwtProofTests
{
    private static readonly JsonObject Vectors = JsonNode.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "shared", "ejwt-login.json")))!.AsObject();

    private static readonly byte[] SessionPrivate = Convert.FromHexString(Vectors["device_session_private_hex"]!.GetValue<string>());
    private static readonly string Spk = Vectors["spk"]!.GetValue<string>();
    private static readonly TimeSpan IssuedAt = TimeSpan.FromSeconds(100);

    private static JsonObject Vector(int index) => Vectors["vectors"]![index]!.AsObject();

    private static byte[] ClientKey(string role) =>
        Convert.FromBase64String(Vectors["vectors"]!.AsArray().Single(v => v!["role"]!.GetValue<string>() == role)!["client_public_key_b64"]!.GetValue<string>());

    /// <summary>A nonce store in which the vector's jti is outstanding, issued at <see cref="IssuedAt"/>.</summary>
    private static NonceStore StoreWith(string jti, NonceKind kind = NonceKind.Login)
    {
        var bytes = Convert.FromBase64String(jti);
        var unixTime = BitConverter.ToUInt32(bytes, 0);
        var store = new NonceStore();
        store.Issue(kind, unixTime, IssuedAt, new ScriptedEntropy(bytes[4..])).Should().Be(jti);
        return store;
    }

    /// <summary>The role check of POST /api/auth/token: iss must be the stored UserKey or MasterKey.</summary>
    private static Func<byte[], bool> Roles(Action<string> matched) => issuer =>
    {
        if (issuer.AsSpan().SequenceEqual(ClientKey("user")))
        {
            matched("user");
            return true;
        }
        if (issuer.AsSpan().SequenceEqual(ClientKey("master")))
        {
            matched("master");
            return true;
        }
        return false;
    };

    private static ApiStatus Verify(string auth, NonceStore store, TimeSpan at, out EjwtProof? proof, string? spk = null, Func<byte[], bool>? accept = null) =>
        EjwtProof.Verify(auth, NonceKind.Login, store, at, spk ?? Spk, SessionPrivate, accept ?? Roles(_ => { }), out proof);

    [TestMethod]
    public void Vector_device_keys_match_the_published_spk_and_eid()
    {
        // Act
        var spk = Convert.ToBase64String(KeyAgreementAlgorithm.X25519.GetPublicKey(SessionPrivate));
        var eid = Convert.ToBase64String(KeyAgreementAlgorithm.X25519.GetPublicKey(
            Convert.FromHexString(Vectors["device_identity_private_hex"]!.GetValue<string>())));

        // Assert
        spk.Should().Be(Spk);
        eid.Should().Be(Vectors["eid"]!.GetValue<string>());
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(1)]
    public void Ejwt_proof_accepts_the_shared_vector_and_maps_it_to_its_role(int index)
    {
        // Arrange
        var vector = Vector(index);
        var claims = vector["claims"]!.AsObject();
        var store = StoreWith(claims["jti"]!.GetValue<string>());
        string? role = null;

        // Act
        var status = Verify(vector["auth"]!.GetValue<string>(), store, IssuedAt + TimeSpan.FromSeconds(1), out var proof, accept: Roles(r => role = r));

        // Assert
        status.Should().Be(ApiStatus.Ok);
        using (proof)
        {
            role.Should().Be(vector["role"]!.GetValue<string>());
            proof!.Scope.Should().Be(claims["scope"]!.GetValue<string>());
            proof.Expires.Should().Be(claims["exp"]!.GetValue<long>());
            proof.Ctx.Should().BeNull();
            Convert.ToBase64String(proof.Issuer).Should().Be(vector["client_public_key_b64"]!.GetValue<string>());
        }
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(1)]
    public void Ejwt_proof_consumes_the_vector_nonce(int index)
    {
        // Arrange
        var vector = Vector(index);
        var store = StoreWith(vector["claims"]!["jti"]!.GetValue<string>());
        var auth = vector["auth"]!.GetValue<string>();
        Verify(auth, store, IssuedAt, out var first).Should().Be(ApiStatus.Ok);
        first!.Dispose();

        // Act
        var status = Verify(auth, store, IssuedAt, out var second);

        // Assert
        status.Should().Be(ApiStatus.Unauthorized);
        second.Should().BeNull();
    }

    [TestMethod]
    public void Ejwt_proof_answers_401_when_the_nonce_was_never_issued()
    {
        // Act
        var status = Verify(Vector(0)["auth"]!.GetValue<string>(), new NonceStore(), IssuedAt, out var proof);

        // Assert
        status.Should().Be(ApiStatus.Unauthorized);
        proof.Should().BeNull();
    }

    [TestMethod]
    public void Ejwt_proof_answers_401_when_the_nonce_belongs_to_another_flow()
    {
        // Arrange
        var store = StoreWith(Vector(0)["claims"]!["jti"]!.GetValue<string>(), NonceKind.Init);

        // Act
        var status = Verify(Vector(0)["auth"]!.GetValue<string>(), store, IssuedAt, out _);

        // Assert
        status.Should().Be(ApiStatus.Unauthorized);
    }

    [TestMethod]
    [DataRow(59.999, 200)]
    [DataRow(60.0, 401)]
    public void Ejwt_proof_accepts_a_nonce_for_60_seconds(double ageSeconds, int expected)
    {
        // Arrange
        var store = StoreWith(Vector(0)["claims"]!["jti"]!.GetValue<string>());

        // Act
        var status = Verify(Vector(0)["auth"]!.GetValue<string>(), store, IssuedAt + TimeSpan.FromSeconds(ageSeconds), out var proof);

        // Assert
        status.Should().Be((ApiStatus)expected);
        proof?.Dispose();
    }

    [TestMethod]
    public void Ejwt_proof_answers_401_when_aud_is_not_the_current_spk()
    {
        // Arrange
        var store = StoreWith(Vector(0)["claims"]!["jti"]!.GetValue<string>());

        // Act
        var status = Verify(Vector(0)["auth"]!.GetValue<string>(), store, IssuedAt, out _, spk: Convert.ToBase64String(new byte[32]));

        // Assert
        status.Should().Be(ApiStatus.Unauthorized);
    }

    [TestMethod]
    public void Ejwt_proof_answers_401_when_the_issuer_is_not_accepted()
    {
        // Arrange
        var store = StoreWith(Vector(0)["claims"]!["jti"]!.GetValue<string>());

        // Act
        var status = Verify(Vector(0)["auth"]!.GetValue<string>(), store, IssuedAt, out _, accept: _ => false);

        // Assert
        status.Should().Be(ApiStatus.Unauthorized);
    }

    [TestMethod]
    public void Ejwt_proof_answers_401_to_the_vector_with_an_altered_signature()
    {
        // Arrange
        var store = StoreWith(Vector(0)["claims"]!["jti"]!.GetValue<string>());
        var auth = Vector(0)["auth"]!.GetValue<string>();
        var signatureStart = auth.LastIndexOf('.') + 1;
        var tampered = auth[..signatureStart] + (auth[signatureStart] == 'A' ? 'Q' : 'A') + auth[(signatureStart + 1)..];

        // Act
        var status = Verify(tampered, store, IssuedAt, out _);

        // Assert
        status.Should().Be(ApiStatus.Unauthorized);
    }

    [TestMethod]
    public void Ejwt_proof_answers_401_when_verified_with_another_session_key()
    {
        // Arrange
        var store = StoreWith(Vector(1)["claims"]!["jti"]!.GetValue<string>());

        // Act
        var status = EjwtProof.Verify(Vector(1)["auth"]!.GetValue<string>(), NonceKind.Login, store, IssuedAt, Spk,
            Enumerable.Repeat((byte)0x5c, 32).ToArray(), Roles(_ => { }), out _);

        // Assert
        status.Should().Be(ApiStatus.Unauthorized);
    }
}
