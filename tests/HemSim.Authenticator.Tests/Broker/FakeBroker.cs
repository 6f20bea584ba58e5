using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace HemSim.Authenticator.Tests.Broker;

/// <summary>
/// The app-side routes of docs/EXTERNAL-AUTH.md §5 on 127.0.0.1, in memory, with hooks for the test to play the
/// client side (add a registration, finalise it, add an event, read the answer). The real broker is
/// tools/HemSim.Backend; this one only lets the authenticator's HTTP code be tested on its own.
/// </summary>
internal sealed class FakeBroker : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, Registration> _registrations = new();
    private readonly ConcurrentDictionary<string, Event> _events = new();
    private readonly Task _loop;

    public FakeBroker()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUrl.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    public string AddRegistration(string eid, string request)
    {
        string rid = Guid.NewGuid().ToString("N");
        _registrations[rid] = new Registration(eid, request);
        return new Uri(BaseUrl, "notify/app/register/" + rid).ToString();
    }

    /// <summary>Completes when the app posts <c>{pid, reply}</c> to the link.</summary>
    public Task<(string Pid, string Reply)> ReplyOf(string link) => _registrations[Rid(link)].Replied.Task;

    public void Finalise(string link, string kid, string code)
    {
        Registration registration = _registrations[Rid(link)];
        registration.Kid = kid;
        registration.Code = code;
    }

    public string AddEvent(byte[] appId, string authreq)
    {
        string eventId = Guid.NewGuid().ToString("N");
        _events[eventId] = new Event(System.Buffers.Text.Base64Url.EncodeToString(appId), authreq);
        return eventId;
    }

    /// <summary>Completes with the app's answer body to the event.</summary>
    public Task<JsonObject> AnswerOf(string eventId) => _events[eventId].Answered.Task;

    /// <summary>How many answers to events are refused with 503 before the broker takes them again.</summary>
    public int FailingAnswers { get; set; }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait();
        }
        catch (AggregateException)
        {
            // The listener was closed under a pending GetContextAsync: the normal way to stop.
        }
    }

    private static string Rid(string link) => link[(link.LastIndexOf('/') + 1)..];

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            (int status, JsonNode? body) = Handle(context.Request);
            context.Response.StatusCode = status;
            byte[] bytes = Encoding.UTF8.GetBytes(body?.ToJsonString() ?? "{}");
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
    }

    private (int Status, JsonNode? Body) Handle(HttpListenerRequest request)
    {
        string[] path = request.Url!.AbsolutePath.Trim('/').Split('/');
        if (path is not ["notify", "app", var kind, var id])
        {
            return (404, null);
        }
        JsonObject? body = request.HasEntityBody ? JsonNode.Parse(new StreamReader(request.InputStream).ReadToEnd()) as JsonObject : null;
        switch (kind, request.HttpMethod)
        {
            case ("register", "GET") when _registrations.TryGetValue(id, out Registration? registration):
                var view = new JsonObject { ["eid"] = registration.Eid, ["request"] = registration.Request };
                if (registration.Kid is not null)
                {
                    view["kid"] = registration.Kid;
                    view["code"] = registration.Code;
                }
                return (200, view);
            case ("register", "POST") when _registrations.TryGetValue(id, out Registration? registration):
                return registration.Replied.TrySetResult((body!["pid"]!.GetValue<string>(), body["reply"]!.GetValue<string>())) ? (200, null) : (409, null);
            case ("events", "GET"):
                var pending = new JsonArray();
                foreach ((string eventId, Event entry) in _events)
                {
                    if (entry.AppId == id && !entry.Answered.Task.IsCompleted)
                    {
                        pending.Add(new JsonObject { ["eventid"] = eventId, ["authreq"] = entry.Authreq });
                    }
                }
                return (200, pending);
            case ("events", "POST") when FailingAnswers > 0:
                FailingAnswers--;
                return (503, null);
            case ("events", "POST") when _events.TryGetValue(id, out Event? entry):
                return entry.Answered.TrySetResult(body!) ? (200, null) : (409, null);
            default:
                return (404, null);
        }
    }

    private sealed class Registration(string eid, string request)
    {
        public string Eid { get; } = eid;
        public string Request { get; } = request;
        public string? Kid { get; set; }
        public string? Code { get; set; }
        public TaskCompletionSource<(string, string)> Replied { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Event(string appId, string authreq)
    {
        public string AppId { get; } = appId;
        public string Authreq { get; } = authreq;
        public TaskCompletionSource<JsonObject> Answered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
