using System.Text.Json;
using FluentAssertions;
using HemSim.Cli.Auth;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Auth;

/// <summary>
/// Known answers from shared/vectors/ejwt-login.json (an independent implementation of spec §6.1). The PBKDF2
/// derivations (600 000 iterations each) run once for the class.
/// </summary>
[TestClass]
public sealed class EjwtBuilderTests
{
    private const int User = 0;
    private const int Master = 1;

    private static LoginVectorFile s_file = null!;
    private static ClientKeyPair[] s_keys = [];

    [ClassInitialize]
    public static void DeriveVectorKeys(TestContext context)
    {
        s_file = SharedVectors.Login;
        s_keys = [.. s_file.Vectors.Select(vector => PassphraseKeyDerivation.Derive(vector.Passphrase, s_file.Eid))];
    }

    [ClassCleanup]
    public static void WipeVectorKeys()
    {
        foreach (ClientKeyPair keys in s_keys)
        {
            keys.Dispose();
        }
    }

    [TestMethod]
    public void Vector_file_has_a_user_and_a_master_vector()
    {
        s_file.Vectors.Select(vector => vector.Role).Should().Equal("user", "master");
    }

    [TestMethod]
    [DataRow(User)]
    [DataRow(Master)]
    public void Derivation_reproduces_the_vector_seed(int index)
    {
        Convert.ToHexStringLower(s_keys[index].Seed).Should().Be(s_file.Vectors[index].SeedHex);
    }

    [TestMethod]
    [DataRow(User)]
    [DataRow(Master)]
    public void Derivation_reproduces_the_vector_public_key(int index)
    {
        s_keys[index].PublicKeyBase64.Should().Be(s_file.Vectors[index].ClientPublicKeyB64);
    }

    [TestMethod]
    [DataRow(User)]
    [DataRow(Master)]
    public void Agreement_with_spk_reproduces_the_vector_shared_secret(int index)
    {
        byte[] shared = s_keys[index].AgreeWith(Convert.FromBase64String(s_file.Spk));

        Convert.ToHexStringLower(shared).Should().Be(s_file.Vectors[index].EcdhSharedHex);
    }

    [TestMethod]
    [DataRow(User)]
    [DataRow(Master)]
    public void Login_proof_reproduces_the_vector_auth_byte_for_byte(int index)
    {
        // Arrange
        LoginVector vector = s_file.Vectors[index];
        var claims = new LoginClaims(
            vector.Claims.Jti, vector.Claims.Aud, vector.Claims.Exp, vector.Claims.Iat, s_keys[index].PublicKeyBase64, vector.Claims.Scope);
        byte[] hmacKey = s_keys[index].AgreeWith(Convert.FromBase64String(s_file.Spk));

        // Act
        string auth = EjwtBuilder.CreateLoginProof(claims, hmacKey, EjwtHeaderOrder.EcdhFirst);

        // Assert
        auth.Should().Be(vector.Auth);
    }

    [TestMethod]
    public void Login_proof_header_is_the_vector_header_json()
    {
        string auth = EjwtBuilder.CreateLoginProof(UserClaims(), new byte[32]);

        FakeDeviceAuth.DecodeSegment(auth.Split('.')[0]).Should().Be(s_file.HeaderJson);
    }

    [TestMethod]
    public void Alg_first_header_order_is_the_php_tester_byte_order()
    {
        string auth = EjwtBuilder.CreateLoginProof(UserClaims(), new byte[32], EjwtHeaderOrder.AlgFirst);

        FakeDeviceAuth.DecodeSegment(auth.Split('.')[0]).Should().Be("""{"alg":"HS256","typ":"JWT","ecdh":"x25519"}""");
    }

    [TestMethod]
    public void Alg_first_proof_verifies_on_the_device_side()
    {
        // Arrange
        byte[] hmacKey = s_keys[User].AgreeWith(Convert.FromBase64String(s_file.Spk));

        // Act
        string auth = EjwtBuilder.CreateLoginProof(UserClaims(), hmacKey, EjwtHeaderOrder.AlgFirst);

        // Assert
        FakeDeviceAuth.VerifiedPayload(auth).Should().NotBeNull();
    }

    [TestMethod]
    public void Signature_segment_is_43_b64url_characters_without_padding()
    {
        string signature = EjwtBuilder.CreateLoginProof(UserClaims(), new byte[32]).Split('.')[2];

        signature.Should().HaveLength(43).And.MatchRegex("^[A-Za-z0-9_-]+$");
    }

    [TestMethod]
    public void Login_payload_keeps_plus_and_slash_unescaped()
    {
        string payload = FakeDeviceAuth.DecodeSegment(EjwtBuilder.CreateLoginProof(UserClaims(), new byte[32]).Split('.')[1]);

        payload.Should().Contain(s_file.Spk).And.NotContain("\\u002B").And.NotContain("\\/");
    }

    [TestMethod]
    public void Init_token_writes_claims_then_cfg_in_spec_table_order()
    {
        // Arrange
        var cfg = new InitConfig(
            "bWFzdGVy", "dXNlcg==", "HemSim user", "", "my.ence.do", "*", false, false, false, "192.168.7.1/24", 81, 8388608, false);
        var claims = new InitClaims("am", s_file.Spk, 1764000060, 1764000000, "bWFzdGVy", cfg);

        // Act
        string payload = FakeDeviceAuth.DecodeSegment(EjwtBuilder.CreateInitToken(claims, new byte[32]).Split('.')[1]);

        // Assert
        payload.Should().Be(
            "{\"jti\":\"am\",\"aud\":\"" + s_file.Spk + "\",\"exp\":1764000060,\"iat\":1764000000,\"iss\":\"bWFzdGVy\","
            + "\"cfg\":{\"masterkey\":\"bWFzdGVy\",\"userkey\":\"dXNlcg==\",\"user\":\"HemSim user\",\"email\":\"\","
            + "\"hostname\":\"my.ence.do\",\"origin\":\"*\",\"trusted_ts\":false,\"trusted_backend\":false,"
            + "\"allow_keysearch\":false,\"ip\":\"192.168.7.1/24\",\"storage_mode\":81,\"storage_disk0size\":8388608,\"dnsd\":false}}");
        JsonDocument.Parse(payload).RootElement.EnumerateObject().Select(property => property.Name)
            .Should().Equal("jti", "aud", "exp", "iat", "iss", "cfg");
    }

    private static LoginClaims UserClaims()
    {
        LoginVectorClaims claims = s_file.User.Claims;
        return new LoginClaims(claims.Jti, claims.Aud, claims.Exp, claims.Iat, claims.Iss, claims.Scope);
    }
}
