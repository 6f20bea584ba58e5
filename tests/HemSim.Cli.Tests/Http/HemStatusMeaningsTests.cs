using FluentAssertions;
using HemSim.Cli.Http;

namespace HemSim.Cli.Tests.Http;

[TestClass]
public sealed class HemStatusMeaningsTests
{
    [TestMethod]
    [DataRow(400, "malformed request")]
    [DataRow(401, "unauthorised")]
    [DataRow(403, "forbidden")]
    [DataRow(404, "not found")]
    [DataRow(406, "operation failed (e.g. keystore full)")]
    [DataRow(409, "wrong state")]
    [DataRow(410, "key repository not ready")]
    [DataRow(411, "length required")]
    [DataRow(412, "origin rejected")]
    [DataRow(413, "request too large")]
    [DataRow(418, "TLS required — use https")]
    [DataRow(421, "misdirected: no such chip")]
    [DataRow(500, "internal device error")]
    [DataRow(501, "flash error")]
    [DataRow(503, "device unavailable")]
    [DataRow(505, "flash error")]
    [DataRow(795, "unexpected status")]
    public void Every_spec_status_has_its_device_meaning(int status, string meaning)
    {
        HemStatusMeanings.Describe(status).Should().StartWith(meaning);
    }
}
