using System.CommandLine;
using HemSim.Cli.Auth;
using HemSim.Cli.ExtAuth;
using HemSim.Cli.Http;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim ext login --scope SCOPE [--ctx TEXT] [--note TEXT]</c>: a token approved by a paired app (spec §9.2,
/// <see cref="RemoteLoginFlow"/>), printed like <c>hemsim login</c> prints one. A denial or no answer in time is a
/// failure (exit 1).
/// </summary>
internal static class ExtLoginCommand
{
    /// <summary>Spec A8: <c>ctx</c> at most 64 characters, <c>note</c> at most 128.</summary>
    public const int MaxCtxLength = 64;

    public const int MaxNoteLength = 128;

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var scope = new Option<string>("--scope") { Description = "Scope to ask the app for, e.g. system:config or keymgmt:use:<kid>", HelpName = "SCOPE", Required = true };
        var ctx = new Option<string?>("--ctx") { Description = $"Context the app sees and the token carries (at most {MaxCtxLength} characters)", HelpName = "TEXT" };
        var note = new Option<string?>("--note") { Description = $"Note shown to the app's user (at most {MaxNoteLength} characters)", HelpName = "TEXT" };
        var printToken = new Option<bool>("--print-token") { Description = "Print only the bearer token (for scripts; it is a secret)" };
        var broker = new ExtBrokerOptions(host);
        var command = new Command("login", "Log in through a paired app: the app approves or denies the scope") { scope, ctx, note, printToken };
        broker.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            string requestedScope = ScopeRules.Validate(parse.GetValue(scope) ?? "");
            string? context = parse.GetValue(ctx);
            string? remark = parse.GetValue(note);
            if (context?.Length > MaxCtxLength || remark?.Length > MaxNoteLength)
            {
                throw new CliUsageException($"--ctx takes at most {MaxCtxLength} characters and --note at most {MaxNoteLength}");
            }
            HemConnectionSettings device = global.Resolve(parse);
            BrokerPolling polling = broker.Polling(parse, host);
            using BrokerClient brokerClient = broker.CreateClient(parse, device);
            using HemClient client = HemClient.Create(device, host.Error);

            string token = await new RemoteLoginFlow(client, brokerClient, polling).RunAsync(requestedScope, context, remark, cancellationToken)
                .ConfigureAwait(false);
            if (parse.GetValue(printToken))
            {
                host.Out.WriteLine(token);
                return ExitCodes.Success;
            }

            BearerTokenInfo info = BearerTokenInfo.Decode(token);
            if (global.JsonOutput(parse))
            {
                host.Out.WriteLine(System.Text.Encoding.UTF8.GetString(CompactJson.Write(writer =>
                {
                    writer.WriteString("scope", info.Scope);
                    writer.WriteString("sub", info.Sub);
                    writer.WriteNumber("iat", info.Iat);
                    writer.WriteNumber("exp", info.Exp);
                })));
                return ExitCodes.Success;
            }
            host.Out.WriteLine($"scope: {info.Scope}");
            host.Out.WriteLine($"sub:   {info.Sub} ({info.Role})");
            host.Out.WriteLine($"exp:   {DateTimeOffset.FromUnixTimeSeconds(info.Exp):yyyy-MM-dd'T'HH:mm:ss'Z'} ({info.Exp})");
            return ExitCodes.Success;
        }, ExtCommand.Hint));
        return command;
    }
}
