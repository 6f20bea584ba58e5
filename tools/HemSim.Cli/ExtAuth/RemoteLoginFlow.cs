using System.Globalization;
using HemSim.Cli.Commands;
using HemSim.Cli.Http;
using HemSim.Cli.Text;

namespace HemSim.Cli.ExtAuth;

/// <summary>
/// A login approved by a paired app, the client's part (spec §9.2, docs/EXTERNAL-AUTH.md §4): open a broker
/// session, have the device sign an approval request for the scope, post it to the broker as an event, wait for an
/// app's answer, and redeem an approval at the device for a token. Needs no passphrase and no token: A8 and A9 are
/// open endpoints, and only a paired app can sign an approval the device accepts.
/// </summary>
internal sealed class RemoteLoginFlow(HemClient device, BrokerClient broker, BrokerPolling polling)
{
    /// <summary>The device's bearer token for the approved scope.</summary>
    /// <exception cref="CliUsageException">The app denied the request, or nobody answered in time.</exception>
    public async Task<string> RunAsync(string scope, string? ctx, string? note, CancellationToken cancellationToken)
    {
        string epk = await broker.OpenSessionAsync(eid: null, cancellationToken).ConfigureAwait(false);
        HemResponse request = await device.PostJsonAsync("/api/auth/ext/request", CompactJson.Write(writer =>
        {
            writer.WriteString("epk", epk);
            writer.WriteString("scope", scope);
            if (ctx is not null)
            {
                writer.WriteString("ctx", ctx);
            }
            if (note is not null)
            {
                writer.WriteString("note", note);
            }
        }), bearerToken: null, cancellationToken).ConfigureAwait(false);
        request.RequiredString("authreq");

        // The device's whole answer, unchanged, as the vendor clients post it (spec §9.2 step 4).
        string eventId = await broker.NewEventAsync(request.Body, cancellationToken).ConfigureAwait(false);
        AppDecision? decision = await polling.UntilAnsweredAsync(token => broker.CheckEventAsync(eventId, token), cancellationToken)
            .ConfigureAwait(false);
        if (decision is null)
        {
            await broker.WithdrawAsync(eventId, cancellationToken).ConfigureAwait(false);
            throw new CliUsageException(string.Create(CultureInfo.InvariantCulture,
                $"no app answered within {polling.Timeout.TotalSeconds:0.#} s; the request is withdrawn"));
        }
        if (decision.Authreply is not { } authreply)
        {
            throw new CliUsageException($"the app denied the request for {scope}");
        }

        HemResponse token = await device.PostJsonAsync("/api/auth/ext/token", CompactJson.Write(writer => writer.WriteString("authreply", authreply)),
            bearerToken: null, cancellationToken).ConfigureAwait(false);
        return token.RequiredString("token");
    }
}
