using System.Security.Cryptography;
using System.Text.Json;
using FluentAssertions;
using HemSim.Cli.Tests.Fakes;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace HemSim.Cli.Tests.Commands;

/// <summary><c>hemsim config passwd</c>: the client side of spec §11.6.1, checked by an independent device side.</summary>
[TestClass]
public sealed class ConfigPasswdCommandTests
{
    /// <summary>The new passphrase is the master vector's, so its public key is known independently.</summary>
    private static LoginVector NewVector => SharedVectors.Login.Master;

    [TestMethod]
    public async Task Passwd_with_a_token_sends_the_new_key_and_a_proof_the_device_verifies()
    {
        // Arrange
        await using FakeHem hem = await ConfigCommandRig.StartAsync();
        hem.On("POST", "/api/system/config", FakeReply.Json("""{"updated":true}"""));
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_NEW_USER_PASSPHRASE"] = NewVector.Passphrase;

        // Act
        CliResult result = await cli.RunAsync("config", "passwd", "--url", hem.UrlText, "--token", ConfigCommandRig.Token);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Select(r => $"{r.Method} {r.Path}").Should().Equal("GET /api/system/config", "POST /api/system/config");
        ShouldBeAValidRotation(hem.Requests[1]);
        result.Out.Should().Contain("user passphrase changed");
        result.AllOutput.Should().NotContain(NewVector.Passphrase);
    }

    [TestMethod]
    public async Task Passwd_logs_in_with_the_first_stdin_line_and_takes_the_new_passphrase_from_the_second()
    {
        // Arrange
        await using FakeHem hem = await ConfigCommandRig.StartAsync();
        hem.On("POST", "/api/system/config", FakeReply.Json("""{"updated":true}"""));
        var cli = new CliInvocation { Input = ScriptedConsoleInput.Stdin(SharedVectors.Login.User.Passphrase, NewVector.Passphrase) };

        // Act
        CliResult result = await cli.RunAsync("config", "passwd", "--passphrase-stdin", "--url", hem.UrlText);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Select(r => $"{r.Method} {r.Path}").Should().Equal(
            "GET /api/auth/token", "POST /api/auth/token", "GET /api/system/config", "POST /api/system/config");
        string auth = JsonDocument.Parse(hem.Requests[1].Body).RootElement.GetProperty("auth").GetString()!;
        FakeDeviceAuth.VerifiedPayload(auth)!.Value.GetProperty("iss").GetString().Should().Be(SharedVectors.Login.User.ClientPublicKeyB64);
        ShouldBeAValidRotation(hem.Requests[3]);
    }

    [TestMethod]
    public async Task Passwd_prompts_twice_for_the_new_passphrase_and_sends_nothing_when_they_differ()
    {
        // Arrange
        await using FakeHem hem = await ConfigCommandRig.StartAsync();
        var cli = new CliInvocation { Input = ScriptedConsoleInput.Typing("first one\nsecond one\n") };

        // Act
        CliResult result = await cli.RunAsync("config", "passwd", "--url", hem.UrlText, "--token", ConfigCommandRig.Token);

        // Assert
        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("New user passphrase: ").And.Contain("Repeat the new user passphrase: ")
            .And.Contain("the two new user passphrases differ");
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Passwd_without_a_new_passphrase_source_sends_nothing()
    {
        // Arrange
        await using FakeHem hem = await ConfigCommandRig.StartAsync();

        // Act
        CliResult result = await new CliInvocation().RunAsync("config", "passwd", "--url", hem.UrlText, "--token", ConfigCommandRig.Token);

        // Assert
        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("HEMSIM_NEW_USER_PASSPHRASE");
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Passwd_refused_with_406_explains_the_proof()
    {
        // Arrange
        await using FakeHem hem = await ConfigCommandRig.StartAsync();
        hem.On("POST", "/api/system/config", FakeReply.Status(406));
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_NEW_USER_PASSPHRASE"] = NewVector.Passphrase;

        // Act
        CliResult result = await cli.RunAsync("config", "passwd", "--url", hem.UrlText, "--token", ConfigCommandRig.Token);

        // Assert
        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("error: 406").And.Contain("hint: the device refused the proof");
    }

    /// <summary>
    /// The device side, independently: <c>userkey</c> is the key the new passphrase derives to (the vector's), and
    /// <c>userkey_hmac = HMAC-SHA256(X25519(session_priv, userkey), nonce)</c>.
    /// </summary>
    private static void ShouldBeAValidRotation(RecordedRequest request)
    {
        JsonElement body = JsonDocument.Parse(request.Body).RootElement;
        body.EnumerateObject().Select(p => p.Name).Should().Equal("userkey", "userkey_nonce", "userkey_hmac");
        request.Authorization.Should().StartWith("Bearer ");
        body.GetProperty("userkey").GetString().Should().Be(NewVector.ClientPublicKeyB64);
        body.GetProperty("userkey_nonce").GetString().Should().Be(ConfigCommandRig.Nonce);
        byte[] shared = new byte[X25519.PointSize];
        X25519.CalculateAgreement(
            Convert.FromHexString(SharedVectors.Login.DeviceSessionPrivateHex), 0, Convert.FromBase64String(NewVector.ClientPublicKeyB64), 0, shared, 0)
            .Should().BeTrue();
        byte[] expected = HMACSHA256.HashData(shared, Convert.FromBase64String(ConfigCommandRig.Nonce));
        Convert.FromBase64String(body.GetProperty("userkey_hmac").GetString()!).Should().Equal(expected);
    }
}
