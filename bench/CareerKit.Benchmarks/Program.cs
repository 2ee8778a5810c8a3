using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/CareerKit.Benchmarks -- --filter '*'
// (Named by a benchmark class, not Program: the app this references has a Program of its own.)
BenchmarkSwitcher.FromAssembly(typeof(CareerKit.Benchmarks.ResumeRenderBenchmarks).Assembly).Run(args);
