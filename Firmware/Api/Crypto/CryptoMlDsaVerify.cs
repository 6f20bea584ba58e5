using HemSim.Firmware.Audit;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>C13 <c>POST /api/crypto/pqc/mldsa/verify</c> (spec §13.13). NOT IMPLEMENTED YET (stub).</summary>
internal static class CryptoMlDsaVerify
{
    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/pqc/mldsa/verify", AuditEvent.CryptoPqcMldsaVerify, Handle);

    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.InternalError);
}
