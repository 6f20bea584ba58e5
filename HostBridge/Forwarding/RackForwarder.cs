using System.Text;
using HemSim.HostBridge.Http;
using Microsoft.AspNetCore.Http;

namespace HemSim.HostBridge.Forwarding;

/// <summary>
/// The end of the pipeline for a rack: the chip the <c>Host</c> header names (<see cref="ChipAddress"/>) gets the
/// request, through its own <see cref="DeviceForwarder"/>; the request is passed on unchanged, <c>Host</c> included,
/// so each chip answers <c>hostname</c> in its status by its own configuration (spec §11.1).
/// </summary>
/// <remarks>
/// A request that names no chip of the rack gets <b>421 Misdirected Request</b> (RFC 9110 §15.5.20: "the request was
/// directed at a server that is unable or unwilling to produce an authoritative response for the target URI"), which
/// is exactly the case: the bridge serves only <c>c1</c>…<c>cN</c>. 404 would read as "no such endpoint" and 400 as a
/// malformed request; neither is true. The short plain-text body tells a person which names work. A rack of one chip
/// never answers 421: every request goes to the one device, as before racks existed.
/// </remarks>
/// <param name="domain">The bridge's <c>--hostname</c>, the rack's domain, named in the 421 body.</param>
internal sealed class RackForwarder(IReadOnlyList<DeviceForwarder> chips, string domain)
{
    /// <summary>RFC 9110 §15.5.20, the one status a rack adds to those of <see cref="BridgeStatus"/>.</summary>
    public const int MisdirectedRequest = 421;

    public Task InvokeAsync(HttpContext context)
    {
        if (ChipAddress.TryFind(context.Request.Headers.Host.ToString(), chips.Count, out int chip))
        {
            return chips[chip - 1].InvokeAsync(context);
        }
        string help = $"This HemSim bridge serves an EPA rack of {chips.Count} chips: address one by host name, " +
            $"c1.{domain} ... c{chips.Count}.{domain} (c<i>.<any domain> works too, e.g. Host: c1.localhost).\n";
        return FramedResponse.WriteAsync(context, MisdirectedRequest, Encoding.UTF8.GetBytes(help), "text/plain; charset=utf-8");
    }
}
