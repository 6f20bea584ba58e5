using System.Security.Cryptography;
using FluentAssertions;
using HemSim.Authenticator.Scheme;
using HemSim.Firmware.Entropy;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using AppScopeBlob = HemSim.Authenticator.Scheme.ScopeBlob;
using DeviceScopeBlob = HemSim.Firmware.Auth.External.ScopeBlob;

namespace HemSim.Firmware.Tests.Auth.External;

/// <summary>The scope blob of docs/EXTERNAL-AUTH.md §4 step 3, checked against the authenticator's own implementation.</summary>
[TestClass]
public sealed class ScopeBlobTests
{
    private static readonly byte[] Kapp = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Jti = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    [TestMethod]
    public void Device_request_blob_opens_in_the_app_and_is_48_bytes_for_a_short_scope()
    {
        // Arrange
        using var entropy = new DrbgEntropySource();

        // Act
        var blob = DeviceScopeBlob.Seal(Kapp, Jti, DeviceScopeBlob.RequestInfo, "logger:get", entropy);

        // Assert
        blob.Should().HaveCount(48);
        AppScopeBlob.TryOpen(Kapp, Jti, blob, ScopeDirection.Request, out var plaintext).Should().BeTrue();
        plaintext.Should().Be("logger:get");
    }

    [TestMethod]
    public void App_reply_blob_opens_on_the_device()
    {
        // Arrange
        var blob = AppScopeBlob.Seal(Kapp, Jti, "keymgmt:use:00112233445566778899aabbccddeeff", ScopeDirection.Reply);

        // Act
        var opened = DeviceScopeBlob.TryOpen(Kapp, Jti, DeviceScopeBlob.ReplyInfo, blob, out var scope);

        // Assert
        opened.Should().BeTrue();
        scope.Should().Be("keymgmt:use:00112233445566778899aabbccddeeff");
    }

    [TestMethod]
    [DataRow("info")]
    [DataRow("jti")]
    [DataRow("key")]
    [DataRow("short")]
    [DataRow("unaligned")]
    public void Blob_does_not_open_under_anything_else(string kind)
    {
        // Arrange
        var blob = AppScopeBlob.Seal(Kapp, Jti, "logger:get", ScopeDirection.Reply);
        var otherJti = (byte[])Jti.Clone();
        otherJti[0] ^= 1;
        var otherKey = SHA256.HashData(Kapp);

        // Act
        var opened = kind switch
        {
            "info" => DeviceScopeBlob.TryOpen(Kapp, Jti, DeviceScopeBlob.RequestInfo, blob, out _),
            "jti" => DeviceScopeBlob.TryOpen(Kapp, otherJti, DeviceScopeBlob.ReplyInfo, blob, out _),
            "key" => DeviceScopeBlob.TryOpen(otherKey, Jti, DeviceScopeBlob.ReplyInfo, blob, out _),
            "short" => DeviceScopeBlob.TryOpen(Kapp, Jti, DeviceScopeBlob.ReplyInfo, blob[..32], out _),
            _ => DeviceScopeBlob.TryOpen(Kapp, Jti, DeviceScopeBlob.ReplyInfo, blob[..47], out _),
        };

        // Assert
        opened.Should().BeFalse();
    }
}
