using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.Auth;

/// <summary>POST /api/auth/token: login throttling (spec §5.6). The device returns the delay, it never sleeps.</summary>
public sealed partial class AuthTokenTests
{
    private static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Penalty = TimeSpan.FromMilliseconds(1500);

    /// <summary>A failed attempt by a client that waits for each answer before trying again.</summary>
    private static ApiResponse Fail(TestDevice device)
    {
        var response = device.LoginResponse("logger:get", Stranger);
        response.Status.Should().Be(401);
        device.Clock.Advance(response.DeliverNotBefore);
        return response;
    }

    [TestMethod]
    public void Login_success_is_delivered_no_sooner_than_500_ms()
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var response = device.LoginResponse("logger:get", TestDevice.User);

        // Assert
        response.Status.Should().Be(200);
        response.DeliverNotBefore.Should().BeGreaterThanOrEqualTo(Minimum).And.BeLessThan(Penalty);
    }

    [TestMethod]
    [DataRow("401")]
    [DataRow("400")]
    [DataRow("409")]
    public void Login_failure_is_delivered_no_sooner_than_500_ms(string kind)
    {
        // Arrange
        using var device = kind == "409" ? new TestDevice() : Provisioned();

        // Act
        var response = kind switch
        {
            "401" => device.LoginResponse("logger:get", Stranger),
            _ => device.Post("/api/auth/token", "{}", tls: false),
        };

        // Assert
        response.Status.Should().Be(int.Parse(kind, global::System.Globalization.CultureInfo.InvariantCulture));
        response.DeliverNotBefore.Should().BeGreaterThanOrEqualTo(Minimum).And.BeLessThan(Penalty);
    }

    [TestMethod]
    public void Login_challenge_is_not_delayed()
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var response = device.Get("/api/auth/token", tls: false);

        // Assert
        response.DeliverNotBefore.Should().Be(TimeSpan.Zero);
    }

    [TestMethod]
    public void Login_delays_the_fourth_and_fifth_consecutive_failures_beyond_1500_ms()
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var delays = Enumerable.Range(0, 5).Select(_ => Fail(device).DeliverNotBefore).ToList();

        // Assert: [T] measures strictly more than 1500 ms from the 4th failed attempt on.
        delays.Take(3).Should().AllSatisfy(d => d.Should().BeGreaterThanOrEqualTo(Minimum).And.BeLessThan(Penalty));
        delays.Skip(3).Should().AllSatisfy(d => d.Should().BeGreaterThan(Penalty));
    }

    [TestMethod]
    public void Login_counts_malformed_bodies_as_failures()
    {
        // Arrange
        using var device = Provisioned();
        for (var i = 0; i < 3; i++)
        {
            device.Post("/api/auth/token", "{}", tls: false).Status.Should().Be(400);
        }

        // Act
        var response = device.LoginResponse("logger:get", Stranger);

        // Assert
        response.DeliverNotBefore.Should().BeGreaterThan(Penalty);
    }

    [TestMethod]
    [DataRow(14.9, true)]
    [DataRow(15.0, false)]
    public void Login_penalty_ends_15_seconds_after_the_last_failure(double quietSeconds, bool penalised)
    {
        // Arrange
        using var device = Provisioned();
        var last = Fail(device);
        last = Fail(device);
        last = Fail(device);
        // Quiet time counts from the last failed attempt's arrival; Fail already waited for its answer.
        device.Clock.Advance(TimeSpan.FromSeconds(quietSeconds) - last.DeliverNotBefore);

        // Act
        var response = device.LoginResponse("logger:get", TestDevice.User);

        // Assert
        response.Status.Should().Be(200);
        if (penalised)
        {
            response.DeliverNotBefore.Should().BeGreaterThan(Penalty);
        }
        else
        {
            response.DeliverNotBefore.Should().BeGreaterThanOrEqualTo(Minimum).And.BeLessThan(Penalty);
        }
    }

    [TestMethod]
    public void Login_success_clears_the_failure_count_after_its_own_delay()
    {
        // Arrange
        using var device = Provisioned();
        for (var i = 0; i < 3; i++)
        {
            Fail(device);
        }

        // Act
        var success = device.LoginResponse("logger:get", TestDevice.User);
        device.Clock.Advance(success.DeliverNotBefore);
        var next = Fail(device);

        // Assert
        success.Status.Should().Be(200);
        success.DeliverNotBefore.Should().BeGreaterThan(Penalty);
        next.DeliverNotBefore.Should().BeGreaterThanOrEqualTo(Minimum).And.BeLessThan(Penalty);
    }

    [TestMethod]
    public void Login_failure_count_is_forgotten_on_reboot()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        for (var i = 0; i < 3; i++)
        {
            Fail(device);
        }
        device.Get("/api/system/reboot", token).Status.Should().Be(200);

        // Act
        var response = Fail(device);

        // Assert
        response.DeliverNotBefore.Should().BeLessThan(Penalty);
    }
}
