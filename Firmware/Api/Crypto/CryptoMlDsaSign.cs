using HemSim.Firmware.Audit;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>C12 <c>POST /api/crypto/pqc/mldsa/sign</c> (spec §13.12). NOT IMPLEMENTED YET (stub).</summary>
internal static class CryptoMlDsaSign
{
    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/pqc/mldsa/sign", AuditEvent.CryptoPqcMldsaSign, Handle);

    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.InternalError);
}
