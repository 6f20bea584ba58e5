using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using HemSim.TestKit;

namespace HemSim.HostBridge.Tests.Http;

/// <summary>
/// A bare TCP (or TLS) connection for checking bytes that HttpClient hides: exact header spelling,
/// the status line, and whether the server closes the socket.
/// </summary>
internal sealed class RawConnection : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private readonly TcpClient _tcp;
    private readonly Stream _stream;

    private RawConnection(TcpClient tcp, Stream stream)
    {
        _tcp = tcp;
        _stream = stream;
    }

    /// <summary>The TLS session, or null on plain HTTP.</summary>
    public SslStream? Tls => _stream as SslStream;

    /// <param name="ca">The CA to trust; null for plain HTTP.</param>
    public static async Task<RawConnection> OpenAsync(Uri address, X509Certificate2? ca, SslProtocols protocols = SslProtocols.None, string targetHost = "localhost")
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, timeout.Token);
        Stream stream = tcp.GetStream();
        if (ca is not null)
        {
            var tls = new SslStream(stream, leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = targetHost,
                    EnabledSslProtocols = protocols,
                    RemoteCertificateValidationCallback = (_, certificate, _, errors) => CaTrust.Validates(ca, certificate, errors),
                },
                timeout.Token);
            stream = tls;
        }

        return new RawConnection(tcp, stream);
    }

    public async Task WriteAsync(byte[] bytes)
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        await _stream.WriteAsync(bytes, timeout.Token);
        await _stream.FlushAsync(timeout.Token);
    }

    /// <summary>Reads one response head, up to and including the blank line, and nothing more.</summary>
    public async Task<string> ReadHeadAsync()
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        var head = new List<byte>();
        byte[] one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await _stream.ReadAsync(one, timeout.Token) == 0)
            {
                break;
            }

            head.Add(one[0]);
        }

        return Encoding.Latin1.GetString([.. head]);
    }

    /// <summary>
    /// Reads until the server closes the connection. <c>ClosedByServer</c> is false when the
    /// connection was still open after the time limit.
    /// </summary>
    public async Task<(byte[] Bytes, bool ClosedByServer)> ReadToEndAsync()
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        using var received = new MemoryStream();
        byte[] buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await _stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }

            return (received.ToArray(), true);
        }
        catch (OperationCanceledException)
        {
            return (received.ToArray(), false);
        }
        catch (IOException)
        {
            // Reset after the response: the server closed with request bytes still unread.
            return (received.ToArray(), true);
        }
    }

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }

    private static bool EndsWithBlankLine(List<byte> bytes) =>
        bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n';
}
