// The admin portal's pages (issue 10) are not built yet; run.sh does not start this host until they are.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorPages();

var app = builder.Build();
app.MapRazorPages();
app.Run();
