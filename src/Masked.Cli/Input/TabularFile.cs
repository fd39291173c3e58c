using Apache.Arrow;
using Masked.Arrow;

namespace Masked.Cli.Input;

/// <summary>The formats the tool reads.</summary>
public enum TabularFormat
{
    /// <summary>Apache Parquet (magic <c>PAR1</c>).</summary>
    Parquet,
    /// <summary>Arrow IPC file format (magic <c>ARROW1</c>).</summary>
    ArrowFile,
    /// <summary>Arrow IPC stream format.</summary>
    ArrowStream,
}

/// <summary>
/// A Parquet or Arrow IPC file read batch by batch through Masked.Arrow's readers: the format comes from the file's
/// magic bytes, the schema from its metadata, and each pass over the data streams record batches again.
/// </summary>
public sealed class TabularFile
{
    private TabularFile(string path, TabularFormat format, Schema schema, long? rowCount)
    {
        Path = path; Format = format; Schema = schema; RowCount = rowCount;
    }

    /// <summary>The file path.</summary>
    public string Path { get; }

    /// <summary>The detected format.</summary>
    public TabularFormat Format { get; }

    /// <summary>The Arrow schema.</summary>
    public Schema Schema { get; }

    /// <summary>Rows in the file when the metadata says so without reading data (Parquet), else null.</summary>
    public long? RowCount { get; }

    /// <summary>Opens <paramref name="path"/>, detecting the format and reading the schema.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not Parquet or Arrow IPC, or corrupt.</exception>
    public static TabularFile Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"file not found: {path}", path);
        var head = new byte[8];
        int read;
        using (var fs = File.OpenRead(path)) read = fs.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (read >= 4 && head.AsSpan(0, 4).SequenceEqual("PAR1"u8))
        {
            try
            {
                using var reader = new ParquetSharp.Arrow.FileReader(path);
                var schema = reader.Schema;
                long rows = reader.ParquetReader.FileMetaData.NumRows;
                FixedShapeTensorType.Register();
                return new TabularFile(path, TabularFormat.Parquet, schema, rows);
            }
            catch (Exception e) when (e is ParquetSharp.ParquetException or System.Runtime.InteropServices.SEHException or IOException)
            {
                throw new InvalidDataException($"Parquet file '{path}' cannot be read (truncated or corrupt): {FirstLine(e.Message)}", e);
            }
        }
        if (read >= 6 && head.AsSpan(0, 6).SequenceEqual("ARROW1"u8))
            return new TabularFile(path, TabularFormat.ArrowFile, ArrowIpc.ReadFileSchema(path), null);
        if (read >= 4 && head.AsSpan(0, 4).SequenceEqual(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }))
        {
            var batches = ArrowIpc.ReadStreamMapped(path);
            if (batches.Count == 0) throw new InvalidDataException($"Arrow IPC stream '{path}' holds no record batch.");
            return new TabularFile(path, TabularFormat.ArrowStream, batches[0].Schema, batches.Sum(b => (long)b.Length));
        }
        throw new InvalidDataException($"'{path}' is neither Parquet nor Arrow IPC (file or stream); its first bytes are {Convert.ToHexString(head, 0, read)}.");
    }

    /// <summary>
    /// Streams the file's record batches with only <paramref name="columns"/> (schema order), at most
    /// <paramref name="batchSize"/> rows each for Parquet (Arrow files keep their own batches). Dispose each batch after use.
    /// </summary>
    public IEnumerable<RecordBatch> ReadBatches(IReadOnlyList<string> columns, int batchSize)
    {
        switch (Format)
        {
            case TabularFormat.Parquet:
                foreach (var b in ParquetTensors.ReadBatches(Path, batchSize, columns)) yield return b;
                break;
            case TabularFormat.ArrowFile:
                foreach (var b in ArrowIpc.ReadFileBatches(Path)) yield return Project(b, columns);
                break;
            default:
                foreach (var b in ArrowIpc.ReadStreamMapped(Path)) yield return Project(b, columns);
                break;
        }
    }

    private static RecordBatch Project(RecordBatch batch, IReadOnlyList<string> columns)
    {
        var fields = new List<Field>(columns.Count);
        var arrays = new List<IArrowArray>(columns.Count);
        foreach (var c in columns)
        {
            int i = batch.Schema.GetFieldIndex(c);
            fields.Add(batch.Schema.GetFieldByIndex(i));
            arrays.Add(batch.Column(i));
        }
        return new RecordBatch(new Schema(fields, batch.Schema.Metadata), arrays, batch.Length);
    }

    internal static string FirstLine(string message)
    {
        int nl = message.IndexOfAny(['\r', '\n']);
        return nl < 0 ? message : message[..nl];
    }
}
