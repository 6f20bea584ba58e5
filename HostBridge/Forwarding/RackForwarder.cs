using System.Text;
using HemSim.HostBridge.Http;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace HemSim.HostBridge.Forwarding;

/// <summary>
/// The end of the pipeline for a rack: the chip the <c>Host</c> header names (<see cref="ChipAddress"/>) gets the
/// request, through its own <see cref="DeviceForwarder"/>; the request is passed on unchanged, <c>Host</c> included,
/// so each chip answers <c>hostname</c> in its status by its own configuration (spec §11.1).
/// </summary>
/// <remarks>
/// <para>A request that names no chip of the rack gets <b>421 Misdirected Request</b> (RFC 9110 §15.5.20: "the request
/// was directed at a server that is unable or unwilling to produce an authoritative response for the target URI"),
/// which is exactly the case: the bridge serves only <c>c1</c>…<c>cN</c>. 404 would read as "no such endpoint" and 400
/// as a malformed request; neither is true. The short plain-text body tells a person which names work. A rack of one
/// chip never answers 421: every request goes to the one device, as before racks existed.</para>
/// <para>Over HTTPS the handshake already chose a chip's certificate by SNI (<c>BridgeHost</c>). When the SNI names
/// chip i and <c>Host</c> names chip j, chip j must not answer over chip i's identity: 421 too, the status RFC 9110
/// §15.5.20 gives for a connection reused for another authority. No SNI, or an SNI that names no chip (an IP address,
/// another name), leaves the choice to <c>Host</c>: such a client cannot be told apart and got chip 1's certificate.</para>
/// </remarks>
/// <param name="domain">The bridge's <c>--hostname</c>, the rack's domain, named in the 421 body.</param>
internal sealed class RackForwarder(IReadOnlyList<DeviceForwarder> chips, string domain)
{
    /// <summary>RFC 9110 §15.5.20, the one status a rack adds to those of <see cref="BridgeStatus"/>.</summary>
    public const int MisdirectedRequest = 421;

    public Task InvokeAsync(HttpContext context)
    {
        if (!ChipAddress.TryFind(context.Request.Headers.Host.ToString(), chips.Count, out int chip))
        {
            return Misdirected(context, $"This HemSim bridge serves an EPA rack of {chips.Count} chips: address one by host name, " +
                $"c1.{domain} ... c{chips.Count}.{domain} (c<i>.<any domain> works too, e.g. Host: c1.localhost).\n");
        }
        if (context.Request.IsHttps && ChipAddress.TryFind(ServerName(context), chips.Count, out int tlsChip) && tlsChip != chip)
        {
            return Misdirected(context, $"The Host header names chip c{chip}, another chip than the TLS server name (SNI) " +
                $"c{tlsChip} this connection was opened for: connect again with the name of the chip you address.\n");
        }
        return chips[chip - 1].InvokeAsync(context);
    }

    /// <summary>The SNI of the TLS handshake, or null (none sent, or plain HTTP).</summary>
    private static string? ServerName(HttpContext context) =>
        context.Features.Get<ITlsHandshakeFeature>()?.HostName is { Length: > 0 } name ? name : null;

    private static Task Misdirected(HttpContext context, string help) =>
        FramedResponse.WriteAsync(context, MisdirectedRequest, Encoding.UTF8.GetBytes(help), "text/plain; charset=utf-8");
}
