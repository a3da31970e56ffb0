using Longgang.Approvals;
using Longgang.Platform;
using Longgang.Platform.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApprovals();
builder.AddMessaging();

var app = builder.Build();
app.MapServiceDefaults();
app.MapApprovals();
app.Run();
