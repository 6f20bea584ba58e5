using HemSim.Firmware.Audit;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>C1 <c>POST /api/crypto/hmac/hash</c> (spec §13.1). NOT IMPLEMENTED YET (stub).</summary>
internal static class CryptoHmacHash
{
    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/hmac/hash", AuditEvent.CryptoHmacHash, Handle, EndpointFlags.PlainHttpIsWrongState);

    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.InternalError);
}
