namespace HemSim.Transport.Messages;

/// <summary>A unit the session exchanges; encoded by <see cref="MessageCodec"/> and carried in one or more frames.</summary>
internal abstract record Message
{
    private protected Message()
    {
    }

    public abstract MessageKind Kind { get; }
}
