using System.Text;
using HemSim.Cli.Http;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// The verification state machine of <c>check_fw</c>/<c>check_ui</c> (spec §11.10, §11.13): 201 started, 202 running,
/// 200 verified; 406 failed, 404 nothing uploaded, 409 a task is running. Polls like the vendor clients do.
/// </summary>
internal static class UpgradeCheck
{
    /// <summary>Seconds between checks: the vendor clients poll every 4–10 s (spec §11.10).</summary>
    public const int DefaultPollSeconds = 4;

    /// <summary>The vendor clients give up after 2 minutes (spec §11.10).</summary>
    public const int DefaultTimeoutSeconds = 120;

    /// <summary>One check. The three refusals of the state machine are answers here, not errors.</summary>
    public static async Task<int> CheckOnceAsync(HemClient client, UpgradeTarget target, string? bearer, CancellationToken cancellationToken)
    {
        try
        {
            HemResponse response = await client.GetAsync(target.CheckPath, bearer, cancellationToken).ConfigureAwait(false);
            return response.Status;
        }
        catch (HemStatusException ex) when (ex.Path == target.CheckPath && ex.Status is 404 or 406 or 409)
        {
            return ex.Status;
        }
    }

    /// <summary>
    /// Checks until the device answers a final status (200, 404, 406) or <paramref name="timeout"/> has passed; reports
    /// each answer. Returns the last status. 409 is not final here: it means a check of the other kind is running,
    /// which ends within seconds (spec §11.10, §11.13), after which this check can start — unless the device has a
    /// latched fault, which answers 409 until a reboot (spec §20.2): the first 409 asks the status once, and a fault
    /// ends the polling at once.
    /// </summary>
    public static async Task<int> PollAsync(HemClient client, UpgradeTarget target, string? bearer, TimeSpan poll, TimeSpan timeout,
        CliHost host, bool json, CancellationToken cancellationToken)
    {
        long started = host.Clock.GetTimestamp();
        bool faultAsked = false;
        while (true)
        {
            int status = await CheckOnceAsync(client, target, bearer, cancellationToken).ConfigureAwait(false);
            Report(status, target, host, json);
            if (IsFinalWhilePolling(status) || host.Clock.GetElapsedTime(started) >= timeout)
            {
                return status;
            }
            if (status == 409 && !faultAsked)
            {
                faultAsked = true;
                if (await LatchedFaultAsync(client, cancellationToken).ConfigureAwait(false) is { } fault)
                {
                    host.Error.WriteLine($"the device has a latched fault (fls_state {fault}): it answers 409 until a reboot");
                    return status;
                }
            }

            await Task.Delay(poll, host.Clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary><c>fls_state</c> when the device reports a latched fault, else null (also when the status cannot be read).</summary>
    private static async Task<long?> LatchedFaultAsync(HemClient client, CancellationToken cancellationToken)
    {
        try
        {
            HemResponse response = await client.GetAsync("/api/system/status", null, cancellationToken).ConfigureAwait(false);
            using var status = System.Text.Json.JsonDocument.Parse(response.Body);
            return status.RootElement.TryGetProperty("fls_state", out var fls) && fls.TryGetInt64(out long bits) && bits != 0 ? bits : null;
        }
        catch (Exception ex) when (ex is HemStatusException or HemConnectionException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Prints the outcome of a final or last status (JSON or an error line) and gives the exit code.</summary>
    public static int Conclude(int status, UpgradeTarget target, bool waited, TimeSpan timeout, CliHost host, bool json)
    {
        if (json)
        {
            host.Out.WriteLine(Encoding.UTF8.GetString(CompactJson.Write(w =>
            {
                w.WriteNumber("status", status);
                w.WriteString("result", Word(status));
            })));
        }

        switch (status)
        {
            case 200:
                return ExitCodes.Success;
            case 201 or 202 when !waited:
                return ExitCodes.Success;
            case 201 or 202:
                host.Error.WriteLine($"error: the {target.Noun} image was still being verified after {timeout.TotalSeconds:0} s; "
                    + $"ask again with `hemsim upgrade check-{target.Suffix} --wait`");
                return ExitCodes.Failure;
            default:
                host.Error.WriteLine($"error: {status}: {Describe(status, target)}");
                return ExitCodes.Failure;
        }
    }

    /// <summary>Prints a progress or success answer in text mode; refusals are left to <see cref="Conclude"/>.</summary>
    public static void Report(int status, UpgradeTarget target, CliHost host, bool json)
    {
        if (!json && status is 200 or 201 or 202)
        {
            host.Out.WriteLine(Describe(status, target));
        }
    }

    /// <summary>Whether polling stops at <paramref name="status"/>: not while the device verifies or another task runs.</summary>
    private static bool IsFinalWhilePolling(int status) => status is not (201 or 202 or 409);

    /// <summary>Plain words for each state-machine answer (spec §11.10, §11.13).</summary>
    public static string Describe(int status, UpgradeTarget target) => status switch
    {
        201 => $"started: the device began verifying the {target.Noun} image",
        202 => $"running: the device is still verifying the {target.Noun} image",
        200 => $"verified: the {target.Noun} image is valid",
        406 => $"failed verification: the {target.Noun} image is malformed or not signed by the vendor key the device trusts (fwk)",
        404 => $"nothing uploaded: upload a {target.Noun} image first (`hemsim upgrade upload-{target.Suffix} FILE`, "
            + $"named {target.FoundNames})",
        409 => "a task is running (an install, or a check of the other kind), or a fault is latched (see `hemsim status`); try again later",
        _ => $"unexpected answer {status}",
    };

    private static string Word(int status) => status switch
    {
        201 => "started",
        202 => "running",
        200 => "verified",
        406 => "failed",
        404 => "nothing uploaded",
        409 => "task running",
        _ => "unexpected",
    };
}
