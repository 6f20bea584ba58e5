using System.CommandLine;
using HemSim.Cli.Http;
using HemSim.Cli.Keys;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim keys search</c>: <c>POST /api/keymgmt/search</c> (spec §12.4) with a needle built from the text and
/// the anchor options. The device answers 404 when no key matches: that is an answer, not a failure (exit 0).
/// </summary>
internal static class KeysSearchCommand
{
    public const string Scope = "keymgmt:search";
    public const string Path = "/api/keymgmt/search";
    public const string NoMatch = "no key matches";

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var descr = new DescriptionOptions();
        descr.Text.Description = "Description text to look for (its UTF-8 bytes)";
        descr.Base64.Description = "Description bytes to look for, as base64";
        var prefix = new Option<bool>("--prefix") { Description = "The description starts with it (needle ^…)" };
        var suffix = new Option<bool>("--suffix") { Description = "The description ends with it (needle …$)" };
        var exact = new Option<bool>("--exact") { Description = "The description is exactly it (needle ^…$)" };
        var offset = new Option<long?>("--offset") { Description = "Number of matches to skip (default 0)", HelpName = "N" };
        var limit = new Option<long?>("--limit") { Description = $"Page size (the device gives at most {KeysListCommand.MaxPage})", HelpName = "N" };
        var auth = new BearerTokenOptions(Scope);

        var command = new Command("search", "Find keys by description: contains (default), --prefix, --suffix or --exact")
        {
            prefix, suffix, exact, offset, limit,
        };
        descr.AddTo(command);
        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            string needle = Needle(descr.Read(parse), parse.GetValue(prefix), parse.GetValue(suffix), parse.GetValue(exact));
            long? skip = parse.GetValue(offset);
            long? size = parse.GetValue(limit);
            if (skip < 0)
            {
                throw new CliUsageException("--offset must be 0 or more");
            }

            if (size < 1)
            {
                throw new CliUsageException("--limit must be 1 or more");
            }

            using HemClient client = global.CreateClient(parse, host);
            string bearer = await auth.ResolveAsync(parse, client, host, cancellationToken).ConfigureAwait(false);
            byte[] body = CompactJson.Write(writer =>
            {
                writer.WriteString("descr", needle);
                if (skip is { } s)
                {
                    writer.WriteNumber("offset", s);
                }

                if (size is { } l)
                {
                    writer.WriteNumber("limit", l);
                }
            });

            HemResponse reply;
            try
            {
                reply = await client.PostJsonAsync(Path, body, bearer, cancellationToken).ConfigureAwait(false);
            }
            catch (HemStatusException ex) when (ex.Status == 404)
            {
                // Spec §12.4: 404 means that nothing matches the needle at all. With --json, stdout stays empty.
                (global.JsonOutput(parse) ? host.Error : host.Out).WriteLine(NoMatch);
                return ExitCodes.Success;
            }

            KeyListPage page = KeyListPage.Parse(reply);
            if (global.JsonOutput(parse))
            {
                host.Out.WriteLine(reply.Text);
                return ExitCodes.Success;
            }

            KeyTable.Write(host.Out, page.Keys);
            // Spec §12.2: total counts the whole repository, not the matches.
            host.Out.WriteLine($"listed {page.Listed} matching (offset {page.Offset}; {page.Total} keys in the store)");
            return ExitCodes.Success;
        }, KeyMgmtHints.For(Scope, status => status switch
        {
            400 => "the device could not decode the needle",
            406 => $"the search text is longer than {KeyArguments.MaxDescrBytes} bytes",
            410 => "the key repository is not ready yet; try again",
            _ => null,
        })));
        return command;
    }

    /// <summary>The needle of spec §12.4: base64 of the bytes, anchored with <c>^</c> and/or <c>$</c>.</summary>
    internal static string Needle(string? base64, bool prefix, bool suffix, bool exact)
    {
        if ((prefix ? 1 : 0) + (suffix ? 1 : 0) + (exact ? 1 : 0) > 1)
        {
            throw new CliUsageException("--prefix, --suffix and --exact exclude each other");
        }

        if (base64 is null)
        {
            throw new CliUsageException("give the text to look for with --descr TEXT or --descr-b64 B64");
        }

        if (base64.Length == 0)
        {
            throw new CliUsageException("the search text is empty");
        }

        return (prefix || exact ? "^" : "") + base64 + (suffix || exact ? "$" : "");
    }
}
