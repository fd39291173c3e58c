using System.Buffers;
using System.Runtime.InteropServices;
using Apache.Arrow;

namespace Masked.Arrow;

/// <summary>
/// Keeps Arrow memory alive for tensors that view it: holds a retained (reference-counted) copy of an
/// array's <see cref="ArrayData"/>, released when no tensor memory refers to the lease any more (or on
/// <see cref="Dispose"/>). Disposing the original array or record batch therefore never frees memory a
/// tensor still reads. Native buffers (imported from Arrow C++, e.g. Parquet batches) are reported to the GC as
/// memory pressure while retained, so that streaming a file collects finished leases as it goes instead of
/// letting native memory grow with the file.
/// </summary>
internal sealed class ArrowLease : IDisposable
{
    private ArrayData? _retained;
    private long _pressure;

    public ArrowLease(ArrayData data)
    {
        _retained = data.Retain();
        _pressure = NativeBytes(data, 0);
        if (_pressure > 0) GC.AddMemoryPressure(_pressure);
    }

    public ArrayData Data => _retained ?? throw new ObjectDisposedException(nameof(ArrowLease));

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    ~ArrowLease() => Release();

    private void Release()
    {
        Interlocked.Exchange(ref _retained, null)?.Dispose();
        long p = Interlocked.Exchange(ref _pressure, 0);
        if (p > 0) GC.RemoveMemoryPressure(p);
    }

    /// <summary>Bytes of buffers that live outside the managed heap and outside mapped files.</summary>
    private static long NativeBytes(ArrayData data, int depth)
    {
        if (depth > 64) return 0;
        long n = 0;
        foreach (var b in data.Buffers ?? [])
        {
            if (b.IsEmpty || MemoryMarshal.TryGetArray(b.Memory, out _)) continue;
            if (MemoryMarshal.TryGetMemoryManager<byte, MemoryManager<byte>>(b.Memory, out var m) && m is IReadOnlyRegion) continue;
            n += b.Length;
        }
        foreach (var c in data.Children ?? []) n += NativeBytes(c, depth + 1);
        if (data.Dictionary is { } d) n += NativeBytes(d, depth + 1);
        return n;
    }
}
