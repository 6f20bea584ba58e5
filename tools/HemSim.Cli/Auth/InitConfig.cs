using System.Text.Json;

namespace HemSim.Cli.Auth;

/// <summary>The <c>cfg</c> object of the provisioning eJWT (spec §7.2), written in the order of that table.</summary>
internal sealed record InitConfig(
    string MasterKey,
    string UserKey,
    string User,
    string Email,
    string Hostname,
    string Origin,
    bool TrustedTs,
    bool TrustedBackend,
    bool AllowKeysearch,
    string Ip,
    int StorageMode,
    long StorageDisk0Size,
    bool Dnsd)
{
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("masterkey", MasterKey);
        writer.WriteString("userkey", UserKey);
        writer.WriteString("user", User);
        writer.WriteString("email", Email);
        writer.WriteString("hostname", Hostname);
        writer.WriteString("origin", Origin);
        writer.WriteBoolean("trusted_ts", TrustedTs);
        writer.WriteBoolean("trusted_backend", TrustedBackend);
        writer.WriteBoolean("allow_keysearch", AllowKeysearch);
        writer.WriteString("ip", Ip);
        writer.WriteNumber("storage_mode", StorageMode);
        writer.WriteNumber("storage_disk0size", StorageDisk0Size);
        writer.WriteBoolean("dnsd", Dnsd);
        writer.WriteEndObject();
    }
}
