namespace HemSim.Transport.Messages;

/// <summary>The wire twin of <c>ApiResponse</c>.</summary>
/// <param name="Status">Any 32-bit number: the device answers non-standard codes such as 795.</param>
/// <param name="DeliverNotBeforeMilliseconds">Earliest delivery, counted from when the request reached the device.</param>
internal sealed record ResponseMessage(
    int Status,
    string ContentType,
    ResponseMessageFlags Flags,
    uint DeliverNotBeforeMilliseconds,
    ReadOnlyMemory<byte> Body) : Message
{
    public override MessageKind Kind => MessageKind.Response;

    /// <summary>The origin to echo in <c>Access-Control-Allow-Origin</c>, or null.</summary>
    public string? AllowedOrigin { get; init; }
}

/// <summary>Response flag bits on the wire (PROTOCOL.md §6.4). Unassigned bits are written 0 and ignored.</summary>
[Flags]
internal enum ResponseMessageFlags : uint
{
    None = 0,
    CloseConnection = 0x1,
    RebootAfterReply = 0x2,
    ShutdownAfterReply = 0x4,
    DropConnection = 0x8,
}
