using HemSim.Backend.Checkin;

namespace HemSim.Backend.Notify;

/// <summary>
/// The broker's half of pairing (spec §9.1, docs/EXTERNAL-AUTH.md §3): a registration carries the device's signed
/// <c>request</c> to the app and the app's <c>{pid, reply}</c> back to the client, then the device's
/// <c>{kid, code}</c> to the app for its "compare the code" step.
/// <list type="bullet">
/// <item>Client: <c>POST /notify/register/init {epk, eid, request, user?, email?, hostname?}</c> → <c>{rid, link}</c>;
/// <c>GET /notify/register/check/RID</c> → 202 | 200 <c>{pid, reply}</c>;
/// <c>POST /notify/register/finalise/RID {kid, code}</c> → 200 <c>{}</c>.</item>
/// <item>App: <c>GET /notify/app/register/RID</c> (the <c>link</c>) → <c>{eid, request, user?, email?, hostname?,
/// kid?, code?}</c>; <c>POST /notify/app/register/RID {pid, reply}</c> → 200 <c>{}</c>.</item>
/// </list>
/// </summary>
/// <remarks>
/// Statuses besides 200/202: 400 <c>{"error"}</c> for a body without the members above; 401 when the <c>request</c>
/// does not verify for its session (<see cref="DeviceMessage"/>); 404 for an unknown or expired session or RID; 409
/// for a second app answer, a second finalise, or a finalise before the app answered. The optional <c>user</c>,
/// <c>email</c> and <c>hostname</c> are the QR payload's (spec §9.1 step 4), relayed so an app that only has the
/// link can show them too.
/// </remarks>
internal sealed class PairingRelay(BrokerSessions sessions, Func<Uri> origin, TimeProvider time)
{
    public const string AppPrefix = "/notify/app/register/";

    private static readonly string[] s_shown = ["user", "email", "hostname"];

    private readonly RelayTable<Registration> _registrations = new(time);

    public (int Status, byte[] Body) Init(byte[] body)
    {
        if (NotifyJson.ObjectOf(body) is not { } root
            || NotifyJson.StringOf(root, "eid") is not { } eidText || !Jws.TryDecode(eidText, out byte[] eid)
            || NotifyJson.StringOf(root, "request") is not { } request)
        {
            return NotifyJson.BadRequest("expected {\"epk\",\"eid\",\"request\"} strings");
        }
        if (sessions.Find(NotifyJson.StringOf(root, "epk")) is not { } session)
        {
            return NotifyJson.NotFound();
        }
        if (DeviceMessage.Check(request, session, eid, "request", out _) is { } refusal)
        {
            return refusal;
        }

        var shown = s_shown.Select(name => (name, value: NotifyJson.StringOf(root, name))).Where(member => member.value is not null)
            .ToDictionary(member => member.name, member => member.value!, StringComparer.Ordinal);
        string rid = NotifyJson.NewId();
        lock (_registrations.Gate)
        {
            _registrations.Add(rid, new Registration(eidText, request, shown));
        }
        return NotifyJson.Ok(writer =>
        {
            writer.WriteString("rid", rid);
            writer.WriteString("link", new Uri(origin(), AppPrefix + rid).AbsoluteUri);
        });
    }

    public (int Status, byte[] Body) Check(string rest)
    {
        lock (_registrations.Gate)
        {
            if (!TryFind(rest, out Registration registration))
            {
                return NotifyJson.NotFound();
            }
            return registration.Answer is not { } answer
                ? NotifyJson.Pending()
                : NotifyJson.Ok(writer =>
                {
                    writer.WriteString("pid", answer.Pid);
                    writer.WriteString("reply", answer.Reply);
                });
        }
    }

    public (int Status, byte[] Body) Finalise(string rest, byte[] body)
    {
        if (NotifyJson.ObjectOf(body) is not { } root || NotifyJson.StringOf(root, "kid") is not { } kid || NotifyJson.StringOf(root, "code") is not { } code)
        {
            return NotifyJson.BadRequest("expected {\"kid\",\"code\"} strings");
        }
        lock (_registrations.Gate)
        {
            if (!TryFind(rest, out Registration registration))
            {
                return NotifyJson.NotFound();
            }
            if (registration.Answer is null || registration.Outcome is not null)
            {
                return NotifyJson.AlreadyAnswered();
            }
            registration.Outcome = (kid, code);
            return NotifyJson.Done();
        }
    }

    /// <summary><c>GET</c> of the link: what the app needs to build its reply, and the outcome once finalised.</summary>
    public (int Status, byte[] Body) Show(string rest)
    {
        lock (_registrations.Gate)
        {
            if (!TryFind(rest, out Registration registration))
            {
                return NotifyJson.NotFound();
            }
            return NotifyJson.Ok(writer =>
            {
                writer.WriteString("eid", registration.Eid);
                writer.WriteString("request", registration.Request);
                foreach ((string name, string value) in registration.Shown)
                {
                    writer.WriteString(name, value);
                }
                if (registration.Outcome is { } outcome)
                {
                    writer.WriteString("kid", outcome.Kid);
                    writer.WriteString("code", outcome.Code);
                }
            });
        }
    }

    /// <summary><c>POST</c> to the link: the app's <c>{pid, reply}</c>, taken once.</summary>
    public (int Status, byte[] Body) Reply(string rest, byte[] body)
    {
        if (NotifyJson.ObjectOf(body) is not { } root || NotifyJson.StringOf(root, "pid") is not { } pid || NotifyJson.StringOf(root, "reply") is not { } reply)
        {
            return NotifyJson.BadRequest("expected {\"pid\",\"reply\"} strings");
        }
        lock (_registrations.Gate)
        {
            if (!TryFind(rest, out Registration registration))
            {
                return NotifyJson.NotFound();
            }
            if (registration.Answer is not null)
            {
                return NotifyJson.AlreadyAnswered();
            }
            registration.Answer = (pid, reply);
            return NotifyJson.Done();
        }
    }

    private bool TryFind(string rest, out Registration registration)
    {
        registration = null!;
        return NotifyJson.IdOf(rest) is { } rid && _registrations.TryGet(rid, out registration);
    }

    private sealed class Registration(string eid, string request, IReadOnlyDictionary<string, string> shown)
    {
        public string Eid { get; } = eid;

        public string Request { get; } = request;

        public IReadOnlyDictionary<string, string> Shown { get; } = shown;

        public (string Pid, string Reply)? Answer { get; set; }

        public (string Kid, string Code)? Outcome { get; set; }
    }
}
