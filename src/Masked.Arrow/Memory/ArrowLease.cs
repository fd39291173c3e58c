using Apache.Arrow;

namespace Masked.Arrow;

/// <summary>
/// Keeps Arrow memory alive for tensors that view it: holds a retained (reference-counted) copy of an
/// array's <see cref="ArrayData"/>, released when no tensor memory refers to the lease any more (or on
/// <see cref="Dispose"/>). Disposing the original array or record batch therefore never frees memory a
/// tensor still reads.
/// </summary>
internal sealed class ArrowLease : IDisposable
{
    private ArrayData? _retained;

    public ArrowLease(ArrayData data) => _retained = data.Retain();

    public ArrayData Data => _retained ?? throw new ObjectDisposedException(nameof(ArrowLease));

    public void Dispose()
    {
        Interlocked.Exchange(ref _retained, null)?.Dispose();
        GC.SuppressFinalize(this);
    }

    ~ArrowLease() => Interlocked.Exchange(ref _retained, null)?.Dispose();
}
