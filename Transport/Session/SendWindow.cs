using System.Diagnostics;

namespace HemSim.Transport.Session;

/// <summary>
/// Host-side flow control (PROTOCOL.md §9): at most the device's window of requests, and of request bytes,
/// in flight at once. Callers wait in arrival order (a large request is not overtaken forever by small
/// ones); a request that alone exceeds the byte window goes when nothing else is in flight. A slot is held
/// from sending until the answer arrives or the request fails, not merely until its caller stops waiting,
/// because the device still has the request until it answers. Nothing here calls out while holding its lock.
/// </summary>
internal sealed class SendWindow
{
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _waiting = new();
    private int _maxMessages = int.MaxValue;
    private long _maxBytes = long.MaxValue;
    private int _messages;          // requests in flight
    private long _bytes;            // their bytes
    private int _mostMessages;      // high-water mark of _messages
    private Func<Exception>? _closed;

    public int InFlight
    {
        get
        {
            lock (_lock)
            {
                return _messages;
            }
        }
    }

    public int MostInFlight
    {
        get
        {
            lock (_lock)
            {
                return _mostMessages;
            }
        }
    }

    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Sets the window from the device's Hello; 0 means no limit.</summary>
    public void Configure(int maxMessages, long maxBytes)
    {
        lock (_lock)
        {
            _maxMessages = maxMessages == 0 ? int.MaxValue : maxMessages;
            _maxBytes = maxBytes == 0 ? long.MaxValue : maxBytes;
            GrantWaiting();
        }
    }

    /// <summary>Completes when a request of <paramref name="bytes"/> may be sent.</summary>
    public Task<Lease> AcquireAsync(int bytes, CancellationToken cancellationToken)
    {
        Func<Exception>? closed;
        lock (_lock)
        {
            closed = _closed;
            if (closed is null)
            {
                return Enqueue(bytes, cancellationToken);
            }
        }
        // Made outside the lock: the exception factory may take the session's lock.
        return Task.FromException<Lease>(closed());
    }

    /// <summary>Grants at once when the window allows and nobody waits, else queues; window lock held.</summary>
    private Task<Lease> Enqueue(int bytes, CancellationToken cancellationToken)
    {
        if (_waiting.Count == 0 && Fits(bytes))
        {
            return Task.FromResult(Take(bytes));
        }
        var waiter = new Waiter(bytes);
        LinkedListNode<Waiter> node = _waiting.AddLast(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.Register(() => Cancel(node, cancellationToken));
        }
        return waiter.Completion.Task;
    }

    public void Release(Lease lease)
    {
        lock (_lock)
        {
            if (lease.Released)
            {
                return;
            }
            lease.Released = true;
            _messages--;
            _bytes -= lease.Bytes;
            GrantWaiting();
        }
    }

    /// <summary>Fails every waiter, and every later call, with the exception <paramref name="closed"/> makes.</summary>
    public void Close(Func<Exception> closed)
    {
        List<Waiter> failed;
        lock (_lock)
        {
            _closed ??= closed;
            failed = [.. _waiting];
            _waiting.Clear();
        }
        foreach (Waiter waiter in failed)
        {
            waiter.Registration.Unregister();
            waiter.Completion.TrySetException(closed());
        }
    }

    private bool Fits(int bytes) => _messages < _maxMessages && (_messages == 0 || _bytes + bytes <= _maxBytes);

    private Lease Take(int bytes)
    {
        _messages++;
        _bytes += bytes;
        _mostMessages = Math.Max(_mostMessages, _messages);
        return new Lease(bytes);
    }

    private void GrantWaiting()
    {
        while (_closed is null && _waiting.First is { } head && Fits(head.Value.Bytes))
        {
            _waiting.RemoveFirst();
            Waiter waiter = head.Value;
            // Unregister, not Dispose: Dispose would wait for a cancel callback blocked on this very lock.
            waiter.Registration.Unregister();
            bool granted = waiter.Completion.TrySetResult(Take(waiter.Bytes));
            Debug.Assert(granted, "A waiter is completed only here or in Cancel, both under the lock.");
        }
    }

    private void Cancel(LinkedListNode<Waiter> node, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (node.List is null)
            {
                return;     // granted or failed already
            }
            _waiting.Remove(node);
            node.Value.Completion.TrySetCanceled(cancellationToken);
            GrantWaiting();     // the head may have been what held the others back
        }
    }

    /// <summary>One granted slot; released once.</summary>
    internal sealed class Lease(int bytes)
    {
        public int Bytes { get; } = bytes;

        public bool Released { get; set; }
    }

    private sealed class Waiter(int bytes)
    {
        public int Bytes { get; } = bytes;

        public TaskCompletionSource<Lease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }
}
