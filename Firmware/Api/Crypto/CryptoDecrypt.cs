using HemSim.Firmware.Audit;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>C6 <c>POST /api/crypto/cipher/decrypt</c> (spec §13.6). NOT IMPLEMENTED YET (stub).</summary>
internal static class CryptoDecrypt
{
    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/cipher/decrypt", AuditEvent.CryptoDecrypt, Handle);

    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.InternalError);
}
