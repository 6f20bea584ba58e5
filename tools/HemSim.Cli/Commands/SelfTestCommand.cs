using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HemSim.Cli.Http;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim selftest</c>: <c>GET /api/system/selftest</c> (spec §11.16). Runs the device's self-test and prints what
/// it found; the exit code is 1 when a fault is latched (<c>fls_state</c> ≠ 0), so scripts can test the device's health.
/// </summary>
internal static class SelfTestCommand
{
    /// <summary>
    /// Scope of the login when no token is given. The device checks no scope here (any valid token, spec §5.4); this
    /// one is a real scope family, so the command keeps working should a firmware ever check it.
    /// </summary>
    public const string Scope = "system:config";

    /// <summary>Times below this are seconds since power-up (the RTC was not set), not Unix times.</summary>
    private const long FirstPlausibleUnixTime = 1_000_000_000;

    private static readonly (int Bit, string Meaning)[] s_faultBits =
    [
        (0x01, "known-answer test"),
        (0x02, "entropy (TRNG)"),
        (0x04, "temperature"),
        (0x08, "key repository integrity"),
        (0x10, "out of memory"),
        (0x20, "stack overflow"),
        (0x40, "locked by check-in"),
        (0x80, "shut down by check-in"),
    ];

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var auth = new BearerTokenOptions(Scope);
        var command = new Command("selftest",
            "Run the device self-test (known answers, entropy, key repository); exit code 1 when a fault is latched");
        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            using HemClient client = global.CreateClient(parse, host);
            string? bearer = await FreshDeviceToken.ResolveAsync(auth, parse, client, host, cancellationToken).ConfigureAwait(false);
            HemResponse response = await client.GetAsync("/api/system/selftest", bearer, cancellationToken).ConfigureAwait(false);
            long fls = response.RequiredInt64("fls_state");
            if (global.JsonOutput(parse))
            {
                host.Out.WriteLine(response.Text);
            }
            else
            {
                Print(response.Json, fls, host.Out);
            }

            if (fls == 0)
            {
                return ExitCodes.Success;
            }

            host.Error.WriteLine($"error: fault latched: fls_state 0x{fls:x2} ({Describe(fls)}); most endpoints answer 409 until a reboot");
            return ExitCodes.Failure;
        }, failure => failure.Path switch
        {
            "/api/system/selftest" when failure.Status == 401 =>
                "the device is initialised: pass a token of any scope (--token, HEMSIM_TOKEN) or a passphrase to log in",
            // Spec §20.2: a latched fault closes login, but the self-test still answers a token from before the fault.
            "/api/auth/token" when failure.Status == 409 =>
                "login is refused while a fault is latched (or before `hemsim init`); pass a token obtained earlier with --token",
            _ => LoginCommand.LoginHint(failure),
        }));
        return command;
    }

    private static void Print(JsonElement result, long fls, TextWriter output)
    {
        output.WriteLine($"fls_state:      {fls}{(fls == 0 ? " (healthy)" : $" (0x{fls:x2}: {Describe(fls)})")}");
        PrintTime(result, "selftest_ts", "this run:       ", output);
        PrintTime(result, "last_selftest_ts", "previous run:   ", output);
        if (result.TryGetProperty("last_fls_state", out JsonElement last) && last.TryGetInt64(out long lastFls))
        {
            output.WriteLine($"previous fls:   {lastFls}");
        }
        PrintTime(result, "last_entropytest_ts", "entropy test:   ", output);
        PrintTime(result, "last_kat_ts", "known answers:  ", output);
        if (result.TryGetProperty("kat_busy", out JsonElement busy) && busy.ValueKind == JsonValueKind.True)
        {
            output.WriteLine("known answers:  still running (ask again later)");
        }
        if (result.TryGetProperty("repo_stats", out JsonElement repo) && repo.ValueKind == JsonValueKind.Object)
        {
            output.WriteLine($"key repository: {Count(repo, "total")} used, {Count(repo, "deleted")} deleted, "
                + $"{Count(repo, "invalid")} invalid, {Count(repo, "fragmented")} fragmented, {Count(repo, "freeslots")} free");
        }
        if (result.TryGetProperty("se_state", out JsonElement se) && se.TryGetInt64(out long seState))
        {
            output.WriteLine($"secure element: {seState}{(seState == 0 ? " (ok)" : "")}");
        }
    }

    private static void PrintTime(JsonElement result, string name, string label, TextWriter output)
    {
        if (!result.TryGetProperty(name, out JsonElement value) || !value.TryGetInt64(out long ts))
        {
            return;
        }
        output.WriteLine(label + (ts >= FirstPlausibleUnixTime
            ? $"{DateTimeOffset.FromUnixTimeSeconds(ts).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} ({ts})"
            : $"{ts} s after power-up (RTC not set)"));
    }

    private static string Count(JsonElement repo, string name) =>
        repo.TryGetProperty(name, out JsonElement value) && value.TryGetInt64(out long count)
            ? count.ToString(CultureInfo.InvariantCulture)
            : "?";

    /// <summary>The names of the set bits (spec §20.1); unknown bits as hex.</summary>
    internal static string Describe(long fls)
    {
        var names = s_faultBits.Where(b => (fls & b.Bit) != 0).Select(b => b.Meaning).ToList();
        long unknown = fls & ~0xFFL;
        if (unknown != 0)
        {
            names.Add($"unknown 0x{unknown:x}");
        }
        return string.Join(", ", names);
    }
}
