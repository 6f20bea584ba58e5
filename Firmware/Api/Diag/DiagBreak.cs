using HemSim.Firmware.Routing;
using HemSim.Firmware.SelfTest;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Diag;

/// <summary>
/// G3 <c>GET /api/diag/break_temp</c> (spec §16): fakes a temperature-sensor failure. 200 empty; 404 on a production
/// build. SIM (deterministic, see <see cref="DiagFaults"/>): the monitor pass runs at once, so bit 0x04 is latched and
/// <c>NON_SECURE_STATE</c> logged before the reply; after <c>disable_selftest</c> only the next explicit self-test
/// latches it. Every later self-test of this boot finds it again.
/// </summary>
internal static class DiagBreakTemp
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/diag/break_temp", Access.Public, DiagEndpoint.Flags, Handle);

    private static Reply Handle(RequestContext context)
    {
        var diag = context.Device.Boot.Diag;
        diag.TemperatureBroken = true;
        if (!diag.PeriodicDisabled)
        {
            context.Device.LatchFault(FaultBits.Temperature);
        }
        return Reply.Of(ApiStatus.Ok);
    }
}

/// <summary>
/// G4 <c>GET /api/diag/break_trng</c> (spec §16): answers the TRNG diagnostic state as it was before the call, then
/// breaks the TRNG. 200 <c>{"mode","last_ts","last_val"}</c>; 404 on a production build. SIM: <c>mode</c> 0 healthy,
/// 1 broken; <c>last_ts</c> the time of the latest entropy test (the latest self-test); <c>last_val</c> the Shannon
/// entropy of the latest <c>test_trng</c> sample in milli-bits per byte (0 before one, and once broken). The modelled
/// monitor pass runs at once (see <see cref="DiagFaults"/>): bit 0x02, <c>TRNG_FAILED</c> and <c>NON_SECURE_STATE</c>
/// are logged before the reply; after <c>disable_selftest</c> the next explicit self-test does it. From now on every
/// self-test fails its entropy test and <c>test_trng</c> answers 400, until reboot.
/// </summary>
internal static class DiagBreakTrng
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/diag/break_trng", Access.Public, DiagEndpoint.Flags, Handle);

    private static Reply Handle(RequestContext context)
    {
        var device = context.Device;
        var diag = device.Boot.Diag;
        var mode = diag.TrngBroken ? 1 : 0;
        var lastTs = device.Boot.SelfTest.EntropyTestTs;
        var lastVal = diag.LastEntropyMilliBits;
        var reply = Reply.Json(w =>
        {
            w.WriteNumber("mode", mode);
            w.WriteNumber("last_ts", lastTs);
            w.WriteNumber("last_val", lastVal);
        });
        diag.TrngBroken = true;
        diag.LastEntropyMilliBits = 0;
        if (!diag.PeriodicDisabled)
        {
            device.LatchFault(FaultBits.Entropy);
        }
        return reply;
    }
}

/// <summary>
/// G5 <c>GET /api/diag/break_tls</c> (spec §16): arms a TLS-layer fault until reboot. 200 empty; 404 on a production
/// build. SIM: sets <see cref="DiagFaults.TlsBroken"/>; the device's TLS identity then carries the "TLS fault armed"
/// flag (PROTOCOL.md §6.5), and the bridge, which terminates the device's TLS, lets 5 more handshakes succeed and then
/// aborts every 2nd one (deterministic), so [T]'s "at least 1 of 20 connections fails" holds. Nothing is latched in
/// <c>fls_state</c> and nothing is logged.
/// </summary>
internal static class DiagBreakTls
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/diag/break_tls", Access.Public, DiagEndpoint.Flags, Handle);

    private static Reply Handle(RequestContext context)
    {
        context.Device.Boot.Diag.TlsBroken = true;
        return Reply.Of(ApiStatus.Ok);
    }
}

/// <summary>
/// G6 <c>GET /api/diag/disable_selftest</c> (spec §16): stops the periodic self-tests until reboot. 200 empty; 404 on
/// a production build. SIM: the simulator's only periodic test is the modelled monitor pass that makes
/// <c>break_temp</c> and <c>break_trng</c> latch at once (see <see cref="DiagFaults"/>); once disabled they only arm,
/// and an explicit <c>GET /api/system/selftest</c> (a full run, still working) latches what is armed.
/// </summary>
internal static class DiagDisableSelfTest
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/diag/disable_selftest", Access.Public, DiagEndpoint.Flags, Handle);

    private static Reply Handle(RequestContext context)
    {
        context.Device.Boot.Diag.PeriodicDisabled = true;
        return Reply.Of(ApiStatus.Ok);
    }
}

/// <summary>
/// G7 <c>GET /api/diag/wipe_config</c> (spec §16): no confirmation. 200 empty and the connection closes; then the
/// configuration, key store and identity are erased and the device reboots fresh (as <c>wipeout</c>, spec §11.6);
/// 404 on a production build. Nothing is logged: the audit files are kept, as by <c>wipeout</c>.
/// </summary>
internal static class DiagWipeConfig
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/diag/wipe_config", Access.Public, DiagEndpoint.Flags, Handle);

    private static Reply Handle(RequestContext context)
    {
        context.Device.Erase();
        return Reply.Of(ApiStatus.Ok) with { Flags = Device.ResponseFlags.CloseConnection | Device.ResponseFlags.RebootAfterReply };
    }
}
