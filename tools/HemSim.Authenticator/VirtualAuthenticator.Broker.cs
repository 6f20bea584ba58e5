using System.Text.Json;
using System.Text.Json.Nodes;
using HemSim.Authenticator.Broker;

namespace HemSim.Authenticator;

/// <summary>The same app through a broker: the app-side routes of docs/EXTERNAL-AUTH.md §5.</summary>
public sealed partial class VirtualAuthenticator
{
    /// <summary>
    /// Pairs through the broker: reads the link, posts the reply, waits for the client's finalise and checks the code.
    /// </summary>
    /// <param name="linkOrQrJson">The link, or the whole QR payload JSON (§3 step 3).</param>
    /// <exception cref="PairingException">Bad link or data, code mismatch (nothing kept), or no finalise within <paramref name="timeout"/>.</exception>
    /// <exception cref="BrokerException">The broker refused a step.</exception>
    public Task<Pairing> PairAsync(
        BrokerClient broker, string linkOrQrJson, string label, TimeSpan poll, TimeSpan timeout, CancellationToken cancellationToken) =>
        PairAsync(broker, linkOrQrJson, label, poll, timeout, answered: null, cancellationToken);

    /// <inheritdoc cref="PairAsync(BrokerClient, string, string, TimeSpan, TimeSpan, CancellationToken)"/>
    /// <param name="answered">Called once the reply is posted, with the pending pairing and its
    /// <see cref="PendingPairing.Code"/>: the code to show the user, who compares it with the client's (§3 step 7).</param>
    public async Task<Pairing> PairAsync(
        BrokerClient broker, string linkOrQrJson, string label, TimeSpan poll, TimeSpan timeout, Action<PendingPairing>? answered,
        CancellationToken cancellationToken)
    {
        Uri link = ParseLink(linkOrQrJson);
        Registration registration = await broker.GetRegistrationAsync(link, cancellationToken).ConfigureAwait(false);
        PendingPairing pending = BeginPairing(registration.Eid, registration.Request, label, BrokerOf(link));
        await broker.PostReplyAsync(link, pending.Pid, pending.Reply, cancellationToken).ConfigureAwait(false);
        answered?.Invoke(pending);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                registration = await broker.GetRegistrationAsync(link, deadline.Token).ConfigureAwait(false);
                if (registration is { Kid: { } kid, Code: { } code })
                {
                    return CompletePairing(pending, kid, code)
                        ?? throw new PairingException("the device's pairing code does not match the app's: the pairing is not kept");
                }
                await Task.Delay(poll, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PairingException($"the client did not finalise the pairing within {timeout.TotalSeconds:0.#} s");
        }
    }

    /// <summary>
    /// Polls the broker once for every pairing and answers each new event (events whose blob fails its MAC are
    /// ignored, and not answered). An event answered (or ignored) once is not looked at again. An event that cannot
    /// be read is ignored too: one malformed event never stops the app from answering the others.
    /// </summary>
    /// <param name="brokerOverride">The broker to ask instead of the one each pairing was made through.</param>
    public async Task<IReadOnlyList<AuthAnswer>> AnswerPendingAsync(BrokerClient broker, Uri? brokerOverride, CancellationToken cancellationToken)
    {
        var answers = new List<AuthAnswer>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (Pairing pairing in _store.Pairings.ToArray())
        {
            if ((brokerOverride ?? pairing.Broker) is not { } brokerUrl)
            {
                continue;
            }
            foreach (BrokerEvent pending in await broker.GetEventsAsync(brokerUrl, pairing.AppId, cancellationToken).ConfigureAwait(false))
            {
                listed.Add(pending.EventId);
                if (!_handledEvents.Add(pending.EventId))
                {
                    continue;
                }
                AuthAnswer answer = AnswerOrIgnore(pending.Authreq, pairing) with { EventId = pending.EventId };
                if (answer.Kind != AnswerKind.Ignored)
                {
                    try
                    {
                        await broker.AnswerEventAsync(brokerUrl, pending.EventId, answer.BrokerBody(), cancellationToken).ConfigureAwait(false);
                    }
                    catch
                    {
                        // The answer did not reach the broker: look at the event again on the next poll, or the user's
                        // login would wait until it expires.
                        _handledEvents.Remove(pending.EventId);
                        throw;
                    }
                }
                answers.Add(answer);
            }
        }
        // An event the broker no longer lists was answered or expired and never comes back: forget its id, so a
        // long run does not grow. (Only after a complete poll: a failed one throws before this.)
        _handledEvents.IntersectWith(listed);
        return answers;
    }

    /// <summary>
    /// <see cref="Answer"/>, with anything it throws turned into an ignored answer: the event comes from the network,
    /// and a bug in reading one must not end a long-running app (the catch-all of a session loop, STYLE.md §7).
    /// </summary>
    private AuthAnswer AnswerOrIgnore(string authreq, Pairing pairing)
    {
        try
        {
            return Answer(authreq, pairing: pairing);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return AuthAnswer.Ignored($"the authreq could not be read ({ex.GetType().Name}: {ex.Message})", pairing);
        }
    }

    /// <summary>The link inside a QR payload, or the text itself.</summary>
    /// <exception cref="PairingException">Neither an absolute http(s) URL nor a JSON object with a <c>link</c>.</exception>
    public static Uri ParseLink(string linkOrQrJson)
    {
        string text = linkOrQrJson.Trim();
        if (text.StartsWith('{'))
        {
            try
            {
                text = JsonNode.Parse(text)?["link"]?.GetValue<string>() ?? throw new PairingException("the QR payload has no link");
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                throw new PairingException("the QR payload is not JSON with a string link");
            }
        }
        return Uri.TryCreate(text, UriKind.Absolute, out Uri? link) && (link.Scheme == Uri.UriSchemeHttp || link.Scheme == Uri.UriSchemeHttps)
            ? link
            : throw new PairingException($"'{text}' is not an http:// or https:// link");
    }

    /// <summary>The broker's base URL: the link up to <c>/notify/</c> (§3 step 3, <c>&lt;broker&gt;/notify/app/register/&lt;rid&gt;</c>).</summary>
    private static Uri? BrokerOf(Uri link)
    {
        int notify = link.AbsoluteUri.IndexOf("/notify/", StringComparison.Ordinal);
        return notify < 0 ? null : new Uri(link.AbsoluteUri[..(notify + 1)]);
    }
}
