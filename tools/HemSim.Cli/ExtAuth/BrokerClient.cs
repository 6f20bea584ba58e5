using System.Text.Json;
using HemSim.Cli.Commands;
using HemSim.Cli.Http;
using HemSim.Cli.Text;

namespace HemSim.Cli.ExtAuth;

/// <summary>
/// The client-side routes of the broker (spec §9, docs/EXTERNAL-AUTH.md §5): <c>/notify/session</c>,
/// <c>/notify/register/init|check|finalise</c> and <c>/notify/event/new|check</c>, <c>DELETE /notify/event</c>.
/// It rides on <see cref="HemClient"/> like <c>hemsim checkin</c>'s backend call, so trust is the device's
/// (<c>--ca</c>, <c>--insecure</c>): the HemSim CA signs the bridge's and the stand-in broker's certificates alike.
/// A refusal becomes a <see cref="CliUsageException"/> naming the broker, since the device's status meanings
/// (spec §3.5) do not apply to it.
/// </summary>
internal sealed class BrokerClient : IDisposable
{
    private readonly HemClient _http;
    private readonly Uri _url;

    public BrokerClient(HemConnectionSettings trust, Uri url)
    {
        _url = url;
        // The device client already printed the --insecure warning once.
        _http = HemClient.Create(trust with { BaseUrl = url }, TextWriter.Null);
    }

    /// <summary><c>POST /notify/session {eid}</c> (pairing) or <c>GET /notify/session</c> (remote login) → <c>epk</c>.</summary>
    public async Task<string> OpenSessionAsync(string? eid, CancellationToken cancellationToken)
    {
        HemResponse session = eid is null
            ? await CallAsync(() => _http.GetAsync("/notify/session", bearerToken: null, cancellationToken)).ConfigureAwait(false)
            : await CallAsync(() => _http.PostJsonAsync("/notify/session", CompactJson.Write(writer => writer.WriteString("eid", eid)),
                bearerToken: null, cancellationToken)).ConfigureAwait(false);
        return session.RequiredString("epk");
    }

    /// <summary><c>POST /notify/register/init</c> with the device's request and what the QR code shows → <c>(rid, link)</c>.</summary>
    public async Task<(string Rid, string Link)> RegisterAsync(string epk, string eid, string request, DeviceIdentity identity,
        CancellationToken cancellationToken)
    {
        byte[] body = CompactJson.Write(writer =>
        {
            writer.WriteString("epk", epk);
            writer.WriteString("eid", eid);
            writer.WriteString("request", request);
            writer.WriteString("user", identity.User);
            writer.WriteString("email", identity.Email);
            writer.WriteString("hostname", identity.Hostname);
        });
        HemResponse registration = await CallAsync(() => _http.PostJsonAsync("/notify/register/init", body, bearerToken: null, cancellationToken))
            .ConfigureAwait(false);
        return (registration.RequiredString("rid"), registration.RequiredString("link"));
    }

    /// <summary><c>GET /notify/register/check/RID</c>: the app's answer, or null while it has not answered (202).</summary>
    public async Task<AppReply?> CheckRegistrationAsync(string rid, CancellationToken cancellationToken)
    {
        HemResponse check = await CallAsync(() => _http.GetAsync($"/notify/register/check/{Uri.EscapeDataString(rid)}", bearerToken: null,
            cancellationToken)).ConfigureAwait(false);
        return check.Status == 202 ? null : new AppReply(check.RequiredString("pid"), check.RequiredString("reply"));
    }

    /// <summary><c>POST /notify/register/finalise/RID {kid, code}</c>: the app can now compare the code.</summary>
    public Task FinaliseAsync(string rid, string kid, string code, CancellationToken cancellationToken) =>
        CallAsync(() => _http.PostJsonAsync($"/notify/register/finalise/{Uri.EscapeDataString(rid)}", CompactJson.Write(writer =>
        {
            writer.WriteString("kid", kid);
            writer.WriteString("code", code);
        }), bearerToken: null, cancellationToken));

    /// <summary><c>POST /notify/event/new</c> with the device's whole <c>ext/request</c> answer → <c>eventid</c>.</summary>
    public async Task<string> NewEventAsync(byte[] deviceAnswer, CancellationToken cancellationToken) =>
        (await CallAsync(() => _http.PostJsonAsync("/notify/event/new", deviceAnswer, bearerToken: null, cancellationToken)).ConfigureAwait(false))
            .RequiredString("eventid");

    /// <summary><c>GET /notify/event/check/ID</c>: null while pending (202), else the app's answer.</summary>
    public async Task<AppDecision?> CheckEventAsync(string eventId, CancellationToken cancellationToken)
    {
        HemResponse check = await CallAsync(() => _http.GetAsync($"/notify/event/check/{Uri.EscapeDataString(eventId)}", bearerToken: null,
            cancellationToken)).ConfigureAwait(false);
        if (check.Status == 202)
        {
            return null;
        }
        return check.Json.TryGetProperty("deny", out JsonElement deny) && deny.ValueKind == JsonValueKind.True
            ? new AppDecision(Authreply: null)
            : new AppDecision(check.RequiredString("authreply"));
    }

    /// <summary><c>DELETE /notify/event/ID</c>: withdraws an event nobody answered in time. Best effort.</summary>
    public async Task WithdrawAsync(string eventId, CancellationToken cancellationToken)
    {
        try
        {
            await _http.DeleteAsync($"/notify/event/{Uri.EscapeDataString(eventId)}", bearerToken: null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HemStatusException or HemConnectionException)
        {
            // The event expires at the broker within the hour anyway.
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<HemResponse> CallAsync(Func<Task<HemResponse>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (HemStatusException ex)
        {
            throw new CliUsageException($"the broker {_url.GetLeftPart(UriPartial.Authority)} answered {ex.Status} to {ex.Method} {ex.Path}"
                + (ex.Status == 404 ? " (unknown or expired session, registration or event)" : ""));
        }
        catch (HemConnectionException ex)
        {
            throw new HemConnectionException($"broker: {ex.Message}", ex);
        }
    }
}

/// <summary>The app's answer to a pairing request (spec §9.1 step 5): its pairing id and signed reply.</summary>
internal sealed record AppReply(string Pid, string Reply);

/// <summary>The app's answer to a remote-login request: an <c>authreply</c> to redeem, or a denial (null).</summary>
internal sealed record AppDecision(string? Authreply);

/// <summary>What <c>GET /api/system/config</c> says about the device, for the QR payload (spec §9.1 steps 1 and 4).</summary>
internal sealed record DeviceIdentity(string Eid, string User, string Email, string Hostname);
