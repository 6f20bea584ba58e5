namespace HemSim.Firmware.Auth.External;

/// <summary>The external-authenticator state of one boot: outstanding pairing nonces and approval requests.</summary>
internal sealed class ExternalAuthState
{
    public OutstandingRequests<PendingPairing> Pairings { get; } = new();

    public OutstandingRequests<PendingApproval> Approvals { get; } = new();
}
