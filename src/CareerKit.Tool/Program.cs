using CareerKit.Cli;

// The same command, code and messages as the function app's `careerkit resume render`.
return CommandLine.Run(args, Console.Out, Console.Error);
