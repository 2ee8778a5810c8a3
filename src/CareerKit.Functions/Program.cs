using CareerKit.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCareerKit();

var app = builder.Build();
app.UseCareerKit();
app.MapCareerKit();

app.Run();

// Lets the tests start the real app on Kestrel with their own settings.
public partial class Program;
