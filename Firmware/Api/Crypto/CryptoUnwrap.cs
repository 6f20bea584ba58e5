using HemSim.Firmware.Audit;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>C8 <c>POST /api/crypto/cipher/unwrap</c> (spec §13.8). NOT IMPLEMENTED YET (stub).</summary>
internal static class CryptoUnwrap
{
    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/cipher/unwrap", AuditEvent.CryptoUnwrap, Handle);

    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.InternalError);
}
