using HemSim.Firmware.Audit;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>C10 <c>POST /api/crypto/pqc/mlkem/encaps</c> (spec §13.10). NOT IMPLEMENTED YET (stub).</summary>
internal static class CryptoMlKemEncaps
{
    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/pqc/mlkem/encaps", AuditEvent.CryptoPqcMlkemEncaps, Handle);

    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.InternalError);
}
