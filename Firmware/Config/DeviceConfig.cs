using System.Text.Json;
using System.Text.Json.Serialization;

namespace HemSim.Firmware.Config;

/// <summary>
/// The configuration written at provisioning (spec §7.2, §11.5). Its existence is what makes the
/// device "initialised" (spec §4). Stored in flash as JSON under <see cref="BlobName"/>.
/// </summary>
internal sealed class DeviceConfig
{
    public const string BlobName = "config";

    /// <summary>Spec §7.2: <c>user</c> is at most 32 characters (§22 #5).</summary>
    public const int MaxUserLength = 32;

    public required string InstanceId { get; set; }
    public required long Iat { get; set; }
    public required long Uts { get; set; }
    public required byte[] UserKey { get; set; }
    public required byte[] MasterKey { get; set; }
    public required string User { get; set; }
    public string Email { get; set; } = "";
    public required string Hostname { get; set; }
    public string Origin { get; set; } = "*";
    public bool TrustedTs { get; set; }
    public bool TrustedBackend { get; set; }
    public bool AllowKeysearch { get; set; }
    public string Ip { get; set; } = "192.168.7.1/24";
    public long Ctx { get; set; }
    public bool Dnsd { get; set; }
    public long StorageMode { get; set; }
    public long StorageDisk0Size { get; set; }
    public bool HttpOptionHsts { get; set; }
    public long HttpOptionDosprotMode { get; set; }

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this, s_json);

    public static DeviceConfig Deserialize(byte[] utf8) =>
        JsonSerializer.Deserialize<DeviceConfig>(utf8, s_json)
        ?? throw new InvalidDataException("Stored configuration is empty.");
}
