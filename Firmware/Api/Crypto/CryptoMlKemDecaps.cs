using HemSim.Firmware.Audit;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>C11 <c>POST /api/crypto/pqc/mlkem/decaps</c> (spec §13.11). NOT IMPLEMENTED YET (stub).</summary>
internal static class CryptoMlKemDecaps
{
    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/pqc/mlkem/decaps", AuditEvent.CryptoPqcMlkemDecaps, Handle);

    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.InternalError);
}
