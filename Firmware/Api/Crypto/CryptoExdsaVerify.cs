using HemSim.Firmware.Audit;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>C4 <c>POST /api/crypto/exdsa/verify</c> (spec §13.4). NOT IMPLEMENTED YET (stub).</summary>
internal static class CryptoExdsaVerify
{
    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/exdsa/verify", AuditEvent.CryptoExdsaVerify, Handle);

    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.InternalError);
}
