using System.Buffers;
using System.IO.MemoryMappedFiles;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Masked.Arrow;

/// <summary>
/// Arrow IPC: the stream format read zero-copy from memory or a memory-mapped file, and the file format read
/// and written. Truncated or corrupt input raises <see cref="InvalidDataException"/> naming the source.
/// </summary>
public static class ArrowIpc
{
    /// <summary>
    /// Reads every record batch of an IPC stream held in <paramref name="stream"/> without copying: the batches'
    /// buffers (and tensors viewing them) slice this memory.
    /// </summary>
    public static IReadOnlyList<RecordBatch> ReadStream(ReadOnlyMemory<byte> stream, string sourceName = "memory")
    {
        FixedShapeTensorType.Register();
        return Guard(sourceName, () =>
        {
            using var reader = new ArrowStreamReader(stream);
            var batches = new List<RecordBatch>();
            while (reader.ReadNextRecordBatch() is { } b) batches.Add(b);
            if (batches.Count == 0) _ = reader.Schema; // surfaces a missing/corrupt schema message
            return (IReadOnlyList<RecordBatch>)batches;
        });
    }

    /// <summary>
    /// Memory-maps an IPC stream file and reads its batches without copying. The mapping stays open while any batch or
    /// tensor built from it is reachable, and is closed when the last one is collected — so disposing a batch while a
    /// tensor views it never crashes.
    /// </summary>
    public static IReadOnlyList<RecordBatch> ReadStreamMapped(string path)
    {
        var region = MappedRegion.Open(path);
        return ReadStream(region.Memory, path);
    }

    /// <summary>Reads every record batch of an Arrow IPC file (format with the ARROW1 footer).</summary>
    public static IReadOnlyList<RecordBatch> ReadFile(string path)
    {
        FixedShapeTensorType.Register();
        if (!File.Exists(path)) throw new FileNotFoundException($"Arrow IPC file not found: {path}", path);
        return Guard(path, () =>
        {
            using var fs = File.OpenRead(path);
            using var reader = new ArrowFileReader(fs);
            int n = reader.RecordBatchCountAsync().AsTask().GetAwaiter().GetResult();
            var batches = new List<RecordBatch>(n);
            for (int i = 0; i < n; i++)
                batches.Add(reader.ReadRecordBatchAsync(i).AsTask().GetAwaiter().GetResult() ?? throw new InvalidDataException($"record batch {i} is missing"));
            return (IReadOnlyList<RecordBatch>)batches;
        });
    }

    /// <summary>
    /// Streams the record batches of an Arrow IPC file one at a time (each read when enumerated), so memory stays bounded
    /// by one batch whatever the file size. Dispose each batch when done with it.
    /// </summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">The file is truncated or corrupt (raised when enumerated).</exception>
    public static IEnumerable<RecordBatch> ReadFileBatches(string path)
    {
        FixedShapeTensorType.Register();
        if (!File.Exists(path)) throw new FileNotFoundException($"Arrow IPC file not found: {path}", path);
        return Enumerate(path);

        static IEnumerable<RecordBatch> Enumerate(string path)
        {
            using var fs = File.OpenRead(path);
            using var reader = Guard(path, () => new ArrowFileReader(fs));
            int n = Guard(path, () => reader.RecordBatchCountAsync().AsTask().GetAwaiter().GetResult());
            for (int i = 0; i < n; i++)
            {
                int index = i;
                yield return Guard(path, () => reader.ReadRecordBatchAsync(index).AsTask().GetAwaiter().GetResult() ?? throw new InvalidDataException($"record batch {index} is missing"));
            }
        }
    }

    /// <summary>The schema of an Arrow IPC file (read from its footer; no record batch is read).</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">The file is truncated or corrupt.</exception>
    public static Schema ReadFileSchema(string path)
    {
        FixedShapeTensorType.Register();
        if (!File.Exists(path)) throw new FileNotFoundException($"Arrow IPC file not found: {path}", path);
        return Guard(path, () =>
        {
            using var fs = File.OpenRead(path);
            using var reader = new ArrowFileReader(fs);
            _ = reader.RecordBatchCountAsync().AsTask().GetAwaiter().GetResult();
            return reader.Schema;
        });
    }

    /// <summary>Writes record batches (all with the first batch's schema) as an Arrow IPC file.</summary>
    public static void WriteFile(string path, IEnumerable<RecordBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        using var fs = File.Create(path);
        ArrowFileWriter? writer = null;
        try
        {
            foreach (var b in batches)
            {
                writer ??= new ArrowFileWriter(fs, b.Schema);
                writer.WriteRecordBatch(b);
            }
            if (writer is null) throw new ArgumentException("No record batch to write.", nameof(batches));
            writer.WriteEnd();
        }
        finally { writer?.Dispose(); }
    }

    /// <summary>Writes record batches as an Arrow IPC stream (to read back with <see cref="ReadStream"/>).</summary>
    public static void WriteStream(Stream destination, IEnumerable<RecordBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArrowStreamWriter? writer = null;
        try
        {
            foreach (var b in batches)
            {
                writer ??= new ArrowStreamWriter(destination, b.Schema, leaveOpen: true);
                writer.WriteRecordBatch(b);
            }
            if (writer is null) throw new ArgumentException("No record batch to write.", nameof(batches));
            writer.WriteEnd();
        }
        finally { writer?.Dispose(); }
    }

    private static T Guard<T>(string source, Func<T> read)
    {
        try { return read(); }
        catch (Exception e) when (e is not FileNotFoundException and not OutOfMemoryException && !e.Message.StartsWith("Arrow IPC data", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Arrow IPC data '{source}' is truncated or corrupt: {e.Message}", e);
        }
    }

    /// <summary>A read-only memory-mapped file as memory; the mapping is released when the last reference to it is collected.</summary>
    private sealed unsafe class MappedRegion : MemoryManager<byte>
    {
        private readonly Mapping _mapping;

        private MappedRegion(Mapping mapping) => _mapping = mapping;

        public static MappedRegion Open(string path)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"Arrow IPC file not found: {path}", path);
            long len = new FileInfo(path).Length;
            if (len > int.MaxValue) throw new NotSupportedException($"'{path}' is {len} bytes; one mapping holds at most 2 GB.");
            if (len == 0) throw new InvalidDataException($"Arrow IPC data '{path}' is truncated or corrupt: the file is empty.");
            return new MappedRegion(new Mapping(path, (int)len));
        }

        public override Span<byte> GetSpan() => new(_mapping.Pointer, _mapping.Length);
        public override MemoryHandle Pin(int elementIndex = 0) => new(_mapping.Pointer + elementIndex, default, this);
        public override void Unpin() { }
        protected override void Dispose(bool disposing) { }

        private sealed class Mapping
        {
            private readonly MemoryMappedFile _file;
            private readonly MemoryMappedViewAccessor _view;

            public Mapping(string path, int length)
            {
                _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
                _view = _file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
                byte* p = null;
                _view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
                Pointer = p + _view.PointerOffset;
                Length = length;
            }

            public byte* Pointer { get; }
            public int Length { get; }

            ~Mapping()
            {
                _view.SafeMemoryMappedViewHandle.ReleasePointer();
                _view.Dispose();
                _file.Dispose();
            }
        }
    }
}
