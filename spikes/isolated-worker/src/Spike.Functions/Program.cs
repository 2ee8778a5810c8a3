using Spike.Hosting;
using Spike.Hosting.Standalone;

// One executable, two modes: under the Functions host (it passes --functions-uri) the isolated worker runs the
// [Function]s; started any other way, the same [Function]s run standalone on ASP.NET Core.
if (HostMode.IsUnderFunctionsHost(args))
{
    Spike.Hosting.Worker.WorkerHost.CreateBuilder(args).Build().Run();
}
else
{
    var app = StandaloneHost.CreateBuilder(args).Build();
    app.MapFunctions();
    app.Run();
}
