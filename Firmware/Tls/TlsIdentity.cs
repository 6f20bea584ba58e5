using System.Text.Json;
using HemSim.Firmware.Device;

namespace HemSim.Firmware.Tls;

/// <summary>
/// The device's TLS identity (spec §11.6 <c>tls</c>/<c>gen_csr</c>, §17.6): its private key and certificate live in
/// the device's flash, not in the bridge. NOT IMPLEMENTED YET (stub): the contract the config handler calls.
/// </summary>
internal static class TlsIdentity
{
    /// <summary>Validation phase of <c>POST /api/system/config</c>: true when the <c>tls</c> object can be installed.</summary>
    public static bool IsValidBundle(JsonElement tls) => false;

    /// <summary>Apply phase: installs a bundle that passed <see cref="IsValidBundle"/>; the answer then says <c>reboot_required</c>.</summary>
    public static void Install(DeviceCore device, JsonElement tls) =>
        throw new NotImplementedException("TLS identity is not implemented yet.");

    /// <summary>A PEM PKCS#10 request for the stored TLS key, subject CN = the configured hostname (<c>gen_csr</c>).</summary>
    public static string CreateCsrPem(DeviceCore device) =>
        throw new NotImplementedException("TLS identity is not implemented yet.");
}
