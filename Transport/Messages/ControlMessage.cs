using HemSim.Transport.Control;

namespace HemSim.Transport.Messages;

/// <summary>A simulator control operation on the wire (kind Control, PROTOCOL.md §6.5).</summary>
internal sealed record ControlMessage(ControlOperation Operation, ReadOnlyMemory<byte> Argument) : Message
{
    public override MessageKind Kind => MessageKind.Control;
}

/// <summary>The answer to a <see cref="ControlMessage"/> (kind ControlResult, PROTOCOL.md §6.6).</summary>
/// <param name="Detail">Text for people, e.g. why the operation failed; null when absent.</param>
internal sealed record ControlResultMessage(ControlStatus Status, ReadOnlyMemory<byte> Data, string? Detail) : Message
{
    public override MessageKind Kind => MessageKind.ControlResult;
}
