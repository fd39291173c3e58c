using Apache.Arrow;
using ParquetSharp;
using ParquetSharp.Arrow;

namespace Masked.Arrow;

/// <summary>
/// Parquet files with nulls, through ParquetSharp's Arrow API (Apache Parquet C++): nullable numeric columns come
/// in batch by batch as record batches whose buffers are imported without a managed copy, and become masked
/// tensors without a further copy. Memory stays bounded by the batch size.
/// </summary>
public static class ParquetTensors
{
    /// <summary>
    /// Streams the file's record batches (optionally only some columns), <paramref name="batchSize"/> rows at a time.
    /// Column chunks are read as needed (no pre-buffering) through a 1 MiB buffered stream, so memory is bounded by
    /// the batch, not by the file or its row groups. Every batch is validated (<see cref="ArrowArrayValidator"/>).
    /// </summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is a directory, or a requested column does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not Parquet, or is truncated or corrupt; the message names the file.</exception>
    public static IEnumerable<RecordBatch> ReadBatches(string path, int batchSize = 65536, IReadOnlyList<string>? columns = null)
    {
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be positive");
        ArrowIpc.CheckFile(path, "Parquet");
        return ReadBatchesCore(path, batchSize, columns);
    }

    private static IEnumerable<RecordBatch> ReadBatchesCore(string path, int batchSize, IReadOnlyList<string>? columns)
    {
        FixedShapeTensorType.Register();
        FileReader? reader = null;
        Apache.Arrow.Ipc.IArrowArrayStream stream;
        using var props = ArrowReaderProperties.GetDefault();
        using var readerProps = ReaderProps();
        props.BatchSize = batchSize;
        // Arrow's default pre-buffering reads ahead every requested row group's column chunks and keeps them cached while
        // the reader lives: memory would grow to the size of the file (731 MB resident streaming a 692 MB file).
        props.PreBuffer = false;
        try
        {
            reader = new FileReader(path, readerProps, props);
            int[]? indices = null;
            if (columns is not null)
            {
                var schema = reader.Schema;
                indices = columns.Select(c =>
                {
                    int i = schema.GetFieldIndex(c);
                    return i >= 0 ? i : throw new ArgumentException($"Parquet file '{path}' has no column '{c}' (columns: {string.Join(", ", schema.FieldsList.Select(f => f.Name))}).", nameof(columns));
                }).ToArray();
            }
            stream = reader.GetRecordBatchReader(columns: indices);
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            reader?.Dispose();
            throw Corrupt(path, e);
        }
        catch
        {
            reader?.Dispose();
            throw;
        }
        using (reader)
        using (stream)
        {
            for (int index = 0; ; index++)
            {
                RecordBatch? batch;
                try { batch = stream.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult(); }
                catch (Exception e) when (IsReadFailure(e)) { throw Corrupt(path, e); }
                if (batch is null) yield break;
                try { ArrowArrayValidator.Validate(batch, index, path); }
                catch { batch.Dispose(); throw; }
                yield return batch;
            }
        }
    }

    /// <summary>Reads column chunks through a 1 MiB buffered stream instead of loading each whole chunk (with pre-buffering off, memory stays flat as files grow).</summary>
    private static ReaderProperties ReaderProps()
    {
        var rp = ReaderProperties.GetDefaultReaderProperties();
        rp.EnableBufferedStream();
        rp.BufferSize = 1 << 20;
        return rp;
    }

    /// <summary>The file's Arrow schema and row count (from the footer), without reading data.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is a directory.</exception>
    /// <exception cref="InvalidDataException">The file is not Parquet, or is truncated or corrupt; the message names the file.</exception>
    public static Schema ReadSchema(string path, out long rowCount)
    {
        ArrowIpc.CheckFile(path, "Parquet");
        try
        {
            using var reader = new FileReader(path);
            rowCount = reader.ParquetReader.FileMetaData.NumRows;
            return reader.Schema;
        }
        catch (Exception e) when (IsReadFailure(e)) { throw Corrupt(path, e); }
    }

    /// <summary>Failures of the native reader (it throws plain exceptions too), not our own argument errors.</summary>
    private static bool IsReadFailure(Exception e) =>
        e is not (ArgumentException or InvalidDataException or FileNotFoundException or OperationCanceledException);

    private static InvalidDataException Corrupt(string path, Exception e) =>
        new($"Parquet file '{path}' cannot be read (not Parquet, truncated or corrupt): {e.Message}", e);

    /// <summary>
    /// Streams the file as masked columns, one list per batch: nulls become masked entries (no copy of data or
    /// bitmaps for float/double/int32/int64). Each batch is released once its tensors are made; the tensors keep
    /// only their own column's memory alive.
    /// </summary>
    public static IEnumerable<IReadOnlyList<MaskedColumn>> ReadMaskedColumns(string path, int batchSize = 65536, IReadOnlyList<string>? columns = null)
    {
        foreach (var batch in ReadBatches(path, batchSize, columns))
        {
            IReadOnlyList<MaskedColumn> cols;
            using (batch) cols = batch.ToMaskedColumns();
            yield return cols;
        }
    }

    /// <summary>
    /// Writes record batches to a Parquet file, one row group per batch (at most <paramref name="rowGroupSize"/> rows). The
    /// Arrow schema is stored in the file, so fixed-size list (vector) columns read back as fixed-size lists; their
    /// masks stay on the items (this project's writers produce no null rows, which Arrow C++ mis-reads there).
    /// </summary>
    public static void Write(string path, IEnumerable<RecordBatch> batches, long rowGroupSize = 1 << 20)
    {
        ArgumentNullException.ThrowIfNull(batches);
        FileWriter? writer = null;
        try
        {
            foreach (var b in batches)
            {
                // Storing the Arrow schema keeps fixed-size lists (vector columns) fixed-size when read back.
                writer ??= new FileWriter(path, b.Schema, arrowProperties: ArrowProps.Value);
                writer.WriteRecordBatch(b, rowGroupSize);
            }
            if (writer is null) throw new ArgumentException("No record batch to write.", nameof(batches));
            writer.Close();
        }
        finally { writer?.Dispose(); }
    }

    private static readonly Lazy<ArrowWriterProperties> ArrowProps = new(() =>
    {
        using var builder = new ArrowWriterPropertiesBuilder();
        return builder.StoreSchema().Build();
    });

    /// <summary>Writes named 1-D masked tensors (equal lengths) as nullable Parquet columns; masked entries become nulls.</summary>
    public static void Write<T>(string path, IReadOnlyList<(string name, MaskedTensor<T> tensor)> columns, long rowGroupSize = 1 << 20) where T : unmanaged
    {
        foreach (var (name, t) in columns)
            if (t.Rank != 1) throw new ArgumentException($"Column '{name}' has shape [{string.Join(", ", t.Shape)}]; Parquet columns are written from 1-D tensors.");
        Write(path, [RecordBatchExtensions.ToRecordBatch(columns)], rowGroupSize);
    }
}
