using HemSim.Backend.Hosting;

namespace HemSim.Backend.Notify;

/// <summary>
/// The stand-in for the Encedo broker (<c>api.encedo.com/notify/*</c>, spec §9) as docs/EXTERNAL-AUTH.md §5 fixes
/// it: sessions (<see cref="BrokerSessions"/>), pairing registrations (<see cref="PairingRelay"/>) and remote-login
/// events (<see cref="EventRelay"/>), all in memory for one hour. It holds no device secret: it verifies what the
/// device signs for its sessions and relays the app's answers, which only the device can check.
/// </summary>
internal sealed class NotifyBroker
{
    private readonly BrokerSessions _sessions;
    private readonly PairingRelay _pairing;
    private readonly EventRelay _events;

    /// <param name="origin">The broker's own <c>https://ADDR:PORT</c>, for registration links; read per request
    /// because it is known only once the listener is bound (port 0).</param>
    public NotifyBroker(Func<Uri> origin, TimeProvider time)
    {
        _sessions = new BrokerSessions(time);
        _pairing = new PairingRelay(_sessions, origin, time);
        _events = new EventRelay(_sessions, time);
    }

    /// <summary>The <c>/notify/*</c> routes, client side then app side (docs/EXTERNAL-AUTH.md §5).</summary>
    public BackendRoute[] Routes() =>
    [
        new("POST", "/notify/session", (_, body) => _sessions.OpenFor(body)),
        new("GET", "/notify/session", (_, _) => _sessions.OpenAnonymous()),
        new("POST", "/notify/register/init", (_, body) => _pairing.Init(body)),
        new("GET", "/notify/register/check/", (rest, _) => _pairing.Check(rest)),
        new("POST", "/notify/register/finalise/", _pairing.Finalise),
        new("POST", "/notify/event/new", (_, body) => _events.New(body)),
        new("GET", "/notify/event/check/", (rest, _) => _events.Check(rest)),
        new("DELETE", "/notify/event/", (rest, _) => _events.Withdraw(rest)),
        new("GET", PairingRelay.AppPrefix, (rest, _) => _pairing.Show(rest)),
        new("POST", PairingRelay.AppPrefix, _pairing.Reply),
        new("GET", "/notify/app/events/", (rest, _) => _events.Pending(rest)),
        new("POST", "/notify/app/events/", _events.Answer),
    ];
}
