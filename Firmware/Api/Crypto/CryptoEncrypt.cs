using HemSim.Firmware.Audit;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>C5 <c>POST /api/crypto/cipher/encrypt</c> (spec §13.5). NOT IMPLEMENTED YET (stub).</summary>
internal static class CryptoEncrypt
{
    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/cipher/encrypt", AuditEvent.CryptoEncrypt, Handle);

    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.InternalError);
}
