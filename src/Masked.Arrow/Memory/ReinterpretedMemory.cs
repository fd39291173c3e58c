using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Masked.Arrow;

/// <summary>
/// Presents a byte region (an Arrow buffer) as a <see cref="Memory{T}"/> of <typeparamref name="T"/> without copying,
/// and keeps the region's owner (an <see cref="ArrowLease"/>) alive for as long as the memory is referenced.
/// </summary>
internal sealed class ReinterpretedMemory<T> : MemoryManager<T> where T : unmanaged
{
    private readonly ReadOnlyMemory<byte> _bytes;

    public ReinterpretedMemory(ReadOnlyMemory<byte> bytes, object? owner)
    {
        _bytes = bytes;
        Owner = owner;
    }

    /// <summary>The object that keeps the bytes alive.</summary>
    public object? Owner { get; }

    /// <summary>The byte region this memory reinterprets.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    public override Span<T> GetSpan() => MemoryMarshal.Cast<byte, T>(MemoryMarshal.AsMemory(_bytes).Span);

    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        var h = MemoryMarshal.AsMemory(_bytes).Pin();
        return new MemoryHandle((byte*)h.Pointer + (long)elementIndex * Unsafe.SizeOf<T>(), default, new PinRelease(h));
    }

    public override void Unpin() { }

    protected override void Dispose(bool disposing) { }

}

/// <summary>Presents a <see cref="Memory{T}"/> (a tensor's buffer) as bytes without copying, for export into an Arrow buffer.</summary>
internal sealed class ByteView<T> : MemoryManager<byte> where T : unmanaged
{
    private readonly Memory<T> _memory;

    public ByteView(Memory<T> memory) => _memory = memory;

    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(_memory.Span);

    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        var h = _memory.Pin();
        return new MemoryHandle((byte*)h.Pointer + elementIndex, default, new PinRelease(h));
    }

    public override void Unpin() { }

    protected override void Dispose(bool disposing) { }

}

/// <summary>Releases an inner pin when the outer <see cref="MemoryHandle"/> is disposed.</summary>
internal sealed class PinRelease(MemoryHandle handle) : IPinnable
{
    private MemoryHandle _handle = handle;
    public MemoryHandle Pin(int elementIndex) => default;
    public void Unpin() => _handle.Dispose();
}
