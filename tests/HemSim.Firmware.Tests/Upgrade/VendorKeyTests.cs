using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using HemSim.Firmware.Upgrade;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Upgrade;

[TestClass]
public sealed class VendorKeyTests
{
    [TestMethod]
    public void The_published_test_key_is_the_one_docs_UPGRADE_md_prints()
    {
        // docs/UPGRADE.md §2: seed = SHA-256("HemSim firmware signing key"), public key as printed there.
        VendorKey.TestSeed().Should().Equal(SHA256.HashData(Encoding.ASCII.GetBytes("HemSim firmware signing key")));
        Convert.ToBase64String(VendorKey.TestPublicKey).Should().Be("cfzj1ntPakIAw5SLfYxc5t3ynoKSjtOhfYPBT7kYI3o=");
    }
}
