using HemSim.Firmware.Audit;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>C7 <c>POST /api/crypto/cipher/wrap</c> (spec §13.7). NOT IMPLEMENTED YET (stub).</summary>
internal static class CryptoWrap
{
    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/cipher/wrap", AuditEvent.CryptoWrap, Handle);

    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.InternalError);
}
