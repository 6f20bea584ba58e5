namespace HemSim.Transport.Control;

/// <summary>A control operation as the device's control handler receives it.</summary>
/// <param name="Argument">Operation-specific bytes; empty when the operation takes none.</param>
public sealed record ControlRequest(ControlOperation Operation, ReadOnlyMemory<byte> Argument);
