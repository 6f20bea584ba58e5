using System.Net;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.HostBridge.Hosting;

namespace HemSim.HostBridge.Tests.Hosting;

/// <summary>Option values: command line over environment over defaults.</summary>
[TestClass]
public sealed class BridgeCommandTests
{
    [TestMethod]
    public void Defaults_apply_when_nothing_is_given()
    {
        BridgeSettings settings = Read([], new Dictionary<string, string> { ["HEMSIM_DATA"] = "/tmp/hemsim-defaults" });

        settings.Bridge.HttpPort.Should().Be(8080);
        settings.Bridge.HttpsPort.Should().Be(8443);
        settings.Bridge.BindAddress.Should().Be(IPAddress.Loopback);
        settings.Bridge.Hostname.Should().Be("my.ence.do");
        settings.Device.Seed.Should().BeNull();
        settings.Device.KeystoreSlots.Should().Be(HemDeviceOptions.DefaultKeystoreSlots);
        settings.Device.ClockMode.Should().Be(ClockMode.Host);
        settings.Device.Variant.Should().Be(HardwareVariant.Ppa);
        settings.Device.Diag.Should().BeFalse();
        settings.Device.StrictTls.Should().BeFalse("the default reproduces the firmware's 409 QUIRK (spec §3.4)");
        settings.Device.PqcPublicKeys.Should().BeFalse("the default reproduces the firmware's 406 on imported PQC keys (spec §13.10, §13.13)");
        settings.Device.StrictMlDsaVerify.Should().BeFalse("the default reproduces the firmware's 795 on a failed ML-DSA verify (spec §22 #14)");
    }

    [TestMethod]
    public void Default_data_folder_is_hemsim_in_the_per_user_data_folder()
    {
        BridgeSettings settings = Read([], []);

        string expected = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "hemsim");
        settings.Bridge.DataDirectory.Should().Be(expected);
        settings.Device.DataDirectory.Should().Be(expected);
    }

    [TestMethod]
    public void Environment_variables_are_used_when_options_are_absent()
    {
        var environment = new Dictionary<string, string>
        {
            ["HEMSIM_DATA"] = "/tmp/hemsim-env",
            ["HEMSIM_HTTP_PORT"] = "1080",
            ["HEMSIM_HTTPS_PORT"] = "1443",
            ["HEMSIM_BIND"] = "::1",
            ["HEMSIM_HOSTNAME"] = "hem.test",
            ["HEMSIM_SEED"] = "00ff10",
            ["HEMSIM_KEYSTORE_SLOTS"] = "16",
            ["HEMSIM_CLOCK"] = "unset",
            ["HEMSIM_VARIANT"] = "epa",
            ["HEMSIM_DIAG"] = "1",
            ["HEMSIM_STRICT_TLS"] = "1",
            ["HEMSIM_PQC_PUBLIC_KEYS"] = "1",
            ["HEMSIM_STRICT_MLDSA_VERIFY"] = "true",
        };

        BridgeSettings settings = Read([], environment);

        settings.Bridge.DataDirectory.Should().Be("/tmp/hemsim-env");
        settings.Bridge.HttpPort.Should().Be(1080);
        settings.Bridge.HttpsPort.Should().Be(1443);
        settings.Bridge.BindAddress.Should().Be(IPAddress.IPv6Loopback);
        settings.Bridge.Hostname.Should().Be("hem.test");
        settings.Device.Seed.Should().Equal(0x00, 0xFF, 0x10);
        settings.Device.KeystoreSlots.Should().Be(16);
        settings.Device.ClockMode.Should().Be(ClockMode.Unset);
        settings.Device.Variant.Should().Be(HardwareVariant.Epa);
        settings.Device.Diag.Should().BeTrue();
        settings.Device.StrictTls.Should().BeTrue();
        settings.Device.PqcPublicKeys.Should().BeTrue();
        settings.Device.StrictMlDsaVerify.Should().BeTrue();
        settings.Device.DataDirectory.Should().Be("/tmp/hemsim-env");
    }

    [TestMethod]
    public void Command_line_wins_over_the_environment()
    {
        var environment = new Dictionary<string, string>
        {
            ["HEMSIM_HTTP_PORT"] = "1080",
            ["HEMSIM_HOSTNAME"] = "env.test",
            ["HEMSIM_DIAG"] = "1",
            ["HEMSIM_DATA"] = "/tmp/hemsim-env",
        };

        BridgeSettings settings = Read(["--http-port", "2080", "--hostname", "cli.test", "--diag", "false", "--data", "/tmp/hemsim-cli"], environment);

        settings.Bridge.HttpPort.Should().Be(2080);
        settings.Bridge.Hostname.Should().Be("cli.test");
        settings.Device.Diag.Should().BeFalse();
        settings.Bridge.DataDirectory.Should().Be("/tmp/hemsim-cli");
    }

    [TestMethod]
    public void Command_line_wins_even_over_a_bad_environment_value()
    {
        BridgeSettings settings = Read(["--http-port", "0"], new Dictionary<string, string> { ["HEMSIM_HTTP_PORT"] = "junk", ["HEMSIM_DATA"] = "/tmp/x" });

        settings.Bridge.HttpPort.Should().Be(0);
    }

    [TestMethod]
    [DataRow("host", ClockMode.Host, 0L)]
    [DataRow("unset", ClockMode.Unset, 0L)]
    [DataRow("1700000000", ClockMode.Fixed, 1700000000L)]
    [DataRow("0", ClockMode.Fixed, 0L)]
    public void Clock_option_chooses_the_RTC_at_boot(string value, ClockMode mode, long fixedTime)
    {
        BridgeSettings settings = Read(["--clock", value, "--data", "/tmp/x"], []);

        settings.Device.ClockMode.Should().Be(mode);
        settings.Device.FixedTime.Should().Be(fixedTime);
    }

    [TestMethod]
    public void Diag_flag_alone_turns_the_DIAG_build_on()
    {
        BridgeSettings settings = Read(["--diag", "--data", "/tmp/x"], []);

        settings.Device.Diag.Should().BeTrue();
    }

    [TestMethod]
    public void Strict_tls_flag_alone_turns_418_answers_on()
    {
        BridgeSettings settings = Read(["--strict-tls", "--data", "/tmp/x"], []);

        settings.Device.StrictTls.Should().BeTrue();
    }

    [TestMethod]
    [DataRow("on", true)]
    [DataRow("yes", true)]
    [DataRow("0", false)]
    [DataRow("off", false)]
    public void Strict_tls_environment_variable_takes_switch_words(string value, bool expected)
    {
        BridgeSettings settings = Read([], new Dictionary<string, string> { ["HEMSIM_STRICT_TLS"] = value, ["HEMSIM_DATA"] = "/tmp/x" });

        settings.Device.StrictTls.Should().Be(expected);
    }

    [TestMethod]
    public void Strict_tls_on_the_command_line_wins_over_the_environment()
    {
        BridgeSettings settings = Read(["--strict-tls", "false", "--data", "/tmp/x"], new Dictionary<string, string> { ["HEMSIM_STRICT_TLS"] = "1" });

        settings.Device.StrictTls.Should().BeFalse();
    }

    [TestMethod]
    public void Bad_strict_tls_environment_value_is_an_error_naming_the_variable()
    {
        IReadOnlyList<string> errors = Errors([], new Dictionary<string, string> { ["HEMSIM_STRICT_TLS"] = "strict" });

        errors.Should().ContainSingle().Which.Should().StartWith("HEMSIM_STRICT_TLS: 'strict'");
    }

    [TestMethod]
    public void Strict_tls_is_refused_beside_serial_because_it_shapes_the_embedded_device()
    {
        IReadOnlyList<string> errors = Errors(["--serial", "/tmp/hemsim/ttyHEM0", "--strict-tls"], []);

        errors.Should().ContainSingle().Which.Should().StartWith("--strict-tls: configures the embedded device");
    }

    [TestMethod]
    public void Pqc_public_keys_flag_alone_lets_imported_pqc_keys_work()
    {
        BridgeSettings settings = Read(["--pqc-public-keys", "--data", "/tmp/x"], []);

        settings.Device.PqcPublicKeys.Should().BeTrue();
        settings.Device.StrictMlDsaVerify.Should().BeFalse("the two PQC corrections are independent");
    }

    [TestMethod]
    public void Strict_mldsa_verify_flag_alone_turns_406_answers_on()
    {
        BridgeSettings settings = Read(["--strict-mldsa-verify", "--data", "/tmp/x"], []);

        settings.Device.StrictMlDsaVerify.Should().BeTrue();
        settings.Device.PqcPublicKeys.Should().BeFalse("the two PQC corrections are independent");
    }

    [TestMethod]
    [DataRow("HEMSIM_PQC_PUBLIC_KEYS", "on", true)]
    [DataRow("HEMSIM_PQC_PUBLIC_KEYS", "yes", true)]
    [DataRow("HEMSIM_PQC_PUBLIC_KEYS", "0", false)]
    [DataRow("HEMSIM_PQC_PUBLIC_KEYS", "off", false)]
    [DataRow("HEMSIM_STRICT_MLDSA_VERIFY", "1", true)]
    [DataRow("HEMSIM_STRICT_MLDSA_VERIFY", "true", true)]
    [DataRow("HEMSIM_STRICT_MLDSA_VERIFY", "false", false)]
    [DataRow("HEMSIM_STRICT_MLDSA_VERIFY", "off", false)]
    public void Pqc_quirk_environment_variables_take_switch_words(string variable, string value, bool expected)
    {
        BridgeSettings settings = Read([], new Dictionary<string, string> { [variable] = value, ["HEMSIM_DATA"] = "/tmp/x" });

        (variable == "HEMSIM_PQC_PUBLIC_KEYS" ? settings.Device.PqcPublicKeys : settings.Device.StrictMlDsaVerify).Should().Be(expected);
    }

    [TestMethod]
    public void Pqc_quirk_options_on_the_command_line_win_over_the_environment()
    {
        BridgeSettings settings = Read(["--pqc-public-keys", "false", "--strict-mldsa-verify", "false", "--data", "/tmp/x"],
            new Dictionary<string, string> { ["HEMSIM_PQC_PUBLIC_KEYS"] = "1", ["HEMSIM_STRICT_MLDSA_VERIFY"] = "1" });

        settings.Device.PqcPublicKeys.Should().BeFalse();
        settings.Device.StrictMlDsaVerify.Should().BeFalse();
    }

    [TestMethod]
    [DataRow("HEMSIM_PQC_PUBLIC_KEYS")]
    [DataRow("HEMSIM_STRICT_MLDSA_VERIFY")]
    public void Bad_pqc_quirk_environment_value_is_an_error_naming_the_variable(string variable)
    {
        IReadOnlyList<string> errors = Errors([], new Dictionary<string, string> { [variable] = "sometimes" });

        errors.Should().ContainSingle().Which.Should().StartWith($"{variable}: 'sometimes'");
    }

    [TestMethod]
    [DataRow("--pqc-public-keys")]
    [DataRow("--strict-mldsa-verify")]
    public void Pqc_quirk_options_are_refused_beside_serial_because_they_shape_the_embedded_device(string option)
    {
        IReadOnlyList<string> errors = Errors(["--serial", "/tmp/hemsim/ttyHEM0", option], []);

        errors.Should().ContainSingle().Which.Should().StartWith($"{option}: configures the embedded device");
    }

    [TestMethod]
    public void Power_on_delay_defaults_to_five_seconds_and_takes_seconds_or_off()
    {
        Read(["--data", "/tmp/x"], []).Device.PowerOnDelay.Should().Be(TimeSpan.FromSeconds(5));
        Read(["--data", "/tmp/x", "--power-on-delay", "0"], []).Device.PowerOnDelay.Should().Be(TimeSpan.Zero);
        Read(["--data", "/tmp/x", "--power-on-delay", "off"], []).Device.PowerOnDelay.Should().BeNull();
        Read(["--data", "/tmp/x"], new Dictionary<string, string> { ["HEMSIM_POWER_ON_DELAY"] = "30" })
            .Device.PowerOnDelay.Should().Be(TimeSpan.FromSeconds(30));
    }

    [TestMethod]
    [DataRow("-1")]
    [DataRow("1.5")]
    [DataRow("86401")]
    [DataRow("never")]
    public void Bad_power_on_delay_is_an_error(string value)
    {
        IReadOnlyList<string> errors = Errors(["--power-on-delay", value], []);

        errors.Should().ContainSingle().Which.Should().StartWith($"--power-on-delay: '{value}'");
    }

    [TestMethod]
    public void Backend_key_is_a_base64_x25519_public_key_or_the_built_in_test_key()
    {
        byte[] key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

        Read(["--data", "/tmp/x"], []).Device.BackendKey.Should().BeNull();
        Read(["--data", "/tmp/x", "--backend-key", Convert.ToBase64String(key)], []).Device.BackendKey.Should().Equal(key);
        Errors(["--backend-key", Convert.ToBase64String(key[..31])], [])
            .Should().ContainSingle().Which.Should().StartWith("--backend-key:");
    }

    [TestMethod]
    public void Relative_data_folder_becomes_absolute()
    {
        BridgeSettings settings = Read(["--data", "relative/dir"], []);

        settings.Bridge.DataDirectory.Should().Be(Path.GetFullPath("relative/dir"));
    }

    [TestMethod]
    [DataRow("--http-port", "70000", "--http-port: '70000' is not a port number*")]
    [DataRow("--https-port", "-1", "--https-port: '-1' is not a port number*")]
    [DataRow("--http-port", "80a", "--http-port*")]
    [DataRow("--bind", "localhost", "--bind: 'localhost' is not an IPv4 or IPv6 address*")]
    [DataRow("--bind", "127.1", "--bind*")]
    [DataRow("--hostname", "bad name", "--hostname*")]
    [DataRow("--seed", "xyz", "--seed: 'xyz' is not a hex string*")]
    [DataRow("--seed", "abc", "--seed*")]
    [DataRow("--keystore-slots", "0", "--keystore-slots: '0' is not a positive number*")]
    [DataRow("--clock", "later", "--clock*")]
    [DataRow("--clock", "4294967296", "--clock*")]
    [DataRow("--variant", "xyz", "--variant: 'xyz' is not 'ppa' or 'epa'*")]
    public void Bad_option_value_is_an_error_naming_the_option(string option, string value, string message)
    {
        IReadOnlyList<string> errors = Errors([option, value], []);

        errors.Should().ContainSingle().Which.Should().Match(message);
    }

    [TestMethod]
    public void Bad_environment_value_is_an_error_naming_the_variable()
    {
        IReadOnlyList<string> errors = Errors([], new Dictionary<string, string> { ["HEMSIM_HTTPS_PORT"] = "https", ["HEMSIM_DIAG"] = "maybe" });

        errors.Should().HaveCount(2);
        errors.Should().Contain(error => error.StartsWith("HEMSIM_HTTPS_PORT: 'https'"));
        errors.Should().Contain(error => error.StartsWith("HEMSIM_DIAG: 'maybe'"));
    }

    [TestMethod]
    public void Every_option_has_its_environment_variable()
    {
        var command = new BridgeCommand();

        command.Root.Options.Where(option => option.Name.StartsWith("--") && option.Name is not ("--help" or "--version"))
            .Select(BridgeCommand.EnvironmentVariableOf)
            .Should().BeEquivalentTo(
                "HEMSIM_DATA", "HEMSIM_HTTP_PORT", "HEMSIM_HTTPS_PORT", "HEMSIM_BIND", "HEMSIM_HOSTNAME",
                "HEMSIM_SEED", "HEMSIM_KEYSTORE_SLOTS", "HEMSIM_CLOCK", "HEMSIM_VARIANT", "HEMSIM_DIAG",
                "HEMSIM_STRICT_TLS", "HEMSIM_PQC_PUBLIC_KEYS", "HEMSIM_STRICT_MLDSA_VERIFY", "HEMSIM_POWER_ON_DELAY", "HEMSIM_BACKEND_KEY",
                "HEMSIM_VENDOR_KEY", "HEMSIM_USBMODE_TIME", "HEMSIM_CHIPS", "HEMSIM_SERIAL", "HEMSIM_BAUD", "HEMSIM_STATIC");
    }

    [TestMethod]
    public void Static_is_unset_by_default_and_read_from_option_or_environment()
    {
        string folder = Path.GetFullPath(Path.GetTempPath());

        Read([], new Dictionary<string, string> { ["HEMSIM_DATA"] = "/tmp/x" }).Bridge.StaticDirectory.Should().BeNull();
        Read(["--static", folder, "--data", "/tmp/x"], []).Bridge.StaticDirectory.Should().Be(folder);
        Read([], new Dictionary<string, string> { ["HEMSIM_STATIC"] = folder, ["HEMSIM_DATA"] = "/tmp/x" })
            .Bridge.StaticDirectory.Should().Be(folder);
    }

    [TestMethod]
    public void Static_folder_must_exist()
    {
        string missing = Path.Combine(Path.GetTempPath(), "hemsim-no-such-folder-" + Guid.NewGuid().ToString("N"));

        IReadOnlyList<string> errors = Errors(["--static", missing], []);

        errors.Should().ContainSingle().Which.Should().StartWith("--static:").And.Contain("is not an existing folder");
    }

    private static BridgeSettings Read(string[] args, Dictionary<string, string> environment)
    {
        var command = new BridgeCommand();
        System.CommandLine.ParseResult parse = command.Root.Parse(args);
        parse.Errors.Should().BeEmpty();
        bool read = command.TryReadSettings(parse, name => environment.GetValueOrDefault(name), out BridgeSettings? settings, out IReadOnlyList<string> errors);
        read.Should().BeTrue(string.Join("; ", errors));
        return settings!;
    }

    private static IReadOnlyList<string> Errors(string[] args, Dictionary<string, string> environment)
    {
        var command = new BridgeCommand();
        System.CommandLine.ParseResult parse = command.Root.Parse([.. args, "--data", "/tmp/x"]);
        parse.Errors.Should().BeEmpty();
        command.TryReadSettings(parse, name => environment.GetValueOrDefault(name), out _, out IReadOnlyList<string> errors).Should().BeFalse();
        return errors;
    }
}
