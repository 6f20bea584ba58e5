using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HemSim.Firmware.Device;
using HemSim.Firmware.Json;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.System;

/// <summary>
/// S8 <c>POST /api/system/config/provisioning</c> (spec §11.8, MSC builds only; the factory step): stores the
/// attestation certificate <c>{"genuine": token from S7, "crt": b64 DER}</c> on a secure element that has none.
/// No token needed. Statuses, in the order they are decided:
/// <list type="bullet">
/// <item>400 — the body is not a JSON object.</item>
/// <item>403 — the device is initialised ([T] test_4 posts <c>"not_importand"</c> fields and expects 403, so this
/// comes before the field checks).</item>
/// <item>400 — <c>genuine</c> is not a three-part token, or <c>crt</c> is not b64 DER of a certificate.</item>
/// <item>406 — a certificate is already stored; <c>genuine</c> is not this secure element's (SKI or signature);
/// the certificate is for another public key.</item>
/// <item>404 — EPA build. 409 — a fault is latched.</item>
/// <item>200 — stored; empty body. It survives wipes, as the secure element does.</item>
/// </list>
/// </summary>
internal static class SystemProvisioning
{
    public static readonly EndpointDescriptor Descriptor = new(
        "POST", "/api/system/config/provisioning", Access.Public, EndpointFlags.MscOnly | EndpointFlags.JsonBody, Handle);

    private static Reply Handle(RequestContext context)
    {
        var device = context.Device;
        if (device.IsInitialised)
        {
            return Reply.Of(ApiStatus.Forbidden);
        }
        if (!context.Body.TryGetString("genuine", out var genuine)
            || genuine.Split('.').Length != 3
            || !context.Body.TryGetString("crt", out var crtText)
            || !TryLoadCertificate(crtText, out var der, out var certificate))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        using (certificate)
        {
            if (Attestation.ReadCertificate(device.Flash) is not null
                || !device.Attestation.IsOwnGenuineToken(genuine)
                || !device.Attestation.Certifies(certificate))
            {
                return Reply.Of(ApiStatus.OperationFailed);
            }
        }
        device.Flash.WriteBlob(Attestation.CertificateBlob, der);
        return Reply.Of(ApiStatus.Ok);
    }

    private static bool TryLoadCertificate(string text, out byte[] der, out X509Certificate2 certificate)
    {
        der = [];
        certificate = null!;
        if (!Base64Text.TryDecode(text, out var bytes) || bytes.Length == 0 || bytes[0] != 0x30)
        {
            return false;
        }
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(bytes);
            der = bytes;
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
