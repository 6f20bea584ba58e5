namespace HemSim.Transport.Messages;

/// <summary>A message whose frames have all arrived, still encoded.</summary>
/// <param name="Sequence">Sequence number of the message's first frame: what answers refer to.</param>
/// <param name="Reference">Reference field of the first frame (for a response: the request's sequence number).</param>
internal readonly record struct InboundMessage(MessageKind Kind, uint Sequence, uint Reference, ReadOnlyMemory<byte> Content);

/// <summary>A message given up before its last frame; the sender is told with a Reject frame.</summary>
internal readonly record struct AbandonedMessage(MessageKind Kind, uint Sequence, uint Reference, RejectReason Reason);
