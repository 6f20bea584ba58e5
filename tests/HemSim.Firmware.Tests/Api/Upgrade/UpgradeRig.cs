using System.Formats.Tar;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Upgrade;
using HemSim.TestKit;

namespace HemSim.Firmware.Tests.Api.Upgrade;

/// <summary>Shared set-up of the upgrade tests (spec §11.9–§11.15, §16 G10/G11): devices, signed images, uploads.</summary>
internal static class UpgradeRig
{
    public const string UploadFwPath = "/api/system/upgrade/upload_fw";
    public const string CheckFwPath = "/api/system/upgrade/check_fw";
    public const string InstallFwPath = "/api/system/upgrade/install_fw";
    public const string UploadUiPath = "/api/system/upgrade/upload_ui";
    public const string CheckUiPath = "/api/system/upgrade/check_ui";
    public const string InstallUiPath = "/api/system/upgrade/install_ui";
    public const string UsbModePath = "/api/system/upgrade/usbmode";
    public const string UploadBlPath = "/api/system/upgrade/upload_bootldr";
    public const string InstallBlPath = "/api/system/upgrade/install_bl";

    public const int UpgradeEvent = 0x4, FailedScopeCheck = 0xc, Ok = 0, Error = 2;

    public const string NewVersion = "Encedo nGINE FW v1.3.0";

    /// <summary>A provisioned device (PPA unless told) with a token of <paramref name="scope"/>.</summary>
    public static (TestDevice Device, string Token) Provisioned(string scope = "system:upgrade", HemDeviceOptions? options = null)
    {
        var device = new TestDevice(options);
        device.Provision().Status.Should().Be(200);
        return (device, device.Login(scope));
    }

    /// <summary>A firmware image signed with the published test key (or <paramref name="seed"/>).</summary>
    public static byte[] FirmwareImage(string version = NewVersion, byte flags = 0, byte[]? seed = null, int payloadSize = 1000) =>
        SignedImage.Create(ImageKind.Firmware, version, Payload(payloadSize), seed ?? VendorKey.TestSeed(), flags);

    /// <summary>A dashboard image holding <paramref name="tar"/> (default: a two-file archive).</summary>
    public static byte[] DashboardImage(byte[]? tar = null, byte[]? seed = null) =>
        SignedImage.Create(ImageKind.Dashboard, "dashboard 2.0", tar ?? Tar(("index.html", "<html></html>"u8.ToArray()), ("js/app.js", "go()"u8.ToArray())), seed ?? VendorKey.TestSeed());

    /// <summary>A ustar archive of the given regular files.</summary>
    public static byte[] Tar(params (string Name, byte[] Data)[] files) =>
        TarOf(files.Select(f => (TarEntry)new UstarTarEntry(TarEntryType.RegularFile, f.Name) { DataStream = new MemoryStream(f.Data) }).ToArray());

    public static byte[] TarOf(params TarEntry[] entries)
    {
        using var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                writer.WriteEntry(entry);
            }
        }
        return stream.ToArray();
    }

    public static byte[] Payload(int size) => Enumerable.Range(0, size).Select(i => unchecked((byte)(i * 7))).ToArray();

    public static ApiResponse Upload(TestDevice device, string path, byte[] body, string? token, string? disposition) =>
        device.Send(new ApiRequest("POST", path, true, body)
        {
            ContentType = "application/octet-stream",
            ContentDisposition = disposition,
            Authorization = token is null ? null : "Bearer " + token,
        });

    public static ApiResponse UploadFw(TestDevice device, byte[] image, string? token, string fileName = "firmware.bin") =>
        Upload(device, UploadFwPath, image, token, $"attachment; filename=\"{fileName}\"");

    public static ApiResponse UploadUi(TestDevice device, byte[] image, string? token, string fileName = "webroot.tar") =>
        Upload(device, UploadUiPath, image, token, $"attachment; filename=\"{fileName}\"");

    /// <summary>
    /// One image kind's endpoints, default upload name, valid image and installed flash blob. Upload, check and install
    /// behave alike for firmware and dashboard images (spec §11.9–§11.14), so those tests take the kind as a row:
    /// "fw" or "ui", the endpoints' own suffix.
    /// </summary>
    public sealed record ImageRig(ImageKind Kind, string UploadPath, string CheckPath, string InstallPath, string FileName, string InstalledBlob)
    {
        /// <summary>A valid, signed image of this kind.</summary>
        public byte[] ValidImage() => Kind == ImageKind.Firmware ? FirmwareImage() : DashboardImage();

        /// <summary>Uploads <paramref name="image"/> under this kind's default file name.</summary>
        public ApiResponse Upload(TestDevice device, byte[] image, string? token) =>
            UpgradeRig.Upload(device, UploadPath, image, token, $"attachment; filename=\"{FileName}\"");
    }

    public static ImageRig For(string kind) => kind switch
    {
        "fw" => new(ImageKind.Firmware, UploadFwPath, CheckFwPath, InstallFwPath, "firmware.bin", InstalledFirmware.BlobName),
        "ui" => new(ImageKind.Dashboard, UploadUiPath, CheckUiPath, InstallUiPath, "webroot.tar", InstalledDashboard.ManifestBlob),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "an image kind is fw or ui"),
    };

    /// <summary>The other kind: its running check blocks this kind's (spec §11.13, 409 "unexpected task state").</summary>
    public static ImageRig Other(string kind) => For(kind == "fw" ? "ui" : "fw");

    /// <summary>Runs a check to its end: 201, then (after the task time) the final status.</summary>
    public static int CheckToEnd(TestDevice device, string path, string? token)
    {
        device.Get(path, token).Status.Should().Be(201);
        device.Clock.Advance(UpgradeStaging.VerificationTime);
        return device.Get(path, token).Status;
    }

    public static JsonObject VersionOf(TestDevice device) => TestDevice.Json(device.Get("/api/system/version"));

    public static JsonObject StatusOf(TestDevice device) => TestDevice.Json(device.Get("/api/system/status"));

    /// <summary>
    /// Everything an upgrade request may change: config, keys, audit lines, the upgrade blobs in flash, what
    /// <c>version</c> reports, and the uploads staged in RAM with their checks. Compare before and after a refusal.
    /// </summary>
    public static string Trace(TestDevice device)
    {
        var core = device.Core;
        var text = new StringBuilder();
        var snapshot = DeviceSnapshot.Take(device);
        text.AppendLine(snapshot.Config).AppendJoin('\n', snapshot.Slots).AppendLine().AppendJoin('\n', snapshot.AuditLines).AppendLine();
        foreach (var blob in new[] { InstalledFirmware.BlobName, InstalledDashboard.ManifestBlob, BootloaderSectors.StagingBlob, BootloaderSectors.BootloaderBlob })
        {
            text.AppendLine(blob + "=" + (core.Flash.ReadBlob(blob) is { } bytes ? Convert.ToHexString(bytes) : "-"));
        }
        foreach (var kind in new[] { ImageKind.Firmware, ImageKind.Dashboard })
        {
            text.AppendLine(core.Boot.Upgrade.Get(kind) is { } upload
                ? $"{kind}:{upload.FileName}:{Convert.ToHexString(upload.Bytes)}:{upload.CheckStarted}:{upload.DoneAt}:{upload.Result is not null}"
                : $"{kind}:-");
        }
        return text.ToString();
    }

    /// <summary>The current boot's audit lines after the first <paramref name="skip"/>, as (type, result).</summary>
    public static IEnumerable<(int Type, int Result)> LinesAfter(TestDevice device, int skip) =>
        device.AuditLines().Skip(skip).Select(l => (l.Type, l.Result));
}
