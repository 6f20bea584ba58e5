using FluentAssertions;
using HemSim.HostBridge.Http;

namespace HemSim.HostBridge.Tests.Http;

[TestClass]
public sealed class BodyLimitsTests
{
    [TestMethod]
    [DataRow("/api/system/checkin", 7300)]
    [DataRow("/api/auth/token", 7300)]
    [DataRow("/api/system/upgrade/check_fw", 7300)]
    [DataRow("/api/system/upgrade/upload_fw", 16 * 1024 * 1024)]
    [DataRow("/api/system/upgrade/upload_ui", 16 * 1024 * 1024)]
    [DataRow("/api/system/upgrade/upload_bootldr", 16 * 1024 * 1024)]
    public void Limit_depends_on_the_path(string path, int expected)
    {
        BodyLimits.For(path).Should().Be(expected);
    }
}
