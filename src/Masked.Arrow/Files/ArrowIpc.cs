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
    /// <exception cref="InvalidDataException">The stream is truncated or corrupt, or a column's buffers do not hold what its metadata says (every batch is validated by <see cref="ArrowArrayValidator"/>); the message names the source, and the column and batch where known.</exception>
    public static IReadOnlyList<RecordBatch> ReadStream(ReadOnlyMemory<byte> stream, string sourceName = "memory")
    {
        FixedShapeTensorType.Register();
        var batches = Guard(sourceName, () =>
        {
            using var reader = new ArrowStreamReader(stream);
            var batches = new List<RecordBatch>();
            while (reader.ReadNextRecordBatch() is { } b) batches.Add(b);
            if (batches.Count == 0) _ = reader.Schema; // surfaces a missing/corrupt schema message
            return (IReadOnlyList<RecordBatch>)batches;
        });
        return ValidateAll(batches, sourceName);
    }

    private static IReadOnlyList<RecordBatch> ValidateAll(IReadOnlyList<RecordBatch> batches, string source)
    {
        for (int i = 0; i < batches.Count; i++)
        {
            if (!batches[i].Schema.Equals(batches[0].Schema) && !SameSchema(batches[i].Schema, batches[0].Schema))
                throw SourceError($"Arrow IPC data '{source}': batch {i} has a different schema than batch 0.");
            ArrowArrayValidator.Validate(batches[i], i, source);
        }
        return batches;
    }

    /// <summary>
    /// Memory-maps an IPC stream file and reads its batches without copying. The mapping stays open while any batch or
    /// tensor built from it is reachable, and is closed when the last one is collected — so disposing a batch while a
    /// tensor views it never crashes.
    /// </summary>
    /// <remarks>
    /// The mapping is copy-on-write (private): nothing written through a tensor's memory ever reaches the file or
    /// faults. Tensors viewing it are read-only (<see cref="MaskedTensor{T}.IsReadOnly"/>): destination ops and
    /// optimizers reject them. Truncating or rewriting the file while a tensor views it is not supported: reading a
    /// page past the new end of the file raises SIGBUS, which ends the process (as for every memory-mapped reader);
    /// read with <see cref="ReadFile"/> or <see cref="ReadStream"/> over a copy when another process may change the file.
    /// </remarks>
    public static IReadOnlyList<RecordBatch> ReadStreamMapped(string path)
    {
        var region = MappedRegion.Open(path);
        return ReadStream(region.Memory, path);
    }

    /// <summary>Reads every record batch of an Arrow IPC file (format with the ARROW1 footer).</summary>
    public static IReadOnlyList<RecordBatch> ReadFile(string path)
    {
        FixedShapeTensorType.Register();
        CheckFile(path, "Arrow IPC");
        var read = Guard(path, () =>
        {
            using var fs = File.OpenRead(path);
            using var reader = new ArrowFileReader(fs);
            int n = reader.RecordBatchCountAsync().AsTask().GetAwaiter().GetResult();
            var batches = new List<RecordBatch>(n);
            for (int i = 0; i < n; i++)
                batches.Add(reader.ReadRecordBatchAsync(i).AsTask().GetAwaiter().GetResult() ?? throw new InvalidDataException($"record batch {i} is missing"));
            return (IReadOnlyList<RecordBatch>)batches;
        });
        return ValidateAll(read, path);
    }

    /// <summary>Throws <see cref="FileNotFoundException"/> for a missing file and <see cref="ArgumentException"/> for a directory.</summary>
    internal static void CheckFile(string path, string format)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path)) throw new ArgumentException($"'{path}' is a directory, not an {format} file.", nameof(path));
        if (!File.Exists(path)) throw new FileNotFoundException($"{format} file not found: {path}", path);
    }

    /// <summary>Same field names, types and nullability (metadata aside).</summary>
    internal static bool SameSchema(Schema a, Schema b)
    {
        if (a.FieldsList.Count != b.FieldsList.Count) return false;
        for (int i = 0; i < a.FieldsList.Count; i++)
            if (FieldDifference(a.FieldsList[i], b.FieldsList[i]) is not null) return false;
        return true;
    }

    /// <summary>Why <paramref name="b"/> differs from the expected field <paramref name="a"/> (name or type, metadata aside), or null when they match.</summary>
    public static string? FieldDifference(Field a, Field b)
    {
        if (a.Name != b.Name) return $"column {a.Name} is named '{b.Name}'";
        if (!TypeEquals(a.DataType, b.DataType)) return $"column '{a.Name}' is {b.DataType.Name} instead of {a.DataType.Name}";
        return null;
    }

    private static bool TypeEquals(Apache.Arrow.Types.IArrowType a, Apache.Arrow.Types.IArrowType b)
    {
        if (a.TypeId != b.TypeId) return false;
        switch (a)
        {
            case Apache.Arrow.Types.FixedSizeListType fa:
                var fb = (Apache.Arrow.Types.FixedSizeListType)b;
                return fa.ListSize == fb.ListSize && TypeEquals(fa.ValueDataType, fb.ValueDataType);
            case Apache.Arrow.Types.NestedType na:
                var nb = (Apache.Arrow.Types.NestedType)b;
                if (na.Fields.Count != nb.Fields.Count) return false;
                for (int i = 0; i < na.Fields.Count; i++) if (!TypeEquals(na.Fields[i].DataType, nb.Fields[i].DataType)) return false;
                return true;
            case Apache.Arrow.Types.TimestampType ta:
                var tb = (Apache.Arrow.Types.TimestampType)b;
                return ta.Unit == tb.Unit && ta.Timezone == tb.Timezone;
            case Apache.Arrow.ExtensionType ea:
                return b is Apache.Arrow.ExtensionType eb && ea.Name == eb.Name && ea.ExtensionMetadata == eb.ExtensionMetadata;
            default:
                return a.Name == b.Name;
        }
    }

    /// <summary>Throws when <paramref name="batch"/> (number <paramref name="index"/>) does not have the first batch's schema.</summary>
    private static void CheckSameSchema(Schema first, RecordBatch batch, int index)
    {
        if (ReferenceEquals(first, batch.Schema)) return;
        if (first.FieldsList.Count != batch.Schema.FieldsList.Count)
            throw new ArgumentException($"Batch {index} has {batch.Schema.FieldsList.Count} columns, the first batch {first.FieldsList.Count}; every batch of one IPC file or stream needs the first batch's schema.", "batches");
        for (int i = 0; i < first.FieldsList.Count; i++)
            if (FieldDifference(first.FieldsList[i], batch.Schema.FieldsList[i]) is { } diff)
                throw new ArgumentException($"Batch {index} does not have the first batch's schema: {diff}.", "batches");
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
        Schema? first = null;
        try
        {
            int index = 0;
            foreach (var b in batches)
            {
                ArgumentNullException.ThrowIfNull(b, nameof(batches));
                if (writer is not null) CheckSameSchema(first!, b, index);
                first ??= b.Schema;
                writer ??= new ArrowFileWriter(fs, b.Schema);
                writer.WriteRecordBatch(b);
                index++;
            }
            if (writer is null) throw new ArgumentException("No record batch to write.", nameof(batches));
            writer.WriteEnd();
        }
        finally { writer?.Dispose(); }
    }

    /// <summary>Writes record batches as an Arrow IPC stream (to read back with <see cref="ReadStream"/>).</summary>
    public static void WriteStream(Stream destination, IEnumerable<RecordBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(batches);
        ArrowStreamWriter? writer = null;
        Schema? first = null;
        try
        {
            int index = 0;
            foreach (var b in batches)
            {
                ArgumentNullException.ThrowIfNull(b, nameof(batches));
                if (writer is not null) CheckSameSchema(first!, b, index);
                first ??= b.Schema;
                writer ??= new ArrowStreamWriter(destination, b.Schema, leaveOpen: true);
                writer.WriteRecordBatch(b);
                index++;
            }
            if (writer is null) throw new ArgumentException("No record batch to write.", nameof(batches));
            writer.WriteEnd();
        }
        finally { writer?.Dispose(); }
    }

    private static T Guard<T>(string source, Func<T> read)
    {
        try { return read(); }
        catch (OutOfMemoryException e)
        {
            // A corrupt count or length asked the reader for an impossible allocation; nothing was allocated.
            throw SourceError($"Arrow IPC data '{source}' is corrupt: it declares sizes larger than memory allows ({e.Message}).", e);
        }
        catch (Exception e) when (e is not FileNotFoundException && !e.Data.Contains(SourceNamed))
        {
            throw SourceError($"Arrow IPC data '{source}' is truncated or corrupt: {e.Message}", e);
        }
    }

    /// <summary>Key in <see cref="Exception.Data"/> of an error that already names its source (it is wrapped once, never again).</summary>
    private const string SourceNamed = "Masked.ArrowSourceNamed";

    private static InvalidDataException SourceError(string message, Exception? inner = null)
    {
        var e = new InvalidDataException(message, inner);
        e.Data[SourceNamed] = true;
        return e;
    }

    /// <summary>A read-only memory-mapped file as memory; the mapping is released when the last reference to it is collected.</summary>
    private sealed unsafe class MappedRegion : MemoryManager<byte>, IReadOnlyRegion
    {
        private readonly Mapping _mapping;

        private MappedRegion(Mapping mapping) => _mapping = mapping;

        public static MappedRegion Open(string path)
        {
            CheckFile(path, "Arrow IPC");
            long len = new FileInfo(path).Length;
            if (len > int.MaxValue) throw new NotSupportedException($"'{path}' is {len} bytes; one mapping holds at most 2 GB.");
            if (len == 0) throw SourceError($"Arrow IPC data '{path}' is truncated or corrupt: the file is empty.");
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
                // Copy-on-write: a write through the memory changes a private page, never the file, and never faults.
                var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read); // owned by the mapping (leaveOpen: false)
                _file = MemoryMappedFile.CreateFromFile(fs, null, 0, MemoryMappedFileAccess.CopyOnWrite, HandleInheritability.None, leaveOpen: false);
                _view = _file.CreateViewAccessor(0, length, MemoryMappedFileAccess.CopyOnWrite);
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
