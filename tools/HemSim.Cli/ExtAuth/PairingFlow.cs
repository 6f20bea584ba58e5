using System.Globalization;
using System.Text.Json;
using HemSim.Cli.Commands;
using HemSim.Cli.Http;
using HemSim.Cli.Text;

namespace HemSim.Cli.ExtAuth;

/// <summary>
/// Pairing an authenticator app, the client's part (spec §9.1, docs/EXTERNAL-AUTH.md §3): read the device's
/// identity, open a broker session for it, have the device sign a pairing request, register it at the broker, show
/// the QR payload, wait for the app's reply, have the device validate and store it, and hand the device's
/// <c>{kid, code}</c> to the app through the broker.
/// </summary>
internal sealed class PairingFlow(HemClient device, string bearer, BrokerClient broker, BrokerPolling polling)
{
    /// <summary>The fixed <c>hash</c> of the QR payload (spec §9.1 step 4).</summary>
    public const string QrHash = "not_implemented_yet";

    /// <param name="show">Called with the QR payload (compact JSON) and the link once the app can scan it.</param>
    /// <param name="expectedLabel">When given, an app whose reply carries another label is refused before the
    /// device stores anything.</param>
    public async Task<PairingResult> RunAsync(Action<string, string> show, string? expectedLabel, CancellationToken cancellationToken)
    {
        HemResponse config = await device.GetAsync("/api/system/config", bearer, cancellationToken).ConfigureAwait(false);
        var identity = new DeviceIdentity(config.RequiredString("eid"), OptionalString(config, "user"), OptionalString(config, "email"),
            OptionalString(config, "hostname"));

        string epk = await broker.OpenSessionAsync(identity.Eid, cancellationToken).ConfigureAwait(false);
        HemResponse init = await device.PostJsonAsync("/api/auth/ext/init", CompactJson.Write(writer => writer.WriteString("epk", epk)), bearer,
            cancellationToken).ConfigureAwait(false);
        (string rid, string link) = await broker.RegisterAsync(epk, init.RequiredString("eid"), init.RequiredString("request"), identity,
            cancellationToken).ConfigureAwait(false);

        show(System.Text.Encoding.UTF8.GetString(CompactJson.Write(writer =>
        {
            writer.WriteString("link", link);
            writer.WriteString("hash", QrHash);
            writer.WriteString("user", identity.User);
            writer.WriteString("email", identity.Email);
            writer.WriteString("hostname", identity.Hostname);
        })), link);

        AppReply reply = await polling.UntilAnsweredAsync(token => broker.CheckRegistrationAsync(rid, token), cancellationToken).ConfigureAwait(false)
            ?? throw new CliUsageException(string.Create(CultureInfo.InvariantCulture,
                $"no app answered within {polling.Timeout.TotalSeconds:0.#} s (scan the QR payload or give the link to the app)"));
        string label = LabelOf(reply.Reply);
        if (expectedLabel is not null && !string.Equals(label, expectedLabel, StringComparison.Ordinal))
        {
            throw new CliUsageException($"the app that answered calls itself '{label}', not '{expectedLabel}': not paired");
        }

        HemResponse validated = await device.PostJsonAsync("/api/auth/ext/validate", CompactJson.Write(writer =>
        {
            writer.WriteString("pid", reply.Pid);
            writer.WriteString("reply", reply.Reply);
        }), bearer, cancellationToken).ConfigureAwait(false);
        string kid = validated.RequiredString("kid");
        string code = validated.RequiredString("code");
        await broker.FinaliseAsync(rid, kid, code, cancellationToken).ConfigureAwait(false);
        return new PairingResult(kid, code, label, reply.Pid);
    }

    /// <summary>
    /// The <c>label</c> claim of the app's reply, read without verifying it: only the device can (it holds
    /// <c>idk</c>), and it does so in <c>ext/validate</c> right after.
    /// </summary>
    private static string LabelOf(string reply)
    {
        string[] segments = reply.Split('.');
        if (segments.Length == 3 && Base64Text.TryDecodeAny(segments[1], out byte[]? payload))
        {
            try
            {
                using JsonDocument claims = JsonDocument.Parse(payload);
                if (claims.RootElement.ValueKind == JsonValueKind.Object && claims.RootElement.TryGetProperty("label", out JsonElement label)
                    && label.ValueKind == JsonValueKind.String)
                {
                    return label.GetString()!;
                }
            }
            catch (JsonException)
            {
                // Falls through: the device refuses such a reply with 400.
            }
        }
        return "";
    }

    private static string OptionalString(HemResponse response, string name) =>
        response.Json.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}

/// <summary>A finished pairing: the app's record on the device, the code both sides computed, and the app's own label and pairing id.</summary>
internal sealed record PairingResult(string Kid, string Code, string Label, string Pid);
