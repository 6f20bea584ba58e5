using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;

namespace HemSim.Firmware.Tests.Api.Storage;

/// <summary>Shared set-up of the storage tests: a provisioned device and its <c>status.storage</c> modes.</summary>
internal static class StorageRig
{
    public const string LockPath = "/api/storage/lock";
    public const string UnlockPath = "/api/storage/unlock";
    public const string UnlockRwPath = "/api/storage/unlock/rw";
    public const string UnlockRoPath = "/api/storage/unlock/ro";

    public static TestDevice Provisioned(HardwareVariant variant = HardwareVariant.Ppa, int storageMode = 81)
    {
        var device = new TestDevice(new HemDeviceOptions { Variant = variant });
        device.Provision(cfg => cfg["storage_mode"] = storageMode).Status.Should().Be(200);
        return device;
    }

    /// <summary>The modes (<c>rw</c>, <c>ro</c>, <c>-</c>) of disk0 and disk1 in <c>status.storage</c>.</summary>
    public static string[] Modes(TestDevice device)
    {
        var storage = TestDevice.Json(device.Get("/api/system/status"))["storage"]!.AsArray();
        return storage.Select(n => n!.GetValue<string>().Split(':')[1]).ToArray();
    }
}
