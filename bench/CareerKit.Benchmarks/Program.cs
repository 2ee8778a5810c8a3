using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/CareerKit.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
