namespace HemSim.Firmware.Upgrade;

/// <summary>
/// The upload staging buffers and the one verification task of this boot (spec §11.9–§11.14). They live in RAM, like
/// the real device's staging buffer: a reboot (or <c>usbmode</c>) forgets every upload and every check, so a client
/// uploads again after a restart. One task runs at a time, firmware or dashboard; it takes
/// <see cref="VerificationTime"/> of device monotonic time, so clients see the 201 → 202 → 200/406 polling they
/// are written for, and tests drive it with a fake clock instead of sleeping.
/// </summary>
internal sealed class UpgradeStaging
{
    /// <summary>
    /// How long a verification task runs. The real checks take seconds (clients poll every 4–10 s); 2 s makes one
    /// poll see 202 without slowing a rig down.
    /// </summary>
    public static readonly TimeSpan VerificationTime = TimeSpan.FromSeconds(2);

    private StagedUpload? _firmware;    // the last upload_fw of this boot, or null
    private StagedUpload? _dashboard;   // the last upload_ui of this boot, or null

    public StagedUpload? Get(ImageKind kind) => kind == ImageKind.Firmware ? _firmware : _dashboard;

    /// <summary>Stages an upload; it replaces the previous one of its kind, and with it that kind's check.</summary>
    public void Stage(ImageKind kind, string fileName, byte[] bytes)
    {
        var upload = new StagedUpload(fileName, bytes);
        if (kind == ImageKind.Firmware)
        {
            _firmware = upload;
        }
        else
        {
            _dashboard = upload;
        }
    }

    /// <summary>True while a verification task (either kind) is running at <paramref name="now"/>.</summary>
    public bool TaskRunning(TimeSpan now) => _firmware?.IsRunning(now) == true || _dashboard?.IsRunning(now) == true;

    /// <summary>The staged image of <paramref name="kind"/> once its check has finished and passed, else null.</summary>
    public SignedImage? Verified(ImageKind kind, TimeSpan now) =>
        Get(kind) is { } upload && upload.IsDone(now) ? upload.Result : null;
}

/// <summary>One staged upload and its check (not started, running until <see cref="DoneAt"/>, or done).</summary>
internal sealed class StagedUpload(string fileName, byte[] bytes)
{
    /// <summary>The name from <c>Content-Disposition</c> (check_ui only finds <c>webroot.tar</c>).</summary>
    public string FileName { get; } = fileName;

    public byte[] Bytes { get; } = bytes;

    public bool CheckStarted { get; private set; }   // false until the first check call after the upload

    /// <summary>When the check's result becomes visible (device monotonic time).</summary>
    public TimeSpan DoneAt { get; private set; }

    /// <summary>The verified image, or null when the check failed (meaningful once done).</summary>
    public SignedImage? Result { get; private set; }

    /// <summary>
    /// Starts the check. The result is computed now (the simulator has no background thread; spec §3 "one request at a
    /// time") and revealed at <see cref="DoneAt"/>.
    /// </summary>
    public void StartCheck(TimeSpan now, SignedImage? result)
    {
        CheckStarted = true;
        DoneAt = now + UpgradeStaging.VerificationTime;
        Result = result;
    }

    public bool IsRunning(TimeSpan now) => CheckStarted && now < DoneAt;

    public bool IsDone(TimeSpan now) => CheckStarted && now >= DoneAt;
}
