using FluentAssertions;
using HemSim.Firmware.Routing;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Routing;

[TestClass]
public sealed class CorsPolicyTests
{
    [TestMethod]
    [DataRow("*", "https://anything.example", true)]
    [DataRow("https://a.example", "https://a.example", true)]
    [DataRow("https://a.example", "https://A.EXAMPLE", true)]
    [DataRow("https://a.example", "http://a.example", false)]
    [DataRow("https://a.example", "https://a.example:8443", false)]
    [DataRow("*.example.com", "https://x.example.com", true)]
    [DataRow("*.example.com", "http://deep.x.example.com:8080", true)]
    [DataRow("*.example.com", "https://example.com", false)]
    [DataRow("*.example.com", "https://badexample.com", false)]
    [DataRow("*.example.com", "not an origin", false)]
    [DataRow("https://a.example,https://b.example", "https://b.example", true)]
    [DataRow("https://a.example https://b.example", "https://b.example", true)]
    [DataRow("https://a.example, *.c.example", "https://x.c.example", true)]
    [DataRow("https://a.example,https://b.example", "https://c.example", false)]
    [DataRow("", "https://a.example", false)]
    public void Cors_policy_allows_exact_wildcard_and_listed_origins(string allowList, string origin, bool allowed)
    {
        // Act
        var result = CorsPolicy.IsAllowed(allowList, origin);

        // Assert
        result.Should().Be(allowed);
    }
}
