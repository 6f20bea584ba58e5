using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using FluentAssertions;
using HemSim.HostBridge.Tests.Http;
using HemSim.TestKit;

namespace HemSim.HostBridge.Tests.Hosting;

/// <summary>spec §3.1: HTTPS with TLS 1.3 (the PHP tester requires it) and TLS 1.2, HTTP/1.1 only.</summary>
[TestClass]
public sealed class HttpsListenerTests
{
    private static TestBridge s_bridge = null!;

    [ClassInitialize]
    public static async Task StartBridgeAsync(TestContext context) => s_bridge = await TestBridge.StartAsync();

    [ClassCleanup]
    public static async Task StopBridgeAsync() => await s_bridge.DisposeAsync();

    [TestMethod]
    [DataRow(SslProtocols.Tls13)]
    [DataRow(SslProtocols.Tls12)]
    public async Task Handshake_succeeds_with_a_verified_certificate(SslProtocols protocol)
    {
        // Act
        await using RawConnection connection = await RawConnection.OpenAsync(s_bridge.Host.HttpsAddress, s_bridge.Ca, protocol);

        // Assert
        connection.Tls!.SslProtocol.Should().Be(protocol);
        connection.Tls.IsAuthenticated.Should().BeTrue();
    }

    [TestMethod]
    public async Task Request_over_TLS_1_3_is_answered()
    {
        await using RawConnection connection = await RawConnection.OpenAsync(s_bridge.Host.HttpsAddress, s_bridge.Ca, SslProtocols.Tls13);

        await connection.WriteAsync(RawHttp.Request("GET /api/system/status HTTP/1.1\r\nHost: my.ence.do"));
        (byte[] bytes, bool closed) = await connection.ReadToEndAsync();

        RawHttpResponse.Parse(bytes, closed).StatusCode.Should().Be(200);
        s_bridge.Device.LastRequest.IsTls.Should().BeTrue();
    }

    [TestMethod]
    [DataRow("localhost")]
    [DataRow("my.ence.do")]
    public async Task Certificate_verifies_for_each_configured_name(string targetHost)
    {
        await using RawConnection connection = await RawConnection.OpenAsync(s_bridge.Host.HttpsAddress, s_bridge.Ca, SslProtocols.Tls13, targetHost);

        connection.Tls!.IsAuthenticated.Should().BeTrue();
    }

    [TestMethod]
    public async Task Certificate_does_not_verify_for_another_name()
    {
        Func<Task> open = () => RawConnection.OpenAsync(s_bridge.Host.HttpsAddress, s_bridge.Ca, SslProtocols.Tls13, "other.example");

        await open.Should().ThrowAsync<AuthenticationException>();
    }

    [TestMethod]
    public async Task HTTP_2_is_not_offered()
    {
        using var client = CaTrust.CreateClient(s_bridge.Ca);
        using var request = new HttpRequestMessage(HttpMethod.Get, s_bridge.Https("/api/system/status"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };

        using HttpResponseMessage response = await client.SendAsync(request);

        response.Version.Should().Be(HttpVersion.Version11);
    }
}
