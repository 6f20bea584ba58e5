using System.Text.Json.Nodes;

namespace HemSim.Authenticator;

/// <summary>The app's answer to one authreq.</summary>
/// <param name="Authreply">The signed approval when <see cref="Kind"/> is <see cref="AnswerKind.Approved"/>.</param>
/// <param name="Reason">Why an authreq was ignored.</param>
public sealed record AuthAnswer(
    AnswerKind Kind, string? Authreply, Pairing? Pairing, string? RequestedScope, string? ApprovedScope, string? Reason)
{
    /// <summary>The broker event this answers, when it came through the broker.</summary>
    public string? EventId { get; init; }

    /// <summary>The body of <c>POST /notify/app/events/&lt;eventid&gt;</c> (§4 step 5).</summary>
    /// <exception cref="InvalidOperationException">An ignored request has no answer.</exception>
    public JsonObject BrokerBody() => Kind switch
    {
        AnswerKind.Approved => new JsonObject { ["authreply"] = Authreply },
        AnswerKind.Denied => new JsonObject { ["deny"] = true },
        _ => throw new InvalidOperationException("An ignored request is not answered."),
    };

    internal static AuthAnswer Ignored(string reason, Pairing? pairing = null) => new(AnswerKind.Ignored, null, pairing, null, null, reason);
}
