using HemSim.Firmware.Audit;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>C9 <c>POST /api/crypto/ecdh</c> (spec §13.9). NOT IMPLEMENTED YET (stub).</summary>
internal static class CryptoEcdh
{
    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/ecdh", AuditEvent.CryptoEcdh, Handle);

    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.InternalError);
}
