using HemSim.Firmware.Device;

namespace HemSim.Device.Tests;

/// <summary>The launcher's options: the bridge's device options, plus --port, --baud and --tap.</summary>
[TestClass]
public sealed class DeviceCommandTests
{
    [TestMethod]
    public void Defaults_apply_when_only_the_port_is_given()
    {
        LauncherSettings settings = Read(["--port", "/tmp/hemsim/ttyHEM0"], new() { ["HEMSIM_DATA"] = "/tmp/hemsim-launcher" });

        settings.Port.Should().Be("/tmp/hemsim/ttyHEM0");
        settings.BaudRate.Should().BeNull();
        settings.Tap.Should().BeNull();
        settings.Device.DataDirectory.Should().Be("/tmp/hemsim-launcher");
        settings.Device.Seed.Should().BeNull();
        settings.Device.KeystoreSlots.Should().Be(HemDeviceOptions.DefaultKeystoreSlots);
        settings.Device.ClockMode.Should().Be(ClockMode.Host);
        settings.Device.Variant.Should().Be(HardwareVariant.Ppa);
        settings.Device.Diag.Should().BeFalse();
        settings.Device.StrictTls.Should().BeFalse();
        settings.Device.PqcPublicKeys.Should().BeFalse();
        settings.Device.StrictMlDsaVerify.Should().BeFalse();
    }

    [TestMethod]
    public void Every_option_is_read_from_the_command_line()
    {
        LauncherSettings settings = Read(["--port", "ports/ttyHEM1", "--data", "/tmp/d", "--seed", "00ff", "--keystore-slots", "8",
            "--clock", "1764000000", "--variant", "epa", "--diag", "--strict-tls", "--pqc-public-keys", "--strict-mldsa-verify", "--baud", "115200", "--tap", "/tmp/frames.pcapng"]);

        settings.Port.Should().Be(Path.GetFullPath("ports/ttyHEM1"));
        settings.BaudRate.Should().Be(115200);
        settings.Tap.Should().Be("/tmp/frames.pcapng");
        settings.Device.DataDirectory.Should().Be("/tmp/d");
        settings.Device.Seed.Should().Equal(0x00, 0xFF);
        settings.Device.KeystoreSlots.Should().Be(8);
        settings.Device.ClockMode.Should().Be(ClockMode.Fixed);
        settings.Device.FixedTime.Should().Be(1764000000);
        settings.Device.Variant.Should().Be(HardwareVariant.Epa);
        settings.Device.Diag.Should().BeTrue();
        settings.Device.StrictTls.Should().BeTrue();
        settings.Device.PqcPublicKeys.Should().BeTrue();
        settings.Device.StrictMlDsaVerify.Should().BeTrue();
    }

    [TestMethod]
    public void Environment_variables_are_the_bridges_and_the_command_line_wins()
    {
        var environment = new Dictionary<string, string>
        {
            ["HEMSIM_PORT"] = "/tmp/env/ttyHEM0",
            ["HEMSIM_DATA"] = "/tmp/env-data",
            ["HEMSIM_SEED"] = "0102",
            ["HEMSIM_KEYSTORE_SLOTS"] = "4",
            ["HEMSIM_CLOCK"] = "unset",
            ["HEMSIM_VARIANT"] = "epa",
            ["HEMSIM_DIAG"] = "yes",
            ["HEMSIM_STRICT_TLS"] = "on",
            ["HEMSIM_PQC_PUBLIC_KEYS"] = "1",
            ["HEMSIM_STRICT_MLDSA_VERIFY"] = "yes",
            ["HEMSIM_BAUD"] = "9600",
            ["HEMSIM_TAP"] = "/tmp/env.pcapng",
        };

        LauncherSettings settings = Read(["--keystore-slots", "32"], environment);

        settings.Port.Should().Be("/tmp/env/ttyHEM0");
        settings.Device.DataDirectory.Should().Be("/tmp/env-data");
        settings.Device.Seed.Should().Equal(1, 2);
        settings.Device.KeystoreSlots.Should().Be(32);
        settings.Device.ClockMode.Should().Be(ClockMode.Unset);
        settings.Device.Variant.Should().Be(HardwareVariant.Epa);
        settings.Device.Diag.Should().BeTrue();
        settings.Device.StrictTls.Should().BeTrue();
        settings.Device.PqcPublicKeys.Should().BeTrue();
        settings.Device.StrictMlDsaVerify.Should().BeTrue();
        settings.BaudRate.Should().Be(9600);
        settings.Tap.Should().Be("/tmp/env.pcapng");
    }

    [TestMethod]
    public void Pqc_quirk_options_on_the_command_line_win_over_the_environment()
    {
        LauncherSettings settings = Read(["--port", "/tmp/hemsim/ttyHEM0", "--pqc-public-keys", "false", "--strict-mldsa-verify", "false"],
            new() { ["HEMSIM_PQC_PUBLIC_KEYS"] = "on", ["HEMSIM_STRICT_MLDSA_VERIFY"] = "on" });

        settings.Device.PqcPublicKeys.Should().BeFalse();
        settings.Device.StrictMlDsaVerify.Should().BeFalse();
    }

    [TestMethod]
    [DataRow("HEMSIM_PQC_PUBLIC_KEYS")]
    [DataRow("HEMSIM_STRICT_MLDSA_VERIFY")]
    public void Bad_pqc_quirk_environment_value_is_an_error_naming_the_variable(string variable)
    {
        var command = new DeviceCommand();
        System.CommandLine.ParseResult parse = command.Root.Parse(["--port", "/tmp/hemsim/ttyHEM0", "--data", "/tmp/hemsim-launcher"]);

        command.TryReadSettings(parse, name => name == variable ? "maybe" : null, out _, out IReadOnlyList<string> errors).Should().BeFalse();

        errors.Should().ContainSingle().Which.Should().StartWith($"{variable}: 'maybe'");
    }

    [TestMethod]
    public void Port_is_required()
    {
        Errors([]).Should().ContainSingle().Which.Should().Be("--port: a port path is required (or HEMSIM_PORT).");
    }

    [TestMethod]
    [DataRow("--baud", "0", "--baud: '0' is not a baud rate (50-10000000).")]
    [DataRow("--seed", "xyz", "--seed: 'xyz' is not a hex string of whole bytes.")]
    [DataRow("--keystore-slots", "0", "--keystore-slots: '0' is not a positive number.")]
    [DataRow("--variant", "xyz", "--variant: 'xyz' is not 'ppa' or 'epa'.")]
    public void Bad_option_value_is_an_error_naming_the_option(string option, string value, string message)
    {
        Errors(["--port", "/tmp/hemsim/ttyHEM0", option, value]).Should().ContainSingle().Which.Should().Be(message);
    }

    [TestMethod]
    public void Every_option_has_its_environment_variable()
    {
        new DeviceCommand().Root.Options.Where(option => option.Name.StartsWith("--") && option.Name is not ("--help" or "--version"))
            .Select(HemSim.HostBridge.Hosting.CommandOptions.EnvironmentVariableOf)
            .Should().BeEquivalentTo("HEMSIM_PORT", "HEMSIM_DATA", "HEMSIM_SEED", "HEMSIM_KEYSTORE_SLOTS", "HEMSIM_CLOCK",
                "HEMSIM_VARIANT", "HEMSIM_DIAG", "HEMSIM_STRICT_TLS", "HEMSIM_PQC_PUBLIC_KEYS", "HEMSIM_STRICT_MLDSA_VERIFY",
                "HEMSIM_POWER_ON_DELAY", "HEMSIM_BACKEND_KEY", "HEMSIM_VENDOR_KEY", "HEMSIM_USBMODE_TIME", "HEMSIM_CHIPS",
                "HEMSIM_BAUD", "HEMSIM_TAP");
    }

    private static LauncherSettings Read(string[] args, Dictionary<string, string>? environment = null)
    {
        var command = new DeviceCommand();
        System.CommandLine.ParseResult parse = command.Root.Parse(args);
        parse.Errors.Should().BeEmpty();
        bool read = command.TryReadSettings(parse, name => environment?.GetValueOrDefault(name), out LauncherSettings? settings, out IReadOnlyList<string> errors);
        read.Should().BeTrue(string.Join("; ", errors));
        return settings!;
    }

    private static IReadOnlyList<string> Errors(string[] args)
    {
        var command = new DeviceCommand();
        System.CommandLine.ParseResult parse = command.Root.Parse([.. args, "--data", "/tmp/hemsim-launcher"]);
        parse.Errors.Should().BeEmpty();
        command.TryReadSettings(parse, _ => null, out _, out IReadOnlyList<string> errors).Should().BeFalse();
        return errors;
    }
}
