using HemSim.Firmware.Audit;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>C3 <c>POST /api/crypto/exdsa/sign</c> (spec §13.3). NOT IMPLEMENTED YET (stub).</summary>
internal static class CryptoExdsaSign
{
    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/exdsa/sign", AuditEvent.CryptoExdsaSign, Handle);

    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.InternalError);
}
