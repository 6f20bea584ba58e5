using HemSim.Firmware.Audit;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>C2 <c>POST /api/crypto/hmac/verify</c> (spec §13.2). NOT IMPLEMENTED YET (stub).</summary>
internal static class CryptoHmacVerify
{
    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/hmac/verify", AuditEvent.CryptoHmacVerify, Handle);

    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.InternalError);
}
