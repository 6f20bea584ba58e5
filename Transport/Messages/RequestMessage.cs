namespace HemSim.Transport.Messages;

/// <summary>
/// An HTTP request as the device sees it (the wire twin of <c>ApiRequest</c>). A null header is absent,
/// which is not the same as present and empty.
/// </summary>
internal sealed record RequestMessage(string Method, string Path, bool IsTls, ReadOnlyMemory<byte> Body) : Message
{
    public override MessageKind Kind => MessageKind.Request;

    public string? Authorization { get; init; }

    public string? ContentType { get; init; }

    public string? Origin { get; init; }

    public string? Host { get; init; }

    public string? ContentDisposition { get; init; }
}
