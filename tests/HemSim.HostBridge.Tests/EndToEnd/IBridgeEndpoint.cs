namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>Where an end-to-end test sends requests: the bridge's one device, or one chip of an EPA rack.</summary>
internal interface IBridgeEndpoint
{
    Task<BridgeProcess.Reply> GetAsync(string path, string? token = null, bool tls = true);

    Task<BridgeProcess.Reply> PostAsync(string path, object body, string? token = null, bool tls = true);
}
