namespace HemSim.Authenticator.Broker;

/// <summary>
/// What <c>GET &lt;link&gt;</c> shows the app (§3 steps 4 and 7): the device's <c>eid</c> and <c>request</c>, and
/// after the client's finalise also <c>kid</c> and <c>code</c>.
/// </summary>
public sealed record Registration(string Eid, string Request, string? Kid, string? Code);
