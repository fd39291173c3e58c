using System.CommandLine;

namespace Masked.Cli.Commands;

/// <summary><c>masked tutorial</c>: prints the PyTorch MaskedTensor tutorial's examples (the samples' <c>Tutorial.cs</c>).</summary>
public static class TutorialCommand
{
    /// <summary>The command.</summary>
    public static Command Create(TextWriter output)
    {
        var cmd = new Command("tutorial", "Print the PyTorch MaskedTensor tutorial's examples, computed with Masked.Core.");
        cmd.SetAction(_ => { Samples.Tutorial.Run(output); return 0; });
        return cmd;
    }
}
