using Longgang.Livelihood;
using Longgang.Platform;
using Longgang.Platform.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddLivelihood();
builder.AddMessaging();

var app = builder.Build();
app.MapServiceDefaults();
app.MapLivelihood();
app.Run();
