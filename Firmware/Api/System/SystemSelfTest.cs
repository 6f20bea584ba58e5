using HemSim.Firmware.Auth;
using HemSim.Firmware.Device;
using HemSim.Firmware.Routing;
using HemSim.Firmware.SelfTest;

namespace HemSim.Firmware.Api.System;

/// <summary>
/// S16 <c>GET /api/system/selftest</c> (spec §11.16, §20). Uninitialised: no token. Otherwise any valid token; its
/// scope is not checked (spec §5.4). Works over HTTP and while a fault is latched ([T] reads <c>fls_state</c> here
/// after injecting faults). Runs the whole battery synchronously (<see cref="RuntimeSelfTest"/>: the known-answer
/// tests of every family, the entropy source's health, the key repository's integrity), latches what fails and
/// answers what it found.
/// </summary>
/// <remarks>
/// Statuses: 200 with the result; 401 no token on an initialised device, or an invalid token (pre-check); 412 origin
/// refused (pipeline). Never 403 or 409 ([N] removed both). The KAT is synchronous, so <c>kat_busy</c> is never sent
/// (spec §11.16 lists it only while a background KAT runs). The <c>last_*</c> fields describe the self-test before
/// this one — the power-up self-test for the first call of a boot — as in the vendor's sample, where
/// <c>last_entropytest_ts</c> predates <c>selftest_ts</c>. Times are Unix seconds, or seconds since boot while the
/// RTC is unset. Audit lines: those of <see cref="RuntimeSelfTest.Run"/>; the request itself logs nothing.
/// </remarks>
internal static class SystemSelfTest
{
    /// <summary><c>se_state</c> of the simulated secure element: always healthy (spec §11.16, MSC only).</summary>
    public const int SecureElementOk = 0;

    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/system/selftest", Access.ScopedUnlessFresh(Role.Any), EndpointFlags.AllowedWhileFaulted, Handle);

    private static Reply Handle(RequestContext context)
    {
        var device = context.Device;
        var previous = device.Boot.SelfTest;
        var stats = RuntimeSelfTest.Run(device, context.Now);
        return Reply.Json(w =>
        {
            w.WriteNumber("last_selftest_ts", previous.Ts);
            w.WriteNumber("last_fls_state", previous.FlsState);
            w.WriteNumber("last_entropytest_ts", previous.EntropyTestTs);
            w.WriteNumber("last_kat_ts", previous.KatTs);
            w.WriteNumber("fls_state", device.Boot.FaultState);
            w.WriteNumber("selftest_ts", device.Boot.SelfTest.Ts);
            w.WriteStartObject("repo_stats");
            w.WriteNumber("total", stats.Total);
            w.WriteNumber("deleted", stats.Deleted);
            w.WriteNumber("invalid", stats.Invalid);
            w.WriteNumber("fragmented", stats.Fragmented);
            w.WriteNumber("freeslots", stats.FreeSlots);
            w.WriteEndObject();
            if (device.Options.Variant == HardwareVariant.Ppa)
            {
                w.WriteNumber("se_state", SecureElementOk);
            }
        });
    }
}
