using System.Runtime.CompilerServices;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Platform;

namespace HemSim.Firmware.Keystore;

/// <summary>Why a record could not be added (both answer 406, spec §12.7).</summary>
internal enum AddOutcome
{
    Added = 0,
    /// <summary>No free slot left.</summary>
    Full = 1,
    /// <summary>A valid record with the same kid exists.</summary>
    Duplicate = 2,
}

/// <summary>
/// The key repository: a fixed number of slots chosen at manufacture (ARCHITECTURE.md). Records live
/// in flash with their secret sealed under the secure element; this class keeps an in-memory index
/// by slot and by kid. A slot holding a deleted record stays occupied (spec §4: "deleted slots count as
/// deleted until defragmented").
/// </summary>
internal sealed class KeyStore
{
    private readonly IFlash _flash;
    private readonly SecureElement _secureElement;
    private readonly KeySlotRecord?[] _slots;
    private readonly Dictionary<string, int> _slotByKid = new(StringComparer.Ordinal);
    private readonly HashSet<int> _invalid = [];
    private readonly ConditionalWeakTable<KeySlotRecord, Dictionary<Type, object>> _handles = new();

    public KeyStore(IFlash flash, SecureElement secureElement, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _flash = flash;
        _secureElement = secureElement;
        _slots = new KeySlotRecord?[capacity];
        foreach (var record in flash.ReadSlots())
        {
            // A flash image made with more slots than this device has keeps the records it can hold.
            if (record.Slot < capacity)
            {
                Index(record);
            }
        }
    }

    public int Capacity => _slots.Length;

    /// <summary>Records in use (not deleted).</summary>
    public int Total => _slotByKid.Count;

    public bool HasFreeSlot => FreeSlot() >= 0;

    /// <summary>Slots holding a deleted record, awaiting defragmentation (spec §17.7).</summary>
    public int Deleted => _slots.Count(r => r is { State: SlotState.Deleted });

    /// <summary>Slots never used.</summary>
    public int Free => _slots.Count(r => r is null);

    /// <summary>
    /// The first never-used slot; when there is none, the first slot of a deleted record, which is
    /// defragmented on the spot (its record is overwritten). So deleting a key always frees room for one.
    /// </summary>
    private int FreeSlot()
    {
        var free = Array.IndexOf(_slots, null);
        return free >= 0 ? free : Array.FindIndex(_slots, r => r is { State: SlotState.Deleted });
    }

    /// <summary>
    /// Marks <paramref name="record"/> deleted (spec §12.6): its slot keeps a deleted record, and the
    /// sealed key material is zeroed except its first byte, as the real firmware leaves it.
    /// </summary>
    public KeySlotRecord Delete(KeySlotRecord record, long now)
    {
        var wiped = new byte[record.SealedSecret.Length];
        if (wiped.Length > 0)
        {
            wiped[0] = record.SealedSecret[0];
        }
        var deleted = record with { State = SlotState.Deleted, SealedSecret = wiped, Updated = Math.Max(now, record.Updated + 1) };
        _flash.WriteSlot(deleted);
        _slotByKid.Remove(Convert.ToHexStringLower(record.Kid));
        _slots[record.Slot] = deleted;
        DisposeHandles(record);
        return deleted;
    }

    /// <summary>
    /// Replaces label and (when given) description; <c>updated</c> always moves forward, even within the
    /// same second ([T] checks that it changes; spec §12.1).
    /// </summary>
    public KeySlotRecord Update(KeySlotRecord record, string label, byte[]? descr, long now)
    {
        var updated = record with
        {
            Label = label,
            Descr = descr ?? record.Descr,
            Updated = Math.Max(now, record.Updated + 1),
        };
        _flash.WriteSlot(updated);
        _slots[record.Slot] = updated;
        // The key itself is unchanged: its prepared handles move to the new version of the record.
        if (_handles.TryGetValue(record, out var handles))
        {
            _handles.Remove(record);
            _handles.AddOrUpdate(updated, handles);
        }
        return updated;
    }

    /// <summary>Valid records in slot order.</summary>
    public IEnumerable<KeySlotRecord> Valid => _slots.Where(r => r is { State: SlotState.Used } && !_invalid.Contains(r.Slot))!;

    /// <summary>
    /// Takes the record of <paramref name="slot"/> out of use because its flash copy failed the integrity check
    /// (DIAG <c>corrupt_repo</c>, spec §16 G8, or a self-test that found it): it is no longer listed, found or
    /// usable, and still occupies its slot. A reboot reads flash anew; the power-up self-test marks it again.
    /// </summary>
    public void MarkInvalid(int slot)
    {
        if (slot < 0 || slot >= _slots.Length || _slots[slot] is not { State: SlotState.Used } record)
        {
            return;
        }
        _invalid.Add(slot);
        _slotByKid.Remove(Convert.ToHexStringLower(record.Kid));
        DisposeHandles(record);
    }

    public bool TryFind(Kid kid, out KeySlotRecord record)
    {
        if (_slotByKid.TryGetValue(kid.Hex, out var slot))
        {
            record = _slots[slot]!;
            return true;
        }
        record = null!;
        return false;
    }

    /// <summary>
    /// Seals <paramref name="secret"/> and commits a new record in the first free slot. Nothing is
    /// written when the store is full or the kid exists.
    /// </summary>
    public AddOutcome TryAdd(
        Kid kid, KeyType type, KeyFlags flags, string label, byte[] descr,
        byte[]? publicKey, ReadOnlySpan<byte> secret, long now, out KeySlotRecord? record)
    {
        record = null;
        if (_slotByKid.ContainsKey(kid.Hex))
        {
            return AddOutcome.Duplicate;
        }
        var slot = FreeSlot();
        if (slot < 0)
        {
            return AddOutcome.Full;
        }
        var kidBytes = kid.ToBytes();
        record = new KeySlotRecord
        {
            Slot = slot,
            State = SlotState.Used,
            Kid = kidBytes,
            KeyType = (int)type,
            Flags = (int)flags,
            Label = label,
            Descr = descr,
            Created = now,
            Updated = now,
            PublicKey = publicKey ?? [],
            SealedSecret = secret.IsEmpty ? [] : _secureElement.Seal(secret, kidBytes),
        };
        _flash.WriteSlot(record);
        Index(record);
        return AddOutcome.Added;
    }

    /// <summary>Unseals the secret of <paramref name="record"/>; false when flash was tampered with.</summary>
    public bool TryOpenSecret(KeySlotRecord record, out KeyMaterial? secret)
    {
        secret = null;
        if (record.SealedSecret.Length == 0 || !_secureElement.TryUnseal(record.SealedSecret, record.Kid, out var plain))
        {
            return false;
        }
        secret = KeyMaterial.Copy(plain);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(plain);
        return true;
    }

    /// <summary>
    /// A prepared key object of <paramref name="record"/> (an imported .NET ECDsa key, an expanded ML-DSA key, an
    /// AES key schedule…), made by <paramref name="open"/> from the unsealed secret on first use and then kept with
    /// this version of the record, as a secure element keeps a loaded key. A hot key is thus unsealed and expanded
    /// once, not per request (issue #5: the device core must run at the primitive's speed). An updated or deleted
    /// record is a new object, so a handle never outlives the record it was made from. False when the secret does
    /// not unseal (tampered flash) or the record has none (public-only). <paramref name="open"/> must copy what it
    /// keeps: the span is wiped when it returns.
    /// </summary>
    public bool TryOpenHandle<T>(KeySlotRecord record, Func<ReadOnlySpan<byte>, T> open, out T handle)
        where T : class
    {
        var handles = _handles.GetOrCreateValue(record);
        lock (handles)
        {
            if (handles.TryGetValue(typeof(T), out var cached))
            {
                handle = (T)cached;
                return true;
            }
            handle = null!;
            if (!TryOpenSecret(record, out var secret))
            {
                return false;
            }
            using (secret)
            {
                handle = open(secret!.Span);
            }
            handles[typeof(T)] = handle;
            return true;
        }
    }

    /// <summary>
    /// A prepared public-key object of <paramref name="record"/> (e.g. a .NET ECDsa key for verification), made by
    /// <paramref name="open"/> from the stored public key on first use and kept with this version of the record,
    /// like <see cref="TryOpenHandle{T}"/>. Works for public-only records too. Use a type distinct from the
    /// private handle's type: the cache is keyed by record and type.
    /// </summary>
    public T GetPublicHandle<T>(KeySlotRecord record, Func<byte[], T> open)
        where T : class
    {
        var handles = _handles.GetOrCreateValue(record);
        lock (handles)
        {
            if (!handles.TryGetValue(typeof(T), out var cached))
            {
                cached = open(record.PublicKey);
                handles[typeof(T)] = cached;
            }
            return (T)cached;
        }
    }

    /// <summary>
    /// Disposes every prepared handle (their key material is wiped where the handle can wipe it): at the end of a
    /// boot, before the key store is read anew.
    /// </summary>
    public void DisposeHandles()
    {
        foreach (var (record, _) in _handles.ToList())
        {
            DisposeHandles(record);
        }
    }

    private void DisposeHandles(KeySlotRecord record)
    {
        if (!_handles.TryGetValue(record, out var handles))
        {
            return;
        }
        _handles.Remove(record);
        lock (handles)
        {
            foreach (var handle in handles.Values.OfType<IDisposable>())
            {
                handle.Dispose();
            }
            handles.Clear();
        }
    }

    private void Index(KeySlotRecord record)
    {
        _slots[record.Slot] = record;
        if (record.State == SlotState.Used)
        {
            _slotByKid[Convert.ToHexStringLower(record.Kid)] = record.Slot;
        }
    }
}
