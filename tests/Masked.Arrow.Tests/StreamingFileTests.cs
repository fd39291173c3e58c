using Apache.Arrow;
using Xunit;

namespace Masked.Arrow.Tests;

/// <summary><see cref="ArrowIpc.ReadFileBatches"/> and <see cref="ArrowIpc.ReadFileSchema"/>: an Arrow IPC file batch by batch.</summary>
public class StreamingFileTests
{
    [Fact]
    public void ReadFileBatchesYieldsTheFileBatchByBatch()
    {
        var rng = new Random(11);
        var arrays = Enumerable.Range(0, 3).Select(i => ArrowTestData.RandomFloats(rng, 100 + i * 37, 0.2, out _)).ToList();
        var path = Path.Combine(Path.GetTempPath(), $"batches-{Guid.NewGuid():N}.arrow");
        try
        {
            var schema = new Schema([new Field("x", Apache.Arrow.Types.FloatType.Default, true)], null);
            ArrowIpc.WriteFile(path, arrays.Select(a => new RecordBatch(schema, [a], a.Length)).ToList());
            Assert.Equal("x", ArrowIpc.ReadFileSchema(path).GetFieldByIndex(0).Name);
            int i = 0;
            foreach (var batch in ArrowIpc.ReadFileBatches(path))
            {
                using (batch)
                {
                    Assert.Equal(ArrowTestData.Values(arrays[i]), ArrowTestData.Values((FloatArray)batch.Column(0)));
                    i++;
                }
            }
            Assert.Equal(arrays.Count, i);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void MissingOrTruncatedFiles()
    {
        Assert.Throws<FileNotFoundException>(() => ArrowIpc.ReadFileBatches("/nonexistent/x.arrow"));
        Assert.Throws<FileNotFoundException>(() => ArrowIpc.ReadFileSchema("/nonexistent/x.arrow"));
        var bytes = File.ReadAllBytes(ArrowTestData.DataPath("flights-200k.arrow"));
        var path = Path.Combine(Path.GetTempPath(), $"trunc-{Guid.NewGuid():N}.arrow");
        try
        {
            File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
            var ex = Assert.Throws<InvalidDataException>(() => ArrowIpc.ReadFileBatches(path).ToList());
            Assert.Contains(path, ex.Message);
        }
        finally { File.Delete(path); }
    }
}
