namespace HemSim.Firmware.Auth.External;

/// <summary>An outstanding pairing nonce (<c>ext/init</c>): redeemable by one <c>reply</c> until <paramref name="ExpiresAt"/>.</summary>
/// <param name="ExpiresAt">Monotonic deadline: the <c>request</c>'s <c>exp</c> is 24 h ahead, and the RTC may be set
/// or moved meanwhile (ext/init needs no RTC), so the device counts the lifetime on its monotonic clock.</param>
internal sealed record PendingPairing(TimeSpan ExpiresAt);
