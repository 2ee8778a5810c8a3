using CareerKit.Cli;
using CareerKit.Hosting;

if (CommandLine.IsCommand(args))
{
    return CommandLine.Run(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddCareerKit();

var app = builder.Build();
app.UseCareerKit();
app.MapCareerKit();

app.Run();
return 0;

// Lets the tests start the real app on Kestrel with their own settings.
public partial class Program;
