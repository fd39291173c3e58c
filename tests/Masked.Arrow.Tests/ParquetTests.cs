using Parquet;
using Parquet.Schema;
using Xunit;

namespace Masked.Arrow.Tests;

/// <summary>Parquet files written by Parquet.Net (an independent, fully managed implementation) at test time.</summary>
public class ParquetTests
{
    private static async Task WriteWithParquetNet(string path, float?[] f, double?[] d, int?[] i, double?[] allNull, int rowGroups)
    {
        var ff = new DataField<float?>("f"); var fd = new DataField<double?>("d"); var fi = new DataField<int?>("i"); var fn = new DataField<double?>("none");
        var schema = new ParquetSchema(ff, fd, fi, fn);
        await using var fs = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, fs);
        int n = f.Length, per = (n + rowGroups - 1) / rowGroups;
        for (int s = 0; s < n; s += per)
        {
            int len = Math.Min(per, n - s);
            using var rg = writer.CreateRowGroup();
            await rg.WriteAsync<float>(ff, f.AsMemory(s, len));
            await rg.WriteAsync<double>(fd, d.AsMemory(s, len));
            await rg.WriteAsync<int>(fi, i.AsMemory(s, len));
            await rg.WriteAsync<double>(fn, allNull.AsMemory(s, len));
        }
    }

    [Fact]
    public async Task NullableColumnsFromAnotherWriterReadBatchByBatch()
    {
        var rng = new Random(4);
        int n = 10_000;
        var f = Enumerable.Range(0, n).Select(k => rng.NextDouble() < 0.1 ? (float?)null : (float)rng.NextDouble()).ToArray();
        var d = Enumerable.Range(0, n).Select(k => k % 7 == 0 ? (double?)null : k * 0.5).ToArray();
        var i = Enumerable.Range(0, n).Select(k => k % 3 == 0 ? (int?)null : k).ToArray();
        var none = new double?[n];
        var path = Path.Combine(Path.GetTempPath(), $"pq-{Guid.NewGuid():N}.parquet");
        try
        {
            await WriteWithParquetNet(path, f, d, i, none, rowGroups: 3);
            int row = 0, batches = 0;
            foreach (var cols in ParquetTensors.ReadMaskedColumns(path, batchSize: 1500))
            {
                batches++;
                var tf = cols.Single(c => c.Name == "f").As<float>();
                var td = cols.Single(c => c.Name == "d").As<double>();
                var ti = cols.Single(c => c.Name == "i").As<int>();
                var tn = cols.Single(c => c.Name == "none").As<double>();
                Assert.True(tf.Length <= 1500);
                var (mf, vf) = (tf.MaskToBools(), tf.ToArray());
                var (md, vd) = (td.MaskToBools(), td.ToArray());
                var (mi, vi) = (ti.MaskToBools(), ti.ToArray());
                for (int k = 0; k < tf.Length; k++, row++)
                {
                    Assert.Equal(f[row].HasValue, mf[k]); if (mf[k]) Assert.Equal(f[row]!.Value, vf[k]);
                    Assert.Equal(d[row].HasValue, md[k]); if (md[k]) Assert.Equal(d[row]!.Value, vd[k]);
                    Assert.Equal(i[row].HasValue, mi[k]); if (mi[k]) Assert.Equal(i[row]!.Value, vi[k]);
                }
                Assert.Equal(0, tn.ValidCount);
                Assert.False(tn.Mean().IsValid());
            }
            Assert.Equal(n, row);
            Assert.True(batches >= 7, $"expected the file in several batches, got {batches}");
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task MaskedTensorsWrittenAsParquetReadBackWithAnotherReader()
    {
        var t = MaskedTensor.Create(Enumerable.Range(0, 1000).Select(k => (float)k).ToArray(), Enumerable.Range(0, 1000).Select(k => k % 5 != 0).ToArray(), 1000);
        var path = Path.Combine(Path.GetTempPath(), $"pqw-{Guid.NewGuid():N}.parquet");
        try
        {
            ParquetTensors.Write(path, [("x", t), ("y", t * 2f)], rowGroupSize: 300);
            await using var fs = File.OpenRead(path);
            await using var reader = await ParquetReader.CreateAsync(fs);
            Assert.True(reader.RowGroupCount >= 3);
            var field = reader.Schema.DataFields.Single(x => x.Name == "x");
            int row = 0;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using var rg = reader.OpenRowGroupReader(g);
                var buf = new float?[rg.RowCount];
                await rg.ReadAsync<float>(field, buf.AsMemory());
                foreach (var v in buf) { Assert.Equal(row % 5 != 0 ? row : null, v); row++; }
            }
            Assert.Equal(1000, row);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void CorruptOrMissingParquetFilesRaiseClearErrors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.parquet");
        try
        {
            var junk = new byte[2048];
            new Random(1).NextBytes(junk);
            File.WriteAllBytes(path, junk);
            var ex = Assert.Throws<InvalidDataException>(() => ParquetTensors.ReadBatches(path).ToList());
            Assert.Contains(path, ex.Message);
        }
        finally { File.Delete(path); }
        Assert.Throws<FileNotFoundException>(() => ParquetTensors.ReadBatches("/nonexistent/file.parquet").ToList());
    }
}
