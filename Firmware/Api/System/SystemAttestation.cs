using HemSim.Firmware.Auth;
using HemSim.Firmware.Device;
using HemSim.Firmware.Json;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.System;

/// <summary>
/// S7 <c>GET /api/system/config/attestation</c> (spec §11.7, MSC builds only). Uninitialised: no token; otherwise
/// any valid token, scope not checked ([T] test_4: a <c>system:reboot</c> token gets 200). Statuses:
/// <list type="bullet">
/// <item>200 — certified secure element: <c>{"crt": b64 DER attestation certificate, "genuine"}</c>; factory-fresh
/// one (no certificate yet): <c>{"csr": PEM, "key": b64 DER SubjectPublicKeyInfo, "genuine"}</c>.</item>
/// <item>401 — initialised device and no token (or an invalid one, §3.3).</item>
/// <item>404 — EPA build.</item>
/// <item>409 — a fault is latched ([T] test_4 after <c>break_temp</c>).</item>
/// </list>
/// The certificate chains to the published HemSim attestation test root (Tls/AttestationRoot.cs).
/// </summary>
internal static class SystemAttestation
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/system/config/attestation", Access.ScopedUnlessFresh(Role.Any), EndpointFlags.MscOnly, Handle);

    private static Reply Handle(RequestContext context)
    {
        var device = context.Device;
        var genuine = device.Attestation.GenuineToken(context.Now);
        if (Attestation.ReadCertificate(device.Flash) is { } certificate)
        {
            return Reply.Json(w =>
            {
                w.WriteString("crt", Base64Text.Encode(certificate));
                w.WriteString("genuine", genuine);
            });
        }
        var csr = device.Attestation.CreateCsrPem();
        var key = device.Attestation.PublicKeyDer();
        return Reply.Json(w =>
        {
            w.WriteString("csr", csr);
            w.WriteString("key", Base64Text.Encode(key));
            w.WriteString("genuine", genuine);
        });
    }
}
