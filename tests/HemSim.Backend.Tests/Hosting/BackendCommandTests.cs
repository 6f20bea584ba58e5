using System.CommandLine;
using System.Net;
using FluentAssertions;
using HemSim.Backend.Hosting;
using HemSim.Firmware.Checkin;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Backend.Tests.Hosting;

[TestClass]
public sealed class BackendCommandTests
{
    private static (bool Ok, BackendOptions? Options, IReadOnlyList<string> Errors) Read(string[] args, Dictionary<string, string>? environment = null)
    {
        var command = new BackendCommand();
        var ok = command.TryReadSettings(command.Root.Parse(args), name => environment?.GetValueOrDefault(name), out var options, out var errors);
        return (ok, options, errors);
    }

    [TestMethod]
    public void Defaults_are_loopback_port_8444_api_encedo_com_the_published_key_and_OK()
    {
        var (ok, options, _) = Read(["--data", "/tmp/hemsim-backend-defaults"]);

        ok.Should().BeTrue();
        options!.BindAddress.Should().Be(IPAddress.Loopback);
        options.HttpsPort.Should().Be(8444);
        options.Hostname.Should().Be("api.encedo.com");
        options.Action.Should().Be("OK");
        options.PrivateKey.Should().Equal(TestBackendKey.PrivateKey);
        options.FixedTime.Should().BeNull();
    }

    [TestMethod]
    public void Options_come_from_the_command_line()
    {
        var key = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());

        var (ok, options, _) = Read(["--data", "/tmp/x", "--bind", "::1", "--https-port", "0", "--hostname", "backend.test",
            "--action", "b", "--private-key", key, "--time", "1800000000"]);

        ok.Should().BeTrue();
        options!.DataDirectory.Should().Be("/tmp/x");
        options.BindAddress.Should().Be(IPAddress.IPv6Loopback);
        options.HttpsPort.Should().Be(0);
        options.Hostname.Should().Be("backend.test");
        options.Action.Should().Be("B");
        options.PrivateKey.Should().Equal(Enumerable.Repeat((byte)7, 32));
        options.FixedTime.Should().Be(1_800_000_000);
    }

    [TestMethod]
    public void Options_come_from_HEMSIM_BACKEND_variables_and_the_command_line_wins()
    {
        var environment = new Dictionary<string, string>
        {
            ["HEMSIM_BACKEND_DATA"] = "/tmp/env",
            ["HEMSIM_BACKEND_HTTPS_PORT"] = "9000",
            ["HEMSIM_BACKEND_ACTION"] = "L",
            ["HEMSIM_BACKEND_HOSTNAME"] = "env.test",
        };

        var (ok, options, _) = Read(["--hostname", "cli.test"], environment);

        ok.Should().BeTrue();
        options!.DataDirectory.Should().Be("/tmp/env");
        options.HttpsPort.Should().Be(9000);
        options.Action.Should().Be("L");
        options.Hostname.Should().Be("cli.test");
    }

    [TestMethod]
    public void Bad_values_are_each_reported_and_a_key_is_never_echoed()
    {
        var (ok, _, errors) = Read(["--data", "/tmp/x", "--https-port", "70000", "--action", "X", "--private-key", "c2VjcmV0", "--time", "-1"]);

        ok.Should().BeFalse();
        errors.Should().HaveCount(4);
        errors.Should().Contain(e => e.StartsWith("--https-port: '70000'"));
        errors.Should().Contain(e => e.StartsWith("--action: 'X'"));
        errors.Should().Contain(e => e.StartsWith("--private-key:") && !e.Contains("c2VjcmV0"));
        errors.Should().Contain(e => e.StartsWith("--time: '-1'"));
    }

    [TestMethod]
    public void Help_names_the_environment_variables()
    {
        var command = new BackendCommand();

        command.Root.Options.OfType<Option<string>>().Select(o => o.Description).Should()
            .Contain(d => d!.Contains("[env: HEMSIM_BACKEND_HTTPS_PORT]"))
            .And.Contain(d => d!.Contains("[env: HEMSIM_BACKEND_ACTION]"));
    }
}
