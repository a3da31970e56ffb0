using Longgang.Governance;
using Longgang.Platform;
using Longgang.Platform.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGovernance();
builder.AddMessaging();

var app = builder.Build();
app.MapServiceDefaults();
app.MapGovernance();
app.Run();
