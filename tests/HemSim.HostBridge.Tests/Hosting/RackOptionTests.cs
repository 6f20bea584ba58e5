using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.HostBridge.Hosting;

namespace HemSim.HostBridge.Tests.Hosting;

/// <summary><c>--chips N</c>: the EPA rack size, its checks, and how a rack lays out its chips (<see cref="RackLayout"/>).</summary>
[TestClass]
public sealed class RackOptionTests
{
    [TestMethod]
    public void One_chip_by_default()
    {
        Read(["--data", "/tmp/x"], []).Chips.Should().Be(1);
    }

    [TestMethod]
    public void Chips_come_from_the_command_line_or_HEMSIM_CHIPS()
    {
        Read(["--data", "/tmp/x", "--variant", "epa", "--chips", "64"], []).Chips.Should().Be(64);
        Read(["--data", "/tmp/x"], new() { ["HEMSIM_CHIPS"] = "3", ["HEMSIM_VARIANT"] = "epa" }).Chips.Should().Be(3);
        Read(["--data", "/tmp/x", "--variant", "epa", "--chips", "2"], new() { ["HEMSIM_CHIPS"] = "5" }).Chips.Should().Be(2);
    }

    [TestMethod]
    [DataRow("0")]
    [DataRow("65")]
    [DataRow("-1")]
    [DataRow("two")]
    public void Chips_outside_1_to_64_are_refused(string value)
    {
        Errors(["--variant", "epa", "--chips", value]).Should().ContainSingle()
            .Which.Should().Be($"--chips: '{value}' is not a number of chips (1-64).");
    }

    [TestMethod]
    public void A_rack_of_more_than_one_chip_needs_the_EPA_variant()
    {
        Errors(["--chips", "2"]).Should().ContainSingle()
            .Which.Should().Be("--chips: a rack of 2 chips is EPA hardware; add --variant epa (a PPA is one device).");
        Read(["--data", "/tmp/x", "--chips", "1"], []).Chips.Should().Be(1, "one PPA is one chip");
    }

    [TestMethod]
    public void Chips_are_allowed_beside_serial_as_the_rack_size_the_launcher_published()
    {
        BridgeSettings settings = Read(["--data", "/tmp/x", "--serial", "/tmp/hemsim/ttyHEM0", "--chips", "3"], []);

        settings.Chips.Should().Be(3);
        settings.Serial!.Path.Should().Be("/tmp/hemsim/ttyHEM0");
    }

    [TestMethod]
    public void A_rack_of_one_is_the_device_of_old_unchanged()
    {
        var rack = new HemDeviceOptions { DataDirectory = "/data", Seed = [1, 2, 3], Variant = HardwareVariant.Epa };

        RackLayout.ChipOptions(rack, 1, 1).Should().BeSameAs(rack);
        RackLayout.ChipPort("/tmp/hemsim/ttyHEM0", 1, 1).Should().Be("/tmp/hemsim/ttyHEM0");
    }

    [TestMethod]
    public void Chip_i_of_a_rack_keeps_its_flash_in_DATA_ci_and_is_published_at_PATH_ci()
    {
        var rack = new HemDeviceOptions { DataDirectory = "/data", Variant = HardwareVariant.Epa, KeystoreSlots = 7 };

        HemDeviceOptions chip3 = RackLayout.ChipOptions(rack, 3, 4);

        chip3.DataDirectory.Should().Be(Path.Combine("/data", "c3"));
        chip3.Variant.Should().Be(HardwareVariant.Epa);
        chip3.KeystoreSlots.Should().Be(7);
        chip3.Seed.Should().BeNull();
        chip3.FactoryHostname.Should().Be(HemDeviceOptions.DefaultFactoryHostname, "the launcher knows no domain");
        RackLayout.ChipOptions(rack, 3, 4, "rack.example").FactoryHostname.Should().Be("c3.rack.example");
        RackLayout.ChipOptions(rack, 1, 1, "rack.example").FactoryHostname.Should().Be(HemDeviceOptions.DefaultFactoryHostname,
            "a single device keeps the factory name");
        RackLayout.ChipPort("/tmp/hemsim/ttyHEM0", 3, 4).Should().Be("/tmp/hemsim/ttyHEM0.c3");
    }

    [TestMethod]
    public void Seeded_chips_get_different_seeds_derived_from_the_rack_seed()
    {
        var rack = new HemDeviceOptions { Seed = Convert.FromHexString("00ff10"), Variant = HardwareVariant.Epa };

        byte[][] seeds = Enumerable.Range(1, 4).Select(chip => RackLayout.ChipOptions(rack, chip, 4).Seed!).ToArray();

        seeds.Select(Convert.ToHexString).Should().OnlyHaveUniqueItems();
        seeds.Should().NotContain(seed => seed.SequenceEqual(rack.Seed!));
        RackLayout.ChipOptions(rack, 2, 4).Seed.Should().Equal(seeds[1], "derivation is reproducible");
        // HMAC-SHA256(key = 00ff10, "HemSim EPA chip c2")
        seeds[1].Should().Equal(System.Security.Cryptography.HMACSHA256.HashData(rack.Seed!, "HemSim EPA chip c2"u8.ToArray()));
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

    private static IReadOnlyList<string> Errors(string[] args)
    {
        var command = new BridgeCommand();
        System.CommandLine.ParseResult parse = command.Root.Parse([.. args, "--data", "/tmp/x"]);
        parse.Errors.Should().BeEmpty();
        command.TryReadSettings(parse, _ => null, out _, out IReadOnlyList<string> errors).Should().BeFalse();
        return errors;
    }
}
