namespace Masked;

/// <summary>
/// Reverse-mode automatic differentiation over masked tensors. Operations record a
/// <c>GradNode</c> (inputs + backward closure) when an input requires gradients; backward is one
/// topological walk. Gradients are masked tensors: an entry that no valid path reaches is masked —
/// not 0 and not NaN — and contributions of several paths add up over their valid entries.
/// </summary>
public static class Autograd
{
    [ThreadStatic] private static int t_noGradDepth;

    /// <summary>Whether operations on this thread currently record the tape.</summary>
    public static bool IsEnabled => t_noGradDepth == 0;

    /// <summary>Disables recording on this thread until the returned scope is disposed: <c>using (Autograd.NoGrad()) { ... }</c>.</summary>
    public static IDisposable NoGrad()
    {
        t_noGradDepth++;
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        private bool _disposed;
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            t_noGradDepth--;
        }
    }

    /// <summary>Records <paramref name="result"/> as produced from <paramref name="input"/> when recording is on and the input requires gradients; <paramref name="op"/> (the calling method) names it for <see cref="MaskedTrace"/>.</summary>
    internal static MaskedTensor<T> Record<T>(MaskedTensor<T> result, Func<MaskedTensor<T>, MaskedTensor<T>?[]> backward, MaskedTensor<T> input,
        [System.Runtime.CompilerServices.CallerMemberName] string op = "") where T : unmanaged
    {
        if (MaskedTrace.IsActive) MaskedTrace.Record(op, result, [input]);
        return Tape(result, backward, [input], null);
    }

    /// <summary>Records a two-input op (see the one-input overload); <paramref name="op"/> names it for <see cref="MaskedTrace"/>.</summary>
    internal static MaskedTensor<T> Record<T>(MaskedTensor<T> result, Func<MaskedTensor<T>, MaskedTensor<T>?[]> backward, MaskedTensor<T> a, MaskedTensor<T> b,
        [System.Runtime.CompilerServices.CallerMemberName] string op = "") where T : unmanaged
    {
        if (MaskedTrace.IsActive) MaskedTrace.Record(op, result, [a, b]);
        return Tape(result, backward, [a, b], null);
    }

    /// <summary>Records an op with any number of inputs.</summary>
    internal static MaskedTensor<T> Record<T>(MaskedTensor<T> result, Func<MaskedTensor<T>, MaskedTensor<T>?[]> backward, params MaskedTensor<T>[] inputs)
        where T : unmanaged
    {
        if (MaskedTrace.IsActive) MaskedTrace.Record("Concatenate", result, inputs);
        return Tape(result, backward, inputs, null);
    }

    /// <summary>
    /// Records; the gradient node's op name is read from <paramref name="namedBy"/> (a lambda defined in the public op)
    /// instead of <paramref name="backward"/>. The caller names the op for <see cref="MaskedTrace"/> (<c>MaskedTrace.Note</c>).
    /// </summary>
    internal static MaskedTensor<T> Record<T>(MaskedTensor<T> result, Func<MaskedTensor<T>, MaskedTensor<T>?[]> backward, Delegate? namedBy, params MaskedTensor<T>[] inputs)
        where T : unmanaged
        => Tape(result, backward, inputs, namedBy);

    private static MaskedTensor<T> Tape<T>(MaskedTensor<T> result, Func<MaskedTensor<T>, MaskedTensor<T>?[]> backward, MaskedTensor<T>[] inputs, Delegate? namedBy)
        where T : unmanaged
    {
        if (t_noGradDepth != 0) return result;
        bool any = false;
        foreach (var i in inputs) any |= i.RequiresGrad;
        if (!any || ReferenceEquals(result, inputs[0]) && inputs.Length == 1) return result;
        result.GradFn = new GradNode<T>(inputs, backward, namedBy);
        result.RequiresGrad = true;
        return result;
    }

    /// <summary>Computes gradients of <paramref name="output"/> and accumulates them into the leaves' <see cref="MaskedTensor{T}.Grad"/>.</summary>
    internal static void Backward<T>(MaskedTensor<T> output, MaskedTensor<T>? seed) where T : unmanaged
    {
        var grads = Run(output, seed, null);
        foreach (var (leaf, g) in grads)
            leaf.Grad = leaf.Grad is null ? g : GradMath<T>.Instance.AddUnion(leaf.Grad, g);
    }

    /// <summary>
    /// Gradients of <paramref name="output"/> with respect to <paramref name="inputs"/>, returned without touching any
    /// <c>Grad</c> (like <c>torch.autograd.grad</c>). An input that no path reaches gets an all-masked gradient.
    /// </summary>
    /// <param name="output">A scalar output (seeded with 1) or any output when <paramref name="seed"/> is given.</param>
    /// <param name="inputs">Tensors that require gradients (leaves or intermediate results).</param>
    /// <param name="seed">Optional seed gradient with the output's shape.</param>
    public static MaskedTensor<T>[] Grad<T>(MaskedTensor<T> output, IReadOnlyList<MaskedTensor<T>> inputs, MaskedTensor<T>? seed = null) where T : unmanaged
    {
        foreach (var i in inputs)
            if (!i.RequiresGrad) ThrowHelper.ThrowArgument("Autograd.Grad: every input must require gradients.", nameof(inputs));
        var wanted = new HashSet<MaskedTensor<T>>(inputs, ReferenceEqualityComparer.Instance);
        var grads = Run(output, seed, wanted);
        var r = new MaskedTensor<T>[inputs.Count];
        for (int k = 0; k < r.Length; k++)
        {
            var x = inputs[k];
            r[k] = grads.TryGetValue(x, out var g) ? g
                : MaskedTensor<T>.Contiguous(new T[x.Length], ValidityBitmap.Allocate(x.Length, false), x.Shape.ToArray());
        }
        return r;
    }

    private static Dictionary<MaskedTensor<T>, MaskedTensor<T>> Run<T>(MaskedTensor<T> output, MaskedTensor<T>? seed, HashSet<MaskedTensor<T>>? wanted)
        where T : unmanaged
    {
        if (!output.RequiresGrad)
            ThrowHelper.ThrowInvalidOperation("Backward: the tensor does not require gradients (no input was created with requiresGrad, or it was computed under NoGrad).");
        var math = GradMath<T>.Instance;
        if (seed is null)
        {
            if (output.Length != 1)
                ThrowHelper.ThrowInvalidOperation($"Backward without a seed gradient needs a one-element output; shape is {ShapeMath.Format(output._shape)}.");
            seed = math.OnesLike(output);
        }
        else if (!ShapeMath.SameShape(seed._shape, output._shape))
            ThrowHelper.ThrowArgument($"Seed gradient shape {ShapeMath.Format(seed._shape)} does not match output shape {ShapeMath.Format(output._shape)}.", nameof(seed));

        // Topological order by iterative DFS over recorded nodes.
        var order = new List<MaskedTensor<T>>();
        var seen = new HashSet<MaskedTensor<T>>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(MaskedTensor<T> t, bool expanded)>();
        stack.Push((output, false));
        while (stack.Count > 0)
        {
            var (t, expanded) = stack.Pop();
            if (expanded) { order.Add(t); continue; }
            if (!seen.Add(t)) continue;
            stack.Push((t, true));
            if (t.GradFn is null) continue;
            foreach (var i in t.GradFn.Inputs)
                if (i.RequiresGrad && !seen.Contains(i)) stack.Push((i, false));
        }

        var grads = new Dictionary<MaskedTensor<T>, MaskedTensor<T>>(ReferenceEqualityComparer.Instance) { [output] = seed };
        var result = new Dictionary<MaskedTensor<T>, MaskedTensor<T>>(ReferenceEqualityComparer.Instance);
        using (NoGrad())
        using (Kernels.RecycledArrays<T>.Enter())
        {
            for (int k = order.Count - 1; k >= 0; k--)
            {
                var t = order[k];
                if (!grads.TryGetValue(t, out var g)) continue;
                if (wanted is not null ? wanted.Contains(t) : t.GradFn is null) result[t] = g;
                if (t.GradFn is null) continue;
                var ins = t.GradFn.Inputs;
                var gs = t.GradFn.Backward(g);
                grads.Remove(t);
                RecycleIfDead(g, gs, grads, result);
                for (int j = 0; j < ins.Length; j++)
                {
                    var gi = gs[j];
                    if (gi is null || !ins[j].RequiresGrad) continue;
                    if (!ShapeMath.SameShape(gi._shape, ins[j]._shape))
                        ThrowHelper.ThrowInvalidOperation($"Backward of {t.GradFn.Name}: gradient shape {ShapeMath.Format(gi._shape)} for input {j} does not match its shape {ShapeMath.Format(ins[j]._shape)}.");
                    grads[ins[j]] = grads.TryGetValue(ins[j], out var prev) ? Accumulate(math, ins[j], prev, gi, gs, grads, result) : gi;
                }
            }
        }
        return result;
    }

    /// <summary>
    /// Hands an intermediate gradient's array back to the kernels once its node has run, when backward itself made it
    /// and nothing still reads it: not a returned gradient, not shared by the gradients its node produced or by any
    /// gradient still waiting for its node.
    /// </summary>
    private static void RecycleIfDead<T>(MaskedTensor<T> g, MaskedTensor<T>?[] produced, Dictionary<MaskedTensor<T>, MaskedTensor<T>> pending,
        Dictionary<MaskedTensor<T>, MaskedTensor<T>> result) where T : unmanaged
    {
        if (!System.Runtime.InteropServices.MemoryMarshal.TryGetArray<T>(g._buffer, out var seg) || seg.Array is not { } array) return;
        if (!Kernels.RecycledArrays<T>.IsScoped(array)) return;
        foreach (var p in produced)
            if (p is not null && SharesArray(p, array)) return;
        foreach (var r in result.Values)
            if (SharesArray(r, array)) return;
        foreach (var q in pending.Values) // e.g. Add's backward hands the same gradient to both inputs
            if (SharesArray(q, array)) return;
        Kernels.RecycledArrays<T>.Recycle(array);
    }

    /// <summary>
    /// <paramref name="prev"/> + <paramref name="gi"/> over the union of their masks (one kernel pass). When prev's array
    /// was made by this backward pass and nothing else reads it, the sum overwrites it (no fresh array); gi's array is
    /// handed back when it is dead after the sum.
    /// </summary>
    private static MaskedTensor<T> Accumulate<T>(GradMath<T> math, MaskedTensor<T> input, MaskedTensor<T> prev, MaskedTensor<T> gi, MaskedTensor<T>?[] produced,
        Dictionary<MaskedTensor<T>, MaskedTensor<T>> pending, Dictionary<MaskedTensor<T>, MaskedTensor<T>> result) where T : unmanaged
    {
        bool own = !SharesArray(gi, prev) && Exclusive(prev, input, produced, pending, result);
        var sum = math.AddUnion(prev, gi, overwriteA: own);
        pending[input] = sum; // gi is now held only through the sum (when not shared elsewhere)
        if (System.Runtime.InteropServices.MemoryMarshal.TryGetArray<T>(gi._buffer, out var seg) && seg.Array is { } giArray
            && !SharesArray(sum, giArray) && Exclusive(gi, input, produced, pending, result))
            Kernels.RecycledArrays<T>.Recycle(giArray);
        return sum;
    }

    /// <summary>
    /// Whether <paramref name="g"/>'s array was made by this backward pass and no other gradient reads it: not a returned
    /// gradient, not another pending gradient (the entry of <paramref name="input"/> is g itself), not another gradient
    /// its node produced.
    /// </summary>
    private static bool Exclusive<T>(MaskedTensor<T> g, MaskedTensor<T> input, MaskedTensor<T>?[] produced, Dictionary<MaskedTensor<T>, MaskedTensor<T>> pending,
        Dictionary<MaskedTensor<T>, MaskedTensor<T>> result) where T : unmanaged
    {
        if (!System.Runtime.InteropServices.MemoryMarshal.TryGetArray<T>(g._buffer, out var seg) || seg.Array is not { } array) return false;
        if (!Kernels.RecycledArrays<T>.IsScoped(array)) return false;
        // Of the gradients this node produced, only g itself may hold the array (once: [h, k, h] hands h to two inputs).
        int holders = 0, self = 0;
        foreach (var p in produced)
        {
            if (p is null) continue;
            if (SharesArray(p, array)) holders++;
            if (ReferenceEquals(p, g)) self++;
        }
        if (holders > 1 || holders == 1 && self != 1) return false;
        foreach (var (key, q) in pending)
            if (!ReferenceEquals(key, input) && SharesArray(q, array)) return false;
        foreach (var r in result.Values)
            if (SharesArray(r, array)) return false;
        return true;
    }

    private static bool SharesArray<T>(MaskedTensor<T> t, T[] array) where T : unmanaged
        => System.Runtime.InteropServices.MemoryMarshal.TryGetArray<T>(t._buffer, out var seg) && ReferenceEquals(seg.Array, array);

    private static bool SharesArray<T>(MaskedTensor<T> t, MaskedTensor<T> other) where T : unmanaged
        => System.Runtime.InteropServices.MemoryMarshal.TryGetArray<T>(other._buffer, out var seg) && seg.Array is { } array && SharesArray(t, array);
}
