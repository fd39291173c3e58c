using Masked;

// The PyTorch MaskedTensor tutorial's examples, in C#. Run: dotnet run --project samples/Masked.Samples -c Release

Console.WriteLine("== Safe softmax (tutorial: 'safe softmax') ==");
var rng = new Random(0);
var data = Enumerable.Range(0, 9).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
var mask = new[] { true, false, false, true, false, true, false, false, false };
var mt = MaskedTensor.Create(data, mask, 3, 3);
// The usual trick fills masked slots with -inf; a column with nothing valid then gives 0/0 = NaN.
var filled = MaskedTensor.FromArray(data.Select((v, i) => mask[i] ? v : float.NegativeInfinity).ToArray(), 3, 3);
Console.WriteLine("-inf filled, softmax(dim 0):");
Console.WriteLine(filled.Softmax(0));
Console.WriteLine("masked, softmax(dim 0):");
Console.WriteLine(mt.Softmax(0));

Console.WriteLine();
Console.WriteLine("== Indexing and slicing ==");
var big = MaskedTensor.Create(Enumerable.Range(0, 24).Select(i => (float)i).ToArray(),
    Enumerable.Range(0, 24).Select(i => i % 2 == 0).ToArray(), 2, 3, 4);
Console.WriteLine("mt[0] =");
Console.WriteLine(big[0]);
Console.WriteLine("mt[.., .., 2..4] =");
Console.WriteLine(big[.., .., 2..4]);

Console.WriteLine();
Console.WriteLine("== torch.where gradient (issue 10729): no NaN from the branch not taken ==");
var x = MaskedTensor.Create(new float[] { -10, -5, 0, 5, 10, 50, 60, 70, 80, 90, 100 },
    Enumerable.Range(0, 11).Select(i => i < 2).ToArray(), 11).RequireGrad();
var y = MaskedTensor.Create(Enumerable.Repeat(1f, 11).ToArray(), Enumerable.Range(0, 11).Select(i => i >= 2).ToArray(), 11).RequireGrad();
var cond = MaskedTensor.FromArray(Enumerable.Range(0, 11).Select(i => i < 2).ToArray(), 11);
var s = MaskedTensor.Where(cond, x.Exp(), y).Sum();
s.Backward();
Console.WriteLine($"x.Grad = {x.Grad}");
Console.WriteLine($"y.Grad = {y.Grad}");

Console.WriteLine();
Console.WriteLine("== x / 0 under a masked loss (issue 4132): x.grad = [--, 1] ==");
var xp = MaskedTensor.FromArray(new float[] { 1, 1 }, 2).RequireGrad();
var div = MaskedTensor.FromArray(new float[] { 0, 1 }, 2);
var loss = MaskedTensor.AsMasked(xp / div, MaskedTensor.FromArray(new[] { false, true }, 2));
loss.Sum().Backward();
Console.WriteLine($"x.Grad = {xp.Grad}");

Console.WriteLine();
Console.WriteLine("== nansum gradient (issue 67180) ==");
var a = MaskedTensor.Create(new float[] { 1, 2, float.NaN }, new[] { true, true, false }, 3);
var b = MaskedTensor.Scalar(1f).RequireGrad();
(a * b).Sum().Backward();
Console.WriteLine($"sum = 3, b.Grad = {b.Grad}");

Console.WriteLine();
Console.WriteLine("== nanmean, nanargmin, and the mean of nothing ==");
var z = MaskedTensor.Create(new float[] { float.NaN, 1, 4, 9, float.NegativeInfinity, 5, 12, 21 },
    new[] { false, true, true, true, false, true, true, true }, 8);
Console.WriteLine($"mean = {z.Mean()}, argmin = {z.ArgMin()}");
Console.WriteLine($"mean of nothing = {MaskedTensor.Empty<float>(4).Mean()}");

Console.WriteLine();
Console.WriteLine("== Sparse: a 1000x1000 matrix with 0.5% valid entries ==");
var sparseRng = new Random(3);
var denseSparse = MaskedTensor.Create(Enumerable.Range(0, 1_000_000).Select(_ => (float)sparseRng.NextDouble()).ToArray(),
    Enumerable.Range(0, 1_000_000).Select(_ => sparseRng.NextDouble() < 0.005).ToArray(), 1000, 1000);
var csr = denseSparse.ToSparseCsr();
Console.WriteLine($"{csr}: {csr.StorageBytes:N0} bytes instead of {1_000_000 * 4 + 125_000:N0}; row 0 sum = {csr.Sum(1)[0]}");

Samples.RealData.Run();
Samples.PenguinSpecies.Run();
