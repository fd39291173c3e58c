using Xunit;

namespace Masked.Core.Tests;

/// <summary>Tests that change the process-wide <see cref="MaskedParallelism"/> settings run alone, never beside other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ParallelismCollection
{
    public const string Name = "MaskedParallelism settings";
}
