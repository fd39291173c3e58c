using Masked;

// The PyTorch MaskedTensor tutorial's examples (Tutorial.cs, also printed by `masked tutorial`), sparse tensors, and real data.
// Run: dotnet run --project samples/Masked.Samples -c Release

Samples.Tutorial.Run(Console.Out);

Console.WriteLine();
Console.WriteLine("== Sparse: a 1000x1000 matrix with 0.5% valid entries ==");
var sparseRng = new Random(3);
var denseSparse = MaskedTensor.Create(Enumerable.Range(0, 1_000_000).Select(_ => (float)sparseRng.NextDouble()).ToArray(),
    Enumerable.Range(0, 1_000_000).Select(_ => sparseRng.NextDouble() < 0.005).ToArray(), 1000, 1000);
var csr = denseSparse.ToSparseCsr();
Console.WriteLine($"{csr}: {csr.StorageBytes:N0} bytes instead of {1_000_000 * 4 + 125_000:N0}; row 0 sum = {csr.Sum(1)[0]}");

Samples.RealData.Run();
Samples.PenguinSpecies.Run();
Samples.PenguinNetwork.Run();
