using System.Text.Json;
using HemSim.Firmware.Audit;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Config;
using HemSim.Firmware.Device;
using HemSim.Firmware.Json;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;
using HemSim.Firmware.Tls;

namespace HemSim.Firmware.Api.Auth;

/// <summary>
/// A4 <c>POST /api/auth/init</c> — provisioning (spec §7, §10 A4). Body <c>{"init":"&lt;eJWT with cfg&gt;"}</c>,
/// signed with X25519(master, spk); no role check. Writes the configuration and answers
/// <c>{instanceid, token, genuine, csr?}</c> (csr with <c>cfg.gen_csr</c>: PEM PKCS#10 for the device TLS key); the token has scope <c>system:config</c>, sub <c>U</c>, 8 h.
/// 406 already initialised; 403 RTC unset; 400 body, <c>init</c> or <c>cfg</c> missing, a required cfg
/// field missing or invalid, or <c>cfg.masterkey</c> ≠ <c>iss</c> (§22 #18); 401 proof rejected.
/// </summary>
internal static class AuthInit
{
    public static readonly EndpointDescriptor Descriptor = new(
        "POST", "/api/auth/init", Access.Public, EndpointFlags.JsonBody, Handle);

    private static Reply Handle(RequestContext context)
    {
        var device = context.Device;
        if (AuthSupport.ProvisioningRefusal(context) is { } refusal)
        {
            return refusal;
        }
        if (!context.Body.TryGetString("init", out var init))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        var status = EjwtProof.Verify(
            init, NonceKind.Init, device.Boot.Nonces, context.Monotonic,
            device.Boot.SessionPublicText, device.Boot.SessionPrivate, _ => true, out var proof);
        if (status != ApiStatus.Ok)
        {
            return Reply.Of(status);
        }
        using (proof)
        {
            if (!proof!.Payload.TryGetObject("cfg", out var cfg)
                || !ProvisioningConfig.TryRead(cfg, proof.Issuer, device.Options.Variant == HardwareVariant.Ppa, context.Now, device.Entropy, out var config))
            {
                return Reply.Of(ApiStatus.Malformed);
            }
            device.SaveConfig(config!);
            device.Audit(AuditEvent.DeviceInited, AuditResult.Ok, "M", []);

            var jti = Base64Text.Encode(NonceStore.Create(context.Now, device.Entropy));
            var token = BearerToken.Mint(
                new TokenClaims("system:config", "U", context.Now, context.Now + BearerToken.DefaultLifetimeSeconds, jti, null),
                device.Boot.TokenKey);
            // Spec §7.3: with cfg.gen_csr the answer carries a CSR for the device's TLS key (made at first boot, see
            // TlsIdentity); genuine is sent in any case, as [T] test_2 reads it.
            var csr = cfg.TryGetProperty("gen_csr", out var genCsr) && genCsr.ValueKind == JsonValueKind.True
                ? TlsIdentity.CreateCsrPem(device)
                : null;
            return Reply.Json(w =>
            {
                w.WriteString("instanceid", config!.InstanceId);
                w.WriteString("token", token);
                w.WriteString("genuine", device.Attestation.GenuineToken(context.Now));
                if (csr is not null)
                {
                    w.WriteString("csr", csr);
                }
            });
        }
    }
}
