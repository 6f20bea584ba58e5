using System.Text.Json;
using HemSim.Firmware.Audit;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Config;
using HemSim.Firmware.Device;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;
using HemSim.Firmware.Tls;

namespace HemSim.Firmware.Api.System;

/// <summary>
/// S6 <c>POST /api/system/config</c> (spec §11.6); plain HTTP allowed; 409 while a fault is latched.
/// <para>Fresh device: no token. The body must hold a <c>tls</c> object, installed as the initial TLS bundle and
/// served by the HTTPS server at once (no reboot) → 200 empty. 406 <c>tls</c> absent; 400 body not JSON, or a <c>tls</c> that is not an installable object (SIM choice:
/// the same validation as on an initialised device, since a bundle that cannot be installed is malformed input).</para>
/// <para>Initialised: scope prefix <c>system:config</c>, roles U and M. Every present field is validated first; any
/// failure → 400 <c>{"updated":false}</c> and nothing changes. Then the rotation proof (406), then the changes:
/// 200 <c>{updated, reboot_required?, csr?, genuine?}</c>, <c>uts</c> bumped when a stored setting changed;
/// <c>reboot_required</c> only when <c>tls</c> changed the stored key or certificate (re-posting the stored bundle
/// is no change).
/// <c>wipeout:true</c> → 200 empty, then wipe and reboot. External app: 406 for <c>wipeout</c> and rotation (§22 #23),
/// 403 for everything else (§5.3: external apps may only read the configuration).</para>
/// <para>Audit: CONFIG_UPDATED OK on 200 (subject U/M), FAILED on 406; FAILED_SCOPE_CHECK on 403. None on 400.</para>
/// </summary>
internal static class SystemConfigPost
{
    // Role.Any: the pipeline checks the scope; the handler refuses external apps itself, because [Y] answers them
    // 406 for wipeout and rotation but 403 otherwise — and an unparseable body from them is 403 too (the role is
    // refused before the body, §3.3). The outcome line is written here: the spec logs no 400.
    public static readonly EndpointDescriptor Descriptor = new(
        "POST", "/api/system/config",
        Access.ScopedUnlessFresh(Role.Any, "system:config") with { RolesDecidedByBody = Role.External },
        EndpointFlags.JsonBody, Handle);

    private static Reply Handle(RequestContext context)
    {
        if (!context.Device.IsInitialised)
        {
            return Fresh(context);
        }
        var root = context.Body.Root;
        if (context.Token!.Role == Role.External)
        {
            var privileged = (root.TryGetProperty("wipeout", out var w) && w.ValueKind == JsonValueKind.True)
                || SystemConfigSupport.TryMember(root, "userkey", out _)
                || SystemConfigSupport.TryMember(root, "userkey_hmac", out _)
                || SystemConfigSupport.TryMember(root, "userkey_nonce", out _);
            return privileged ? Failed(context) : ScopeCheck.Refuse(context, context.Token);
        }
        if (SystemConfigChange.TryRead(root, context.Device) is not { } change)
        {
            return NotUpdated(ApiStatus.Malformed);
        }
        if (change.Wipeout)
        {
            return Wipeout(context);
        }
        if (change.Rotation is { } rotation && !rotation.Verify(context.Device, context.Monotonic))
        {
            return Failed(context);
        }
        return Apply(context, change);
    }

    /// <summary>Spec §11.6 (a): the initial TLS bundle of a factory-fresh device.</summary>
    private static Reply Fresh(RequestContext context)
    {
        if (!SystemConfigSupport.TryMember(context.Body.Root, "tls", out var tls))
        {
            return Failed(context);
        }
        if (tls.ValueKind != JsonValueKind.Object || !TlsIdentity.IsValidBundle(context.Device, tls))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        TlsIdentity.Install(context.Device, tls);
        // Spec §11.6 (a): "stored as the initial TLS bundle and the HTTPS server starts" — served this boot.
        TlsIdentity.ServeStored(context.Device);
        // No token on a fresh device, so the line has an empty subject, like the boot lines.
        context.Audit(AuditEvent.ConfigUpdated, AuditResult.Ok, []);
        return Reply.Of(ApiStatus.Ok);
    }

    /// <summary>
    /// Spec §4 wipe: the line is logged and the flash erased before the reply (an acknowledged change is committed
    /// first), then the device reboots into the fresh state with a new identity (§22 #30). The log survives.
    /// </summary>
    private static Reply Wipeout(RequestContext context)
    {
        context.Audit(AuditEvent.ConfigUpdated, AuditResult.Ok, []);
        context.Device.Erase();
        return Reply.Of(ApiStatus.Ok) with { Flags = ResponseFlags.CloseConnection | ResponseFlags.RebootAfterReply };
    }

    private static Reply Apply(RequestContext context, SystemConfigChange change)
    {
        var device = context.Device;
        // The TLS identity goes first, and the configuration is read after it, so that whatever Install stores is
        // never overwritten by an older copy.
        // A re-post of the stored bundle is no change: no reboot_required, no uts bump.
        var installsTls = change.Tls is not null;
        var tlsChanged = installsTls && TlsIdentity.Install(device, change.Tls!.Value);
        var current = device.Config!;
        var before = current.Serialize();
        var next = DeviceConfig.Deserialize(before);
        change.ApplyTo(next);
        if (change.Rotation is { } rotation)
        {
            next.UserKey = rotation.UserKey;
        }
        var updated = tlsChanged || !before.AsSpan().SequenceEqual(next.Serialize());
        if (updated)
        {
            // Spec §11.5: uts strictly increases on every persisted change, even when the clock has not moved.
            next.Uts = context.Now > current.Uts ? context.Now : current.Uts + 1;
            device.SaveConfig(next);
        }
        // gen_csr is ignored when TLS material comes in the same call (spec §11.6).
        string? csr = null, genuine = null;
        if (change.GenCsr && !installsTls)
        {
            csr = TlsIdentity.CreateCsrPem(device);
            genuine = device.Attestation.GenuineToken(context.Now);
        }
        context.Audit(AuditEvent.ConfigUpdated, AuditResult.Ok, []);
        return Reply.Json(w =>
        {
            w.WriteBoolean("updated", updated);
            if (tlsChanged)
            {
                w.WriteBoolean("reboot_required", true);
            }
            if (csr is not null)
            {
                w.WriteString("csr", csr);
                w.WriteString("genuine", genuine);
            }
        });
    }

    private static Reply Failed(RequestContext context)
    {
        context.Audit(AuditEvent.ConfigUpdated, AuditResult.Failed, []);
        return Reply.Of(ApiStatus.OperationFailed);
    }

    /// <summary>Spec §3.4: a 400 here carries the 200 shape.</summary>
    private static Reply NotUpdated(ApiStatus status) =>
        Reply.Json(w => w.WriteBoolean("updated", false)) with { Status = status };
}
