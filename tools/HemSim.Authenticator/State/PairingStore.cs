using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HemSim.Authenticator.State;

/// <summary>
/// The authenticator's pairings, including the app private keys. On disk they are never in clear: the state file
/// is <c>nonce(12) ‖ AES-256-GCM(JSON) ‖ tag(16)</c> under a random key in the sibling file <c>&lt;state&gt;.key</c>,
/// created 0600 — the pattern of the device's <c>secure-element.key</c>. Without a path, pairings live in memory.
/// </summary>
public sealed class PairingStore
{
    public const string KeyFileSuffix = ".key";
    private const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] s_associatedData = Encoding.ASCII.GetBytes("HemSim authenticator state v1");

    private readonly string? _path;
    private byte[]? _key;
    private readonly List<Pairing> _pairings;

    private PairingStore(string? path, byte[]? key, List<Pairing> pairings)
    {
        _path = path;
        _key = key;
        _pairings = pairings;
    }

    /// <summary>The state file, or null for an in-memory store.</summary>
    public string? Path => _path;

    public IReadOnlyList<Pairing> Pairings => _pairings;

    public static PairingStore InMemory() => new(null, null, []);

    /// <summary>Opens the state at <paramref name="path"/>; with no file yet it is empty, and the first save creates the key file.</summary>
    /// <exception cref="InvalidDataException">The state exists but its key is missing, or either was altered.</exception>
    public static PairingStore Open(string path)
    {
        string keyPath = path + KeyFileSuffix;
        bool stateExists = File.Exists(path);
        if (stateExists && !File.Exists(keyPath))
        {
            throw new InvalidDataException($"'{path}' exists but its key file '{keyPath}' is missing: the state cannot be opened.");
        }
        byte[]? key = File.Exists(keyPath) ? ReadKey(keyPath) : null;
        return new PairingStore(path, key, stateExists ? Unseal(File.ReadAllBytes(path), key!, path) : []);
    }

    internal void Add(Pairing pairing)
    {
        _pairings.Add(pairing);
        Save();
    }

    internal bool Remove(string pid)
    {
        if (_pairings.RemoveAll(pairing => pairing.Pid == pid) == 0)
        {
            return false;
        }
        Save();
        return true;
    }

    private void Save()
    {
        if (_path is null)
        {
            return;
        }
        _key ??= CreateKey(_path + KeyFileSuffix);
        var pairings = new JsonArray();
        foreach (Pairing pairing in _pairings)
        {
            pairings.Add(new JsonObject
            {
                ["pid"] = pairing.Pid,
                ["eid"] = pairing.Eid,
                ["label"] = pairing.Label,
                ["kid"] = pairing.Kid,
                ["broker"] = pairing.Broker?.ToString(),
                ["ask"] = Convert.ToBase64String(pairing.AppPrivateKey),
            });
        }
        byte[] plaintext = Encoding.UTF8.GetBytes(new JsonObject { ["version"] = 1, ["pairings"] = pairings }.ToJsonString());
        var blob = new byte[NonceSize + plaintext.Length + TagSize];
        try
        {
            RandomNumberGenerator.Fill(blob.AsSpan(0, NonceSize));
            using var aes = new AesGcm(_key, TagSize);
            aes.Encrypt(blob.AsSpan(0, NonceSize), plaintext, blob.AsSpan(NonceSize, plaintext.Length), blob.AsSpan(NonceSize + plaintext.Length), s_associatedData);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
        // Write beside and rename, so a crash never leaves half a state file.
        string temporary = _path + ".tmp";
        WritePrivateFile(temporary, blob, FileMode.Create);
        File.Move(temporary, _path, overwrite: true);
    }

    private static List<Pairing> Unseal(byte[] blob, byte[] key, string path)
    {
        if (blob.Length < NonceSize + TagSize)
        {
            throw new InvalidDataException($"'{path}' is damaged.");
        }
        int length = blob.Length - NonceSize - TagSize;
        var plaintext = new byte[length];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(blob.AsSpan(0, NonceSize), blob.AsSpan(NonceSize, length), blob.AsSpan(NonceSize + length), plaintext, s_associatedData);
            return Read(JsonNode.Parse(plaintext)) ?? throw new InvalidDataException($"'{path}' has an unknown layout.");
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new InvalidDataException($"'{path}' does not open with its key file: it was altered or belongs to another key.");
        }
        catch (JsonException)
        {
            throw new InvalidDataException($"'{path}' has an unknown layout.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static List<Pairing>? Read(JsonNode? state)
    {
        if (state?["version"]?.GetValue<int>() != 1 || state["pairings"] is not JsonArray array)
        {
            return null;
        }
        var pairings = new List<Pairing>();
        foreach (JsonNode? item in array)
        {
            if (item is null)
            {
                return null;
            }
            string? broker = item["broker"]?.GetValue<string>();
            pairings.Add(new Pairing(
                item["pid"]!.GetValue<string>(),
                item["eid"]!.GetValue<string>(),
                item["label"]!.GetValue<string>(),
                item["kid"]!.GetValue<string>(),
                broker is null ? null : new Uri(broker),
                Convert.FromBase64String(item["ask"]!.GetValue<string>())));
        }
        return pairings;
    }

    private static byte[] ReadKey(string keyPath)
    {
        byte[] key = File.ReadAllBytes(keyPath);
        return key.Length == KeySize
            ? key
            : throw new InvalidDataException($"'{keyPath}' is damaged: expected {KeySize} bytes, found {key.Length}.");
    }

    private static byte[] CreateKey(string keyPath)
    {
        if (System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(keyPath)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }
        byte[] key = RandomNumberGenerator.GetBytes(KeySize);
        WritePrivateFile(keyPath, key, FileMode.CreateNew);
        return key;
    }

    private static void WritePrivateFile(string path, byte[] content, FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var file = new FileStream(path, options);
        file.Write(content);
        file.Flush(flushToDisk: true);
    }
}
