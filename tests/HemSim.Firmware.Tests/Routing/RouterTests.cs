using FluentAssertions;
using HemSim.Firmware.Api;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Routing;

[TestClass]
public sealed class RouterTests
{
    private static EndpointDescriptor Route(string method, string path) =>
        new(method, path, Access.Public, EndpointFlags.None, _ => Reply.Of(ApiStatus.Ok));

    [TestMethod]
    public void Router_rejects_a_route_registered_twice()
    {
        // Arrange
        var routes = new[] { Route("GET", "/api/a"), Route("POST", "/api/a"), Route("GET", "/api/a") };

        // Act
        var act = () => new Router(routes);

        // Assert
        act.Should().Throw<ArgumentException>().WithMessage("*GET /api/a*");
    }

    [TestMethod]
    public void Router_registers_every_api_route_exactly_once()
    {
        // Arrange
        var all = ApiRoutes.All.ToList();

        // Act
        var router = new Router(all);

        // Assert
        router.Routes.Should().HaveCount(all.Count);
        all.Select(r => r.Method + " " + r.Path).Should().OnlyHaveUniqueItems();
        all.Should().AllSatisfy(r =>
        {
            r.Path.Should().StartWith("/api/");
            r.Method.Should().BeOneOf("GET", "POST", "DELETE");
        });
    }

    [TestMethod]
    [DataRow("GET", "/api/system/status")]
    [DataRow("GET", "/api/system/version")]
    [DataRow("GET", "/api/system/reboot")]
    [DataRow("GET", "/api/auth/token")]
    [DataRow("POST", "/api/auth/token")]
    [DataRow("GET", "/api/auth/init")]
    [DataRow("POST", "/api/auth/init")]
    [DataRow("POST", "/api/keymgmt/create")]
    public void Router_matches_every_implemented_endpoint(string method, string path)
    {
        // Arrange
        var router = new Router(ApiRoutes.All);

        // Act
        var found = router.TryMatch(method, path, out var route, out var parameters);

        // Assert
        found.Should().BeTrue();
        route!.Method.Should().Be(method);
        route.Path.Should().Be(path);
        parameters.Should().BeEmpty();
    }

    [TestMethod]
    public void Router_binds_path_parameters_in_order()
    {
        // Arrange
        var router = new Router([Route("GET", "/api/keymgmt/list/{offset}/{count}")]);

        // Act
        var found = router.TryMatch("GET", "/api/keymgmt/list/30/15", out _, out var parameters);

        // Assert
        found.Should().BeTrue();
        parameters.Should().Equal("30", "15");
    }

    [TestMethod]
    [DataRow("GET", "/api/keymgmt/list/30")]
    [DataRow("GET", "/api/keymgmt/list/30/15/1")]
    [DataRow("POST", "/api/keymgmt/list/30/15")]
    [DataRow("GET", "/api/keymgmt/LIST/30/15")]
    public void Router_does_not_match_another_shape_or_method(string method, string path)
    {
        // Arrange
        var router = new Router([Route("GET", "/api/keymgmt/list/{offset}/{count}")]);

        // Act
        var found = router.TryMatch(method, path, out var route, out var parameters);

        // Assert
        found.Should().BeFalse();
        route.Should().BeNull();
        parameters.Should().BeEmpty();
    }
}
