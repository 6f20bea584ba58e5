using FluentAssertions;
using HemSim.Cli.Commands;
using HemSim.Cli.Input;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Input;

[TestClass]
public sealed class PassphraseSourceTests
{
    [TestMethod]
    public void Stdin_gives_the_user_then_the_admin_passphrase()
    {
        // Arrange
        var source = new PassphraseSource(Host(ScriptedConsoleInput.Stdin("user words", "admin words\r")), fromStdin: true);

        // Act
        using Passphrase user = source.Read(PassphraseRole.User, confirm: true);
        using Passphrase admin = source.Read(PassphraseRole.Admin, confirm: true);

        // Assert
        user.Chars.ToString().Should().Be("user words");
        admin.Chars.ToString().Should().Be("admin words");
    }

    [TestMethod]
    public void Stdin_takes_precedence_over_the_environment()
    {
        CliHost host = Host(ScriptedConsoleInput.Stdin("from stdin"), ("HEMSIM_USER_PASSPHRASE", "from env"));

        using Passphrase user = new PassphraseSource(host, fromStdin: true).Read(PassphraseRole.User, confirm: false);

        user.Chars.ToString().Should().Be("from stdin");
    }

    [TestMethod]
    public void Stdin_that_ends_too_early_names_the_missing_passphrase()
    {
        var source = new PassphraseSource(Host(ScriptedConsoleInput.Stdin("only one")), fromStdin: true);
        source.Read(PassphraseRole.User, confirm: false).Dispose();

        Action read = () => source.Read(PassphraseRole.Admin, confirm: false);

        read.Should().Throw<CliUsageException>().WithMessage("*admin passphrase on line 2*");
    }

    [TestMethod]
    [DataRow((int)PassphraseRole.User, "HEMSIM_USER_PASSPHRASE")]
    [DataRow((int)PassphraseRole.Admin, "HEMSIM_ADMIN_PASSPHRASE")]
    public void Environment_variable_gives_the_passphrase_of_its_role(int roleValue, string variable)
    {
        var role = (PassphraseRole)roleValue;

        CliHost host = Host(ScriptedConsoleInput.NonInteractive(), (variable, "secret words"));

        using Passphrase passphrase = new PassphraseSource(host, fromStdin: false).Read(role, confirm: true);

        passphrase.Chars.ToString().Should().Be("secret words");
    }

    [TestMethod]
    public void Terminal_prompt_reads_without_echo_and_honours_backspace()
    {
        // Arrange
        var terminal = ScriptedConsoleInput.Typing("secrex\bt\n");
        CliHost host = Host(terminal);

        // Act
        using Passphrase passphrase = new PassphraseSource(host, fromStdin: false).Read(PassphraseRole.User, confirm: false);

        // Assert
        passphrase.Chars.ToString().Should().Be("secret");
        terminal.ReadWithEcho.Should().BeFalse();
        host.Error.ToString().Should().Be("User passphrase: " + Environment.NewLine);
    }

    [TestMethod]
    public void Terminal_prompt_asks_twice_when_confirming()
    {
        var terminal = ScriptedConsoleInput.Typing("admin words\nadmin words\n");
        CliHost host = Host(terminal);

        using Passphrase passphrase = new PassphraseSource(host, fromStdin: false).Read(PassphraseRole.Admin, confirm: true);

        passphrase.Chars.ToString().Should().Be("admin words");
        terminal.KeysLeft.Should().Be(0);
        host.Error.ToString().Should().Contain("Admin passphrase: ").And.Contain("Repeat the admin passphrase: ").And.NotContain("admin words");
    }

    [TestMethod]
    public void Terminal_confirmation_that_differs_is_refused()
    {
        var source = new PassphraseSource(Host(ScriptedConsoleInput.Typing("one\ntwo\n")), fromStdin: false);

        Action read = () => source.Read(PassphraseRole.User, confirm: true);

        read.Should().Throw<CliUsageException>().WithMessage("the two user passphrases differ");
    }

    [TestMethod]
    public void Non_interactive_input_without_environment_is_a_clear_error()
    {
        var source = new PassphraseSource(Host(ScriptedConsoleInput.NonInteractive()), fromStdin: false);

        Action read = () => source.Read(PassphraseRole.Admin, confirm: false);

        read.Should().Throw<CliUsageException>()
            .WithMessage("no admin passphrase: set HEMSIM_ADMIN_PASSPHRASE, use --passphrase-stdin, or run on an interactive terminal");
    }

    [TestMethod]
    public void Empty_passphrase_is_refused()
    {
        var source = new PassphraseSource(Host(ScriptedConsoleInput.Typing("\n")), fromStdin: false);

        Action read = () => source.Read(PassphraseRole.User, confirm: false);

        read.Should().Throw<CliUsageException>().WithMessage("the user passphrase is empty");
    }

    [TestMethod]
    public void Passphrase_never_shows_itself_as_text()
    {
        using var passphrase = new Passphrase("hunter2 hunter2");

        $"{passphrase}".Should().NotContain("hunter2");
    }

    private static CliHost Host(IConsoleInput input, params (string Name, string Value)[] environment)
    {
        var variables = environment.ToDictionary(entry => entry.Name, entry => entry.Value);
        return new CliHost(new StringWriter(), new StringWriter(), input, name => variables.GetValueOrDefault(name), FixedClock.AtUnix(0));
    }
}
