namespace Masked.Cli.Tests;

public class TutorialTests
{
    [Fact]
    public void PrintsTheSamplesTutorial()
    {
        var run = CliRun.Of("tutorial");
        Assert.Equal(0, run.Exit);
        var expected = new StringWriter();
        Samples.Tutorial.Run(expected); // the very code the samples run
        Assert.Equal(expected.ToString(), run.Out);
        Assert.Contains("== Safe softmax", run.Out);
        Assert.Contains("x.Grad = ", run.Out);
    }
}
