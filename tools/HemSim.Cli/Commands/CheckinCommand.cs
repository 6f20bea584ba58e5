using System.CommandLine;
using System.Text.Json;
using HemSim.Cli.Http;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim checkin [--backend URL]</c>: relays a check-in as every vendor client does (spec §8.1):
/// <c>GET /api/system/checkin</c> on the device, the whole <c>{"check":…}</c> object to the backend's
/// <c>POST /checkin</c>, the backend's whole <c>{"checked":…}</c> object to <c>POST /api/system/checkin</c>; then
/// prints the action the device reports and the device time it now has. The backend's TLS certificate is checked
/// like the device's: against <c>--ca</c> (the HemSim CA for the stand-in backend, tools/HemSim.Backend) or the
/// system store.
/// </summary>
internal static class CheckinCommand
{
    public const string DefaultBackend = "https://api.encedo.com/checkin";

    /// <summary>Environment variable for <c>--backend</c>.</summary>
    public const string BackendVariable = "HEMSIM_CHECKIN_URL";

    private static readonly Dictionary<string, string> s_meanings = new(StringComparer.Ordinal)
    {
        ["OK"] = "nothing to do",
        ["L"] = "lock: user key erased (only with trusted_backend on)",
        ["W"] = "wipe: the device resets to factory state (only with trusted_backend on)",
        ["R"] = "report",
        ["B"] = "soft-brick: the device stops serving until rebooted (only with trusted_backend on)",
        ["U"] = "forced upgrade",
        ["???"] = "the device did not recognise the backend's action",
    };

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var backend = new Option<string>("--backend")
        {
            Description = $"Check-in backend URL (env {BackendVariable})",
            HelpName = "URL",
            DefaultValueFactory = _ => host.Variable(BackendVariable) ?? DefaultBackend,
        };
        var command = new Command("checkin", "Check in with the backend: sets the device clock and runs the action the backend orders") { backend };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            HemConnectionSettings device = global.Resolve(parse);
            Uri backendUrl = ResolveBackend(parse.GetValue(backend) ?? DefaultBackend);
            using HemClient client = HemClient.Create(device, host.Error);

            HemResponse check = await client.GetAsync("/api/system/checkin", bearerToken: null, cancellationToken).ConfigureAwait(false);
            check.RequiredString("check");
            byte[] answer = await AskBackendAsync(device, backendUrl, check.Body, cancellationToken).ConfigureAwait(false);
            HemResponse result = await client.PostJsonAsync("/api/system/checkin", answer, bearerToken: null, cancellationToken).ConfigureAwait(false);
            string status = result.RequiredString("status");
            if (global.JsonOutput(parse))
            {
                host.Out.WriteLine(result.Text);
                return ExitCodes.Success;
            }

            host.Out.WriteLine($"status: {status} ({s_meanings.GetValueOrDefault(status, "unknown action")})");
            if (status == "W")
            {
                host.Out.WriteLine("time:   not read (the device is rebooting)");
                return ExitCodes.Success;
            }
            HemResponse after = await client.GetAsync("/api/system/status", bearerToken: null, cancellationToken).ConfigureAwait(false);
            host.Out.WriteLine(after.Json.TryGetProperty("time", out JsonElement time) && time.TryGetInt64(out long unix)
                ? $"time:   {DateTimeOffset.FromUnixTimeSeconds(unix):yyyy-MM-dd'T'HH:mm:ss'Z'} ({unix})"
                : "time:   not set");
            return ExitCodes.Success;
        }, Hint));
        return command;
    }

    private static Uri ResolveBackend(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out Uri? url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url
            : throw new CliUsageException($"--backend must be an absolute https:// URL, not '{text}'");

    /// <summary>POSTs the device's check object, unchanged, to the backend and returns the backend's answer, unchanged.</summary>
    private static async Task<byte[]> AskBackendAsync(HemConnectionSettings device, Uri backendUrl, byte[] check, CancellationToken cancellationToken)
    {
        // The same trust as for the device: --ca (the HemSim CA signs both the bridge's and the stand-in's certificate).
        using HemClient backend = HemClient.Create(device with { BaseUrl = backendUrl }, TextWriter.Null);
        HemResponse answer;
        try
        {
            answer = await backend.PostJsonAsync(backendUrl.PathAndQuery, check, bearerToken: null, cancellationToken).ConfigureAwait(false);
        }
        catch (HemStatusException ex)
        {
            throw new CliUsageException(ex.Status == 401
                ? $"the backend {backendUrl} answered 401: it does not hold the key this device trusts (the device's --backend-key)"
                : $"the backend {backendUrl} answered {ex.Status}");
        }
        catch (HemConnectionException ex)
        {
            throw new HemConnectionException($"backend: {ex.Message}", ex);
        }
        answer.RequiredString("checked");
        return answer.Body;
    }

    private static string? Hint(HemStatusException ex) => ex is { Status: 401, Method: "POST" }
        ? "the device refused the backend's answer: not signed by the backend it trusts, or the check was older than 60 s or already used"
        : null;
}
