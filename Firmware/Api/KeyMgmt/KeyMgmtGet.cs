using HemSim.Firmware.Auth;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Json;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.KeyMgmt;

/// <summary>
/// K5 <c>GET /api/keymgmt/get/{kid}</c> (spec §12.5). Scope prefix <c>keymgmt:get</c> or <c>keymgmt:gen</c>,
/// or exactly <c>keymgmt:use:</c> + the path kid as sent (§3.9: exact string compare, so a token for the
/// lowercase kid does not cover an uppercase path); roles U and external app (M → 403); HTTPS only (418);
/// 409 uninitialised or faulted. 400: the kid is not exactly 32 hex characters (either case). 406: no valid
/// key has that kid. 200 <c>{type, pubkey?, der?, updated, descr?}</c>; secret material never leaves.
/// Nothing is audited but 403.
/// </summary>
internal static class KeyMgmtGet
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/keymgmt/get/{kid}",
        Access.Scoped(Role.User | Role.External, "keymgmt:get", "keymgmt:gen") with { KeyUseFromPath = true },
        EndpointFlags.HttpsOnly | EndpointFlags.RequiresInitialised, Handle);

    private static Reply Handle(RequestContext context)
    {
        if (!Kid.TryParse(context.PathParameters[0], out var kid))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        if (!context.Device.Keys.TryFind(kid, out var record))
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        var type = (KeyType)record.KeyType;
        var flags = (KeyFlags)record.Flags;
        return Reply.Json(w =>
        {
            w.WriteString("type", AlgorithmName(type, flags));
            // §17.5: the stored public key is already in its wire encoding (compressed for SECP*).
            if (KeyTypes.IsAsymmetric(type) && record.PublicKey.Length > 0)
            {
                w.WriteString("pubkey", Base64Text.Encode(record.PublicKey));
            }
            // A certificate record keeps its DER as public bytes; a private DER key returns no der (SIM).
            if (type == KeyType.GenericDer && !flags.HasFlag(KeyFlags.Pkey) && record.PublicKey.Length > 0)
            {
                w.WriteString("der", Base64Text.Encode(record.PublicKey));
            }
            w.WriteNumber("updated", record.Updated);
            if (record.Descr.Length > 0)
            {
                w.WriteString("descr", Base64Text.Encode(record.Descr));
            }
        });
    }

    /// <summary>
    /// The algorithm name alone (§22 #7), not the attribute string. DER records are named by what they hold,
    /// as §12.5's examples <c>CERT</c> and <c>DER_PKEY</c> show; any other DER record keeps <c>GENERIC_DER</c>.
    /// </summary>
    private static string AlgorithmName(KeyType type, KeyFlags flags) => type switch
    {
        KeyType.GenericDer when flags.HasFlag(KeyFlags.Cert) => "CERT",
        KeyType.GenericDer when flags.HasFlag(KeyFlags.Pkey) => "DER_PKEY",
        _ => KeyTypes.WireName(type),
    };
}
