using FluentAssertions;
using HemSim.HostBridge.Hosting;

namespace HemSim.HostBridge.Tests.Serial;

/// <summary><c>--serial PATH</c> and <c>--baud N</c> of the bridge.</summary>
[TestClass]
public sealed class SerialOptionTests
{
    [TestMethod]
    public void Without_serial_the_device_is_embedded()
    {
        BridgeSettings settings = Read([]);

        settings.Serial.Should().BeNull();
    }

    [TestMethod]
    public void Serial_and_baud_are_read_from_the_command_line()
    {
        BridgeSettings settings = Read(["--serial", "/tmp/hemsim/ttyHEM0", "--baud", "115200"]);

        settings.Serial!.Path.Should().Be("/tmp/hemsim/ttyHEM0");
        settings.Serial.BaudRate.Should().Be(115200);
    }

    [TestMethod]
    public void Serial_and_baud_are_read_from_the_environment_and_made_absolute()
    {
        BridgeSettings settings = Read([], new() { ["HEMSIM_SERIAL"] = "ports/ttyHEM0", ["HEMSIM_BAUD"] = "921600" });

        settings.Serial!.Path.Should().Be(Path.GetFullPath("ports/ttyHEM0"));
        settings.Serial.BaudRate.Should().Be(921600);
    }

    [TestMethod]
    public void Baud_is_unset_unless_given()
    {
        BridgeSettings settings = Read(["--serial", "/dev/ttyUSB0"]);

        settings.Serial!.BaudRate.Should().BeNull();
    }

    [TestMethod]
    [DataRow("--seed", "0102")]
    [DataRow("--keystore-slots", "16")]
    [DataRow("--clock", "unset")]
    [DataRow("--variant", "epa")]
    [DataRow("--diag", "true")]
    public void Device_options_are_refused_beside_serial(string option, string value)
    {
        IReadOnlyList<string> errors = Errors(["--serial", "/tmp/hemsim/ttyHEM0", option, value]);

        errors.Should().ContainSingle().Which.Should().StartWith($"{option}: configures the embedded device").And.Contain("tools/HemSim.Device");
    }

    [TestMethod]
    public void Device_environment_variables_are_ignored_beside_serial()
    {
        BridgeSettings settings = Read(["--serial", "/tmp/hemsim/ttyHEM0"], new() { ["HEMSIM_SEED"] = "0102", ["HEMSIM_DIAG"] = "1" });

        settings.Serial.Should().NotBeNull();
    }

    [TestMethod]
    public void Baud_without_serial_is_refused()
    {
        IReadOnlyList<string> errors = Errors(["--baud", "9600"]);

        errors.Should().ContainSingle().Which.Should().StartWith("--baud:").And.Contain("--serial");
    }

    [TestMethod]
    [DataRow("fast")]
    [DataRow("0")]
    [DataRow("49")]
    [DataRow("10000001")]
    public void Bad_baud_rate_is_an_error_naming_the_option(string value)
    {
        IReadOnlyList<string> errors = Errors(["--serial", "/dev/ttyUSB0", "--baud", value]);

        errors.Should().ContainSingle().Which.Should().Be($"--baud: '{value}' is not a baud rate (50-10000000).");
    }

    [TestMethod]
    public async Task Seed_warning_is_not_printed_for_a_device_on_a_serial_port()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int exitCode = await Program.RunAsync(["--serial", "/tmp/hemsim/ttyHEM0", "--data", "/tmp/hemsim-serial-options"],
            name => name == "HEMSIM_SEED" ? "0102" : null, stdout, stderr, (_, _, _, _) => Task.FromResult(0),
            new System.CommandLine.InvocationConfiguration { ProcessTerminationTimeout = null });

        exitCode.Should().Be(0);
        stderr.ToString().Should().BeEmpty();
    }

    private static BridgeSettings Read(string[] args, Dictionary<string, string>? environment = null)
    {
        var command = new BridgeCommand();
        System.CommandLine.ParseResult parse = command.Root.Parse([.. args, "--data", "/tmp/hemsim-serial-options"]);
        parse.Errors.Should().BeEmpty();
        bool read = command.TryReadSettings(parse, name => environment?.GetValueOrDefault(name), out BridgeSettings? settings, out IReadOnlyList<string> errors);
        read.Should().BeTrue(string.Join("; ", errors));
        return settings!;
    }

    private static IReadOnlyList<string> Errors(string[] args)
    {
        var command = new BridgeCommand();
        System.CommandLine.ParseResult parse = command.Root.Parse([.. args, "--data", "/tmp/hemsim-serial-options"]);
        parse.Errors.Should().BeEmpty();
        command.TryReadSettings(parse, _ => null, out _, out IReadOnlyList<string> errors).Should().BeFalse();
        return errors;
    }
}
