using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace HemSim.HostBridge.Tests.Http;

/// <summary>One request written byte for byte, and the response read until the server closes.</summary>
internal static class RawHttp
{
    /// <summary>The request: <paramref name="head"/> lines joined by CRLF, a blank line, then the body.</summary>
    public static byte[] Request(string head, byte[]? body = null) =>
        [.. Encoding.Latin1.GetBytes(head + "\r\n\r\n"), .. body ?? []];

    public static async Task<RawHttpResponse> ExchangeAsync(Uri address, X509Certificate2? ca, byte[] request)
    {
        await using RawConnection connection = await RawConnection.OpenAsync(address, ca);
        await connection.WriteAsync(request);
        (byte[] bytes, bool closed) = await connection.ReadToEndAsync();
        return RawHttpResponse.Parse(bytes, closed);
    }
}

/// <summary>A response as bytes on the wire: the head exactly as sent, and the body.</summary>
internal sealed record RawHttpResponse(string StatusLine, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, string Head, bool ClosedByServer)
{
    public int StatusCode => int.Parse(StatusLine.Split(' ')[1]);

    public static RawHttpResponse Parse(byte[] bytes, bool closedByServer)
    {
        string text = Encoding.Latin1.GetString(bytes);
        int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            throw new InvalidDataException($"No complete response head in {bytes.Length} bytes: '{text}'");
        }

        string head = text[..(end + 4)];
        string[] lines = head[..end].Split("\r\n");
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .Select(parts => KeyValuePair.Create(parts[0], parts[1].Trim()))
            .ToList();
        return new RawHttpResponse(lines[0], headers, bytes[(end + 4)..], head, closedByServer);
    }

    /// <summary>The values of a header, looked up by its exact spelling (as [T] does, spec §3.2).</summary>
    public IReadOnlyList<string> ExactHeader(string name) =>
        [.. Headers.Where(header => string.Equals(header.Key, name, StringComparison.Ordinal)).Select(header => header.Value)];

    /// <summary>The values of a header, looked up without regard to case.</summary>
    public IReadOnlyList<string> AnyCaseHeader(string name) =>
        [.. Headers.Where(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Select(header => header.Value)];
}
