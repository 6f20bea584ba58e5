using System.Text.Json;
using HemSim.Backend.Checkin;

namespace HemSim.Backend.Notify;

/// <summary>
/// The broker's half of remote login (spec §9.2, docs/EXTERNAL-AUTH.md §4): an event carries the device's signed
/// <c>authreq</c> to every app its <c>scope</c> object names and the first app answer back to the client.
/// <list type="bullet">
/// <item>Client: <c>POST /notify/event/new {authreq, epk}</c> → <c>{eventid}</c>;
/// <c>GET /notify/event/check/ID</c> → 202 | 200 <c>{authreply}</c> | 200 <c>{deny:true}</c>;
/// <c>DELETE /notify/event/ID</c> → 200 <c>{}</c> (later calls for ID answer 404).</item>
/// <item>App: <c>GET /notify/app/events/APPID</c> (b64url of the 32-byte app id) → 200 <c>[{eventid, authreq}…]</c>,
/// the unanswered events for it; <c>POST /notify/app/events/ID {authreply} | {deny:true}</c> → 200 <c>{}</c>.</item>
/// </list>
/// </summary>
/// <remarks>
/// Statuses besides 200/202: 400 <c>{"error"}</c> for a body without the members above, an <c>authreq</c> whose
/// <c>scope</c> is not an object of b64 32-byte app ids, or an APPID that is not one; 401 when the <c>authreq</c>
/// does not verify for its session (<see cref="DeviceMessage"/>); 404 for an unknown, expired or withdrawn session or
/// event; 409 for a second answer. Members of the <c>event/new</c> body besides <c>authreq</c> and <c>epk</c> are
/// accepted and not used (docs/EXTERNAL-AUTH.md §4 step 4). The broker does not judge the answer: only the device
/// can check an <c>authreply</c>.
/// </remarks>
internal sealed class EventRelay(BrokerSessions sessions, TimeProvider time)
{
    private const int AppIdSize = 32;

    private readonly RelayTable<Event> _events = new(time);

    public (int Status, byte[] Body) New(byte[] body)
    {
        if (NotifyJson.ObjectOf(body) is not { } root || NotifyJson.StringOf(root, "authreq") is not { } authreq)
        {
            return NotifyJson.BadRequest("expected {\"authreq\",\"epk\"} strings");
        }
        if (sessions.Find(NotifyJson.StringOf(root, "epk")) is not { } session)
        {
            return NotifyJson.NotFound();
        }
        if (DeviceMessage.Check(authreq, session, eid: null, "authreq", out JsonElement claims) is { } refusal)
        {
            return refusal;
        }
        if (AppIdsOf(claims) is not { Count: > 0 } appIds)
        {
            return NotifyJson.BadRequest("authreq: scope is not an object of b64 32-byte app ids");
        }

        string eventId = NotifyJson.NewId();
        lock (_events.Gate)
        {
            _events.Add(eventId, new Event(authreq, appIds));
        }
        return NotifyJson.Ok(writer => writer.WriteString("eventid", eventId));
    }

    public (int Status, byte[] Body) Check(string rest)
    {
        lock (_events.Gate)
        {
            if (!TryFind(rest, out Event found))
            {
                return NotifyJson.NotFound();
            }
            return found.Answer switch
            {
                null => NotifyJson.Pending(),
                { Authreply: { } authreply } => NotifyJson.Ok(writer => writer.WriteString("authreply", authreply)),
                _ => NotifyJson.Ok(writer => writer.WriteBoolean("deny", true)),
            };
        }
    }

    public (int Status, byte[] Body) Withdraw(string rest)
    {
        lock (_events.Gate)
        {
            return NotifyJson.IdOf(rest) is { } id && _events.Remove(id) ? NotifyJson.Done() : NotifyJson.NotFound();
        }
    }

    /// <summary>The app's poll: the events that name it and have no answer yet.</summary>
    public (int Status, byte[] Body) Pending(string rest)
    {
        if (NotifyJson.IdOf(rest) is not { } appId)
        {
            return NotifyJson.NotFound();
        }
        if (!Jws.TryDecode(appId, out byte[] bytes) || bytes.Length != AppIdSize)
        {
            return NotifyJson.BadRequest("appid: not b64url of 32 bytes");
        }
        string key = Convert.ToBase64String(bytes);
        List<KeyValuePair<string, Event>> pending;
        lock (_events.Gate)
        {
            pending = [.. _events.Live().Where(entry => entry.Value.Answer is null && entry.Value.AppIds.Contains(key))];
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach ((string id, Event found) in pending)
            {
                writer.WriteStartObject();
                writer.WriteString("eventid", id);
                writer.WriteString("authreq", found.Authreq);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return (200, buffer.ToArray());
    }

    /// <summary>The app's answer, <c>{"authreply"}</c> or <c>{"deny":true}</c>; the first one counts.</summary>
    public (int Status, byte[] Body) Answer(string rest, byte[] body)
    {
        Event.Outcome? answer = NotifyJson.ObjectOf(body) is not { } root ? null
            : NotifyJson.StringOf(root, "authreply") is { } authreply ? new Event.Outcome(authreply)
            : root.TryGetProperty("deny", out JsonElement deny) && deny.ValueKind == JsonValueKind.True ? new Event.Outcome(Authreply: null)
            : null;
        if (answer is null)
        {
            return NotifyJson.BadRequest("expected {\"authreply\":\"…\"} or {\"deny\":true}");
        }
        lock (_events.Gate)
        {
            if (!TryFind(rest, out Event found))
            {
                return NotifyJson.NotFound();
            }
            if (found.Answer is not null)
            {
                return NotifyJson.AlreadyAnswered();
            }
            found.Answer = answer;
            return NotifyJson.Done();
        }
    }

    /// <summary>The app ids of an <c>authreq</c>'s <c>scope</c> object (spec §9.2), as standard b64; null when malformed.</summary>
    private static HashSet<string>? AppIdsOf(JsonElement claims)
    {
        if (!claims.TryGetProperty("scope", out JsonElement scope) || scope.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var appIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty member in scope.EnumerateObject())
        {
            if (!Jws.TryDecode(member.Name, out byte[] appId) || appId.Length != AppIdSize)
            {
                return null;
            }
            appIds.Add(Convert.ToBase64String(appId));
        }
        return appIds;
    }

    private bool TryFind(string rest, out Event found)
    {
        found = null!;
        return NotifyJson.IdOf(rest) is { } id && _events.TryGet(id, out found);
    }

    private sealed class Event(string authreq, HashSet<string> appIds)
    {
        public string Authreq { get; } = authreq;

        public HashSet<string> AppIds { get; } = appIds;

        public Outcome? Answer { get; set; }

        /// <summary>The app's answer: its <c>authreply</c>, or null for <c>{"deny":true}</c>.</summary>
        public sealed record Outcome(string? Authreply);
    }
}
