namespace HemSim.Transport.Control;

/// <summary>The answer to a control operation.</summary>
/// <param name="Data">Operation-specific result bytes; empty when the operation returns none.</param>
public sealed record ControlResult(ControlStatus Status, ReadOnlyMemory<byte> Data)
{
    /// <summary>Text for people, e.g. why the operation failed; null when the device gave none.</summary>
    public string? Detail { get; init; }

    public static ControlResult Ok() => new(ControlStatus.Ok, ReadOnlyMemory<byte>.Empty);

    public static ControlResult Ok(ReadOnlyMemory<byte> data) => new(ControlStatus.Ok, data);

    public static ControlResult Unsupported(string? detail = null) =>
        new(ControlStatus.Unsupported, ReadOnlyMemory<byte>.Empty) { Detail = detail };

    public static ControlResult InvalidArgument(string detail) =>
        new(ControlStatus.InvalidArgument, ReadOnlyMemory<byte>.Empty) { Detail = detail };

    public static ControlResult Failed(string detail) =>
        new(ControlStatus.Failed, ReadOnlyMemory<byte>.Empty) { Detail = detail };
}
