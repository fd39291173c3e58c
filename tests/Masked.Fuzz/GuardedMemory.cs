using System.Buffers;
using System.Runtime.InteropServices;

namespace Masked.Fuzz;

/// <summary>
/// Input bytes copied into native memory so that they end exactly where a no-access page begins: any read past the
/// end faults (the process dies, which the fuzz test detects) instead of silently returning other memory. On
/// platforms without mmap the bytes are copied to a plain array and <see cref="Guarded"/> is false.
/// </summary>
public sealed unsafe class GuardedMemory : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly byte[]? _fallback;
    private readonly int _length;

    private GuardedMemory(byte* pointer, byte[]? fallback, int length) { _pointer = pointer; _fallback = fallback; _length = length; }

    /// <summary>Whether a guard page follows the bytes.</summary>
    public bool Guarded => _fallback is null;

    /// <summary>Copies <paramref name="bytes"/> so that they end at a guard page. The memory is never unmapped (inputs are small; tensors may outlive the call).</summary>
    public static GuardedMemory Place(ReadOnlySpan<byte> bytes)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            return new GuardedMemory(null, bytes.ToArray(), bytes.Length);
        long page = Environment.SystemPageSize;
        long dataPages = (bytes.Length + page - 1) / page;
        long total = (dataPages + 1) * page;
        const int ProtRead = 1, ProtWrite = 2, ProtNone = 0;
        int flags = OperatingSystem.IsLinux() ? 0x02 | 0x20 : 0x0002 | 0x1000; // MAP_PRIVATE | MAP_ANONYMOUS
        var p = Mmap(IntPtr.Zero, (nuint)total, ProtRead | ProtWrite, flags, -1, 0);
        if (p == new IntPtr(-1)) throw new InvalidOperationException($"mmap failed (errno {Marshal.GetLastPInvokeError()}).");
        byte* basePtr = (byte*)p;
        byte* guard = basePtr + dataPages * page;
        if (Mprotect((IntPtr)guard, (nuint)page, ProtNone) != 0) throw new InvalidOperationException("mprotect failed.");
        byte* start = guard - bytes.Length;
        bytes.CopyTo(new Span<byte>(start, bytes.Length));
        // The data pages become read-only too: a write into input memory faults as well.
        if (dataPages > 0 && Mprotect((IntPtr)basePtr, (nuint)(dataPages * page), ProtRead) != 0) throw new InvalidOperationException("mprotect failed.");
        return new GuardedMemory(start, null, bytes.Length);
    }

    /// <inheritdoc />
    public override Span<byte> GetSpan() => _fallback ?? new Span<byte>(_pointer, _length);
    /// <inheritdoc />
    public override MemoryHandle Pin(int elementIndex = 0)
    {
        if (_fallback is not null) { var h = GCHandle.Alloc(_fallback, GCHandleType.Pinned); return new MemoryHandle((byte*)h.AddrOfPinnedObject() + elementIndex, h); }
        return new MemoryHandle(_pointer + elementIndex, default, this);
    }
    /// <inheritdoc />
    public override void Unpin() { }
    /// <inheritdoc />
    protected override void Dispose(bool disposing) { }

    [DllImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static extern IntPtr Mmap(IntPtr addr, nuint length, int prot, int flags, int fd, long offset);

    [DllImport("libc", EntryPoint = "mprotect", SetLastError = true)]
    private static extern int Mprotect(IntPtr addr, nuint length, int prot);
}
