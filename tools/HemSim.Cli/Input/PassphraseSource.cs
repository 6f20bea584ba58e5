using HemSim.Cli.Commands;

namespace HemSim.Cli.Input;

/// <summary>Which of the two provisioned keys a passphrase belongs to (spec §5.3, §7.1 step 4).</summary>
internal enum PassphraseRole
{
    User = 0,
    Admin = 1,
    /// <summary>The user's next passphrase (<c>hemsim config passwd</c>, spec §11.6.1).</summary>
    NewUser = 2,
}

/// <summary>
/// Where passphrases come from, in this order: standard input lines when <c>--passphrase-stdin</c> is given
/// (user first, then admin), the environment (<c>HEMSIM_USER_PASSPHRASE</c>, <c>HEMSIM_ADMIN_PASSPHRASE</c>), a
/// prompt without echo on an interactive terminal. Never a command-line argument: those show up in <c>ps</c> and
/// in shell history.
/// </summary>
internal sealed class PassphraseSource(CliHost host, bool fromStdin)
{
    private int _stdinLine;

    public Passphrase Read(PassphraseRole role, bool confirm)
    {
        Passphrase passphrase = ReadUnchecked(role, confirm);
        if (passphrase.IsEmpty)
        {
            passphrase.Dispose();
            throw new CliUsageException($"the {Name(role)} passphrase is empty");
        }

        return passphrase;
    }

    private Passphrase ReadUnchecked(PassphraseRole role, bool confirm)
    {
        if (fromStdin)
        {
            _stdinLine = checked(_stdinLine + 1);
            string line = host.Input.ReadLine()
                ?? throw new CliUsageException($"--passphrase-stdin: expected the {Name(role)} passphrase on line {_stdinLine} of standard input");
            return new Passphrase(line.AsSpan().TrimEnd('\r'));
        }

        if (host.Variable(EnvironmentVariable(role)) is { } fromEnvironment)
        {
            return new Passphrase(fromEnvironment);
        }

        if (!host.Input.IsInteractive)
        {
            throw new CliUsageException(
                $"no {Name(role)} passphrase: set {EnvironmentVariable(role)}, use --passphrase-stdin, or run on an interactive terminal");
        }

        Passphrase first = Prompt($"{Capitalised(role)} passphrase: ");
        if (!confirm)
        {
            return first;
        }

        using Passphrase second = Prompt($"Repeat the {Name(role)} passphrase: ");
        if (!first.SameAs(second))
        {
            first.Dispose();
            throw new CliUsageException($"the two {Name(role)} passphrases differ");
        }

        return first;
    }

    /// <summary>Reads keys without echo until Enter; Backspace deletes the last character.</summary>
    private Passphrase Prompt(string prompt)
    {
        host.Error.Write(prompt);
        host.Error.Flush();
        char[] buffer = new char[64];
        int length = 0;
        try
        {
            while (true)
            {
                ConsoleKeyInfo key = host.Input.ReadKey(intercept: true);
                if (key.Key == ConsoleKey.Enter)
                {
                    break;
                }

                if (key.Key == ConsoleKey.Backspace)
                {
                    length = Math.Max(0, length - 1);
                    continue;
                }

                if (char.IsControl(key.KeyChar))
                {
                    continue;
                }

                if (length == buffer.Length)
                {
                    char[] larger = new char[checked(buffer.Length * 2)];
                    buffer.CopyTo(larger, 0);
                    Array.Clear(buffer);
                    buffer = larger;
                }

                buffer[length] = key.KeyChar;
                length = checked(length + 1);
            }

            host.Error.WriteLine();
            return new Passphrase(buffer.AsSpan(0, length));
        }
        finally
        {
            Array.Clear(buffer);
        }
    }

    private static string EnvironmentVariable(PassphraseRole role) => role switch
    {
        PassphraseRole.User => EnvironmentVariables.UserPassphrase,
        PassphraseRole.Admin => EnvironmentVariables.AdminPassphrase,
        PassphraseRole.NewUser => EnvironmentVariables.NewUserPassphrase,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    private static string Name(PassphraseRole role) => role switch
    {
        PassphraseRole.User => "user",
        PassphraseRole.NewUser => "new user",
        _ => "admin",
    };

    private static string Capitalised(PassphraseRole role) => role switch
    {
        PassphraseRole.User => "User",
        PassphraseRole.NewUser => "New user",
        _ => "Admin",
    };
}
