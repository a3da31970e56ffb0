using Longgang.Platform;
using Longgang.Platform.Messaging;
using Longgang.Talent;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTalent();
builder.AddMessaging();

var app = builder.Build();
app.MapServiceDefaults();
app.MapTalent();
app.Run();
