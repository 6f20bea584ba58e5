using System.IO.Pipelines;
using HemSim.Transport.Links;

namespace HemSim.Transport.Tests.Links;

[TestClass]
public sealed class InMemoryLinkContractTests : LinkContractTests
{
    protected override Task<LinkEnds> OpenAsync()
    {
        (IDuplexPipe host, IDuplexPipe device) = InMemoryLink.CreatePair();
        return Task.FromResult(new LinkEnds(host, null, device, null));
    }
}
