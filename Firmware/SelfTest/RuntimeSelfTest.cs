using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HemSim.Firmware.Audit;
using HemSim.Firmware.Device;
using HemSim.Firmware.Entropy;
using HemSim.Firmware.Platform;

namespace HemSim.Firmware.SelfTest;

/// <summary>Counts of the key repository as the self-test found it (spec §17.7 <c>repo_stats</c>).</summary>
/// <param name="Total">Slots holding a record in use, integrity-failed ones included.</param>
/// <param name="Deleted">Slots holding a deleted record.</param>
/// <param name="Invalid">Records in use whose sealed key material does not unseal.</param>
/// <param name="Fragmented">
/// Deleted slots awaiting defragmentation. The simulated repository defragments a deleted slot only when it
/// reuses it, so every deleted slot is awaiting it: always equal to <paramref name="Deleted"/>.
/// </param>
/// <param name="FreeSlots">Slots never used.</param>
internal sealed record RepositoryStats(int Total, int Deleted, int Invalid, int Fragmented, int FreeSlots);

/// <summary>
/// The full self-test (spec §11.16, §20.2): the known-answer tests of every algorithm family, the entropy
/// source's health state and the key repository's integrity. Each failure latches its <see cref="FaultBits"/> bit
/// through <see cref="DeviceCore.LatchFault"/>, which logs <c>NON_SECURE_STATE</c> when the device enters the fault
/// state; nothing here ever clears a bit (only a boot does).
/// </summary>
/// <remarks>
/// The known-answer tests run synchronously, inside the request, so the answer never carries <c>kat_busy</c>:
/// the real firmware may leave its KAT running in the background and report <c>kat_busy:true</c>; the simulator's
/// whole battery takes milliseconds, and a client that polls while <c>kat_busy</c> is present simply stops at once.
/// </remarks>
internal static class RuntimeSelfTest
{
    /// <summary>
    /// Runs the whole battery at <paramref name="now"/> (device time: RTC or uptime), with the audit lines of
    /// spec §11.16: <c>TRNG_FAILED / OK</c> when the entropy source has failed, <c>KEY_INTEGRITY_ERROR</c> OK or
    /// FAILED. Records the run as the boot's latest self-test and returns the repository counts.
    /// </summary>
    public static RepositoryStats Run(DeviceCore device, long now)
    {
        if (!device.KnownAnswerTests())
        {
            device.LatchFault(FaultBits.KnownAnswer);
        }
        if (device.Boot.Diag.TrngBroken || EntropyFails(device.Entropy))
        {
            device.LatchFault(FaultBits.Entropy);    // logs TRNG_FAILED / OK, as every run that finds it does
        }
        if (device.Boot.Diag.TemperatureBroken)
        {
            device.LatchFault(FaultBits.Temperature);   // DIAG break_temp (spec §16 G3)
        }
        var stats = CheckRepository(device);
        if (stats.Invalid > 0)
        {
            LatchIntegrityFailure(device, stats.Invalid);
        }
        else
        {
            device.Audit(AuditEvent.KeyIntegrityError, AuditResult.Ok, "", []);
        }
        device.Boot.SelfTest = new SelfTestRecord(now, device.Boot.FaultState, EntropyTestTs: now, KatTs: now);
        return stats;
    }

    /// <summary>
    /// The power-up part (spec §19.4 step 4, §20.2): the known-answer tests and the repository check, logged as one
    /// <c>SELFTEST_PASSED</c> OK or FAILED line. An integrity failure also logs its <c>KEY_INTEGRITY_ERROR / FAILED</c>
    /// line, so a corrupted repository latches again after every boot; a pass adds nothing, keeping the standard
    /// three boot lines (KEY_INIT, STARTUP, SELFTEST_PASSED) that clients expect.
    /// </summary>
    public static void RunAtPowerUp(DeviceCore device, long now)
    {
        var katPassed = device.KnownAnswerTests();
        var entropyPassed = !EntropyHasFailed(device.Entropy);
        var stats = CheckRepository(device);
        var passed = katPassed && entropyPassed && stats.Invalid == 0;
        device.Audit(AuditEvent.SelftestPassed, passed ? AuditResult.Ok : AuditResult.Failed, "", []);
        if (!katPassed)
        {
            device.LatchFault(FaultBits.KnownAnswer);
        }
        if (!entropyPassed)
        {
            device.LatchFault(FaultBits.Entropy);
        }
        if (stats.Invalid > 0)
        {
            LatchIntegrityFailure(device, stats.Invalid);
        }
        device.Boot.SelfTest = new SelfTestRecord(now, device.Boot.FaultState, EntropyTestTs: now, KatTs: now);
    }

    /// <summary>
    /// Reads every slot from flash (not the in-memory index, so damage done to flash since boot is found) and checks
    /// that each record in use with key material unseals under the secure element. Public-only records have nothing
    /// sealed and pass.
    /// </summary>
    private static RepositoryStats CheckRepository(DeviceCore device)
    {
        int total = 0, deleted = 0, invalid = 0;
        foreach (var record in device.Flash.ReadSlots())
        {
            if (record.Slot >= device.Keys.Capacity)
            {
                continue;   // beyond this chip's slots: the key store ignores it too
            }
            if (record.State == SlotState.Deleted)
            {
                deleted++;
                continue;
            }
            total++;
            if (record.SealedSecret.Length == 0)
            {
                continue;
            }
            if (device.Keys.TryOpenSecret(record, out var secret))
            {
                secret!.Dispose();
            }
            else
            {
                invalid++;
                device.Keys.MarkInvalid(record.Slot);   // list, search and use skip it from now on (spec §16 G8)
            }
        }
        return new RepositoryStats(total, deleted, invalid, deleted, device.Keys.Capacity - total - deleted);
    }

    /// <summary>
    /// Logs <c>KEY_INTEGRITY_ERROR / FAILED</c> and latches <see cref="FaultBits.Integrity"/>. SIM: the "ASCII error
    /// code" of the line (spec §11.16) is the number of records that failed, in decimal.
    /// </summary>
    private static void LatchIntegrityFailure(DeviceCore device, int invalid)
    {
        device.Audit(AuditEvent.KeyIntegrityError, AuditResult.Failed, "",
            Encoding.ASCII.GetBytes(invalid.ToString(CultureInfo.InvariantCulture)));
        device.LatchFault(FaultBits.Integrity);
    }

    /// <summary>The latched health state of the production source; other sources (deterministic, test doubles) have none.</summary>
    private static bool EntropyHasFailed(IEntropySource entropy) => entropy is DrbgEntropySource { HasFailed: true };

    /// <summary>
    /// The TRNG test of a self-test run: a small draw from the production source makes it read and health-test fresh
    /// noise (SP 800-90B §4.4, on every fill), so a noise source that failed since the last draw is found now; then its
    /// latched state is read. Only the production source is drawn from: a seeded source keeps its sequence untouched.
    /// </summary>
    private static bool EntropyFails(IEntropySource entropy)
    {
        if (entropy is not DrbgEntropySource drbg)
        {
            return false;
        }
        Span<byte> probe = stackalloc byte[16];
        try
        {
            drbg.Fill(probe);
        }
        catch (EntropyFailureException)
        {
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(probe);
        }
        return drbg.HasFailed;
    }
}
