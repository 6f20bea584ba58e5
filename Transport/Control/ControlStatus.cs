namespace HemSim.Transport.Control;

/// <summary>How a control operation ended. Explicit wire values; a retired value is never reused.</summary>
public enum ControlStatus : ushort
{
    /// <summary>Done; <see cref="ControlResult.Data"/> holds the operation's result, if it has one.</summary>
    Ok = 0,

    /// <summary>The device does not offer this operation (or no control at all).</summary>
    Unsupported = 1,

    /// <summary>The argument is malformed or out of range; nothing was done.</summary>
    InvalidArgument = 2,

    /// <summary>The operation was attempted and failed; <see cref="ControlResult.Detail"/> says why.</summary>
    Failed = 3,
}
