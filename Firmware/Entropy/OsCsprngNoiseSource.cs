using System.Security.Cryptography;

namespace HemSim.Firmware.Entropy;

/// <summary>The host operating system's CSPRNG (<see cref="RandomNumberGenerator"/>) as the device's noise source.</summary>
public sealed class OsCsprngNoiseSource : INoiseSource
{
    // One OS call per 4 KiB instead of one per read: the DRBG reads 16 bytes with every fill, and a system call
    // each time would cost more than the DRBG itself. Served bytes are wiped from the buffer.
    private const int BufferLength = 4096;

    private readonly Lock _gate = new();
    private readonly byte[] _buffer = new byte[BufferLength];
    private int _offset = BufferLength;

    public void Read(Span<byte> destination)
    {
        lock (_gate)
        {
            while (!destination.IsEmpty)
            {
                if (_offset == BufferLength)
                {
                    RandomNumberGenerator.Fill(_buffer);
                    _offset = 0;
                }
                int count = Math.Min(destination.Length, BufferLength - _offset);
                Span<byte> served = _buffer.AsSpan(_offset, count);
                served.CopyTo(destination);
                CryptographicOperations.ZeroMemory(served);
                _offset += count;
                destination = destination[count..];
            }
        }
    }
}
