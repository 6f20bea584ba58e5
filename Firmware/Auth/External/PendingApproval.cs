namespace HemSim.Firmware.Auth.External;

/// <summary>An outstanding approval request (<c>ext/request</c>).</summary>
/// <param name="Expires">The <c>authreq</c>'s <c>exp</c> (device Unix time; ext/request needs the RTC).</param>
/// <param name="Scope">The requested scope, without the <c>#…</c> key description.</param>
/// <param name="AppIds">b64 of the <c>appid</c>s it was sent to (the members of its <c>scope</c> object).</param>
/// <param name="Ctx">The request's <c>ctx</c>, or null: an approval must echo it, and the token carries it.</param>
internal sealed record PendingApproval(long Expires, string Scope, IReadOnlySet<string> AppIds, string? Ctx);
