namespace HemSim.Transport.Messages;

/// <summary>A message whose frames have all arrived, still encoded.</summary>
/// <param name="Sequence">The message id: sequence number of its first frame, what answers and Acks refer to.</param>
/// <param name="Reference">Reference field of the first frame (for an answer: the request's message id).</param>
internal readonly record struct InboundMessage(MessageKind Kind, uint Sequence, uint Reference, ReadOnlyMemory<byte> Content);
