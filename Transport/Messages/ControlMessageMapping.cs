using HemSim.Transport.Control;

namespace HemSim.Transport.Messages;

/// <summary>Converts between the public control records and their wire twins.</summary>
internal static class ControlMessageMapping
{
    public static ControlRequest ToRequest(ControlMessage message) => new(message.Operation, message.Argument);

    public static ControlResultMessage ToMessage(ControlResult result) => new(result.Status, result.Data, result.Detail);

    public static ControlResult ToResult(ControlResultMessage message) =>
        new(message.Status, message.Data) { Detail = message.Detail };
}
