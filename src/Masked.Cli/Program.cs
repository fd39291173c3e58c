return Masked.Cli.MaskedCli.Run(args, Console.Out, Console.Error);
