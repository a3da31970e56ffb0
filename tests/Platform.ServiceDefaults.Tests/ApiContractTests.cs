using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Longgang.Platform.Tests.Sample;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Longgang.Platform.Tests;

/// <summary>
/// The shared API layer on a small transcoded service (Protos/sample.proto): what a request may carry (unknown query
/// parameters and body fields, path ids repeated in the body are refused before the handler runs) and what a response
/// leaves out (presence).
/// </summary>
public sealed class ApiContractTests(SampleApi api) : IClassFixture<SampleApi>
{
    [Theory]
    [InlineData("/api/sample/v1/things?matterCode=HC-001", "matterCode")]
    [InlineData("/api/sample/v1/things?pageSize=5&colour=red", "colour")]
    [InlineData("/api/sample/v1/things?detail.colour=red", "detail.colour")]
    [InlineData("/api/sample/v1/things?detail=x", "detail")]
    [InlineData("/api/sample/v1/things/t1?id=t2", "id")]
    [InlineData("/api/sample/v1/things/t1?name=x", "name")]
    public async Task Unknown_or_path_bound_query_parameters_are_refused_before_the_handler(string path, string parameter)
    {
        var calls = api.Calls;

        using var response = await api.Client.GetAsync(path);

        await AssertRefusedAsync(response, parameter);
        Assert.Equal(calls, api.Calls);
    }

    [Theory]
    [InlineData("/api/sample/v1/things?pageSize=5&pageToken=&state=THING_STATE_OPEN&query=x&tags=a&tags=b")]
    [InlineData("/api/sample/v1/things?page_size=5&detail.text=x&detail.level=2")]
    [InlineData("/api/sample/v1/things/t1")]
    public async Task Query_parameters_naming_request_fields_are_accepted(string path)
    {
        using var response = await api.Client.GetAsync(path);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"name":"n","colour":"red"}""", "colour")]
    [InlineData("""{"name":"n","detail":{"text":"x","colour":"red"}}""", "detail.colour")]
    [InlineData("""{"name":"n","details":[{"text":"x"},{"colour":"red"}]}""", "details[1].colour")]
    [InlineData("""{"id":"t1","name":"n"}""", "id")]
    [InlineData("""{"name":"n","id":"other"}""", "id")]
    public async Task Unknown_body_fields_and_path_ids_in_the_body_are_refused_before_the_handler(string body, string field)
    {
        var calls = api.Calls;

        using var response = await api.Client.PostAsync("/api/sample/v1/things/t1:rename", Json(body));

        await AssertRefusedAsync(response, field);
        Assert.Equal(calls, api.Calls);
    }

    [Fact]
    public async Task A_query_parameter_on_a_route_whose_body_takes_every_field_is_refused()
    {
        using var response = await api.Client.PostAsync("/api/sample/v1/things/t1:rename?note=x", Json("""{"name":"n"}"""));

        await AssertRefusedAsync(response, "note");
    }

    [Theory]
    [InlineData("""{"name":"n"}""")]
    [InlineData("""{"name":"n","note":"x","detail":{"text":"x"},"details":[{"level":1}]}""")]
    public async Task A_body_of_request_fields_is_accepted(string body)
    {
        using var response = await api.Client.PostAsync("/api/sample/v1/things/t1:rename", Json(body));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("", """{"id":"t","name":"n"}""", null)]
    [InlineData("?dryRun=true", """{"id":"t","name":"n"}""", null)]
    [InlineData("", """{"shelfCode":"s1","name":"n"}""", "shelfCode")]
    [InlineData("?shelfCode=s2", """{"name":"n"}""", "shelfCode")]
    [InlineData("?thing.name=x", """{"name":"n"}""", "thing.name")]
    public async Task A_body_bound_to_one_field_holds_that_fields_message(string query, string body, string? refused)
    {
        using var response = await api.Client.PutAsync("/api/sample/v1/shelves/s1/things" + query, Json(body));

        if (refused is null) Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        else await AssertRefusedAsync(response, refused);
    }

    [Fact]
    public async Task The_refusal_is_in_Chinese_by_default_and_in_English_when_asked()
    {
        using var chinese = await api.Client.GetAsync("/api/sample/v1/things?colour=red");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sample/v1/things?colour=red");
        request.Headers.AcceptLanguage.ParseAdd("en");
        using var english = await api.Client.SendAsync(request);

        var zh = JsonDocument.Parse(await chinese.Content.ReadAsStringAsync()).RootElement;
        var en = JsonDocument.Parse(await english.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("colour：不是此请求的参数", zh.GetProperty("detail").GetString());
        Assert.Equal("请求无效", zh.GetProperty("title").GetString());
        Assert.Equal("colour: is not a parameter of this request", en.GetProperty("detail").GetString());
    }

    /// <summary>
    /// Presence (API convention 5): transcoding leaves out a proto3 <c>optional</c> field that is unset and a message
    /// field that is unset, so a client can tell "no value" from a value. Fields without presence are written even when
    /// they hold their default (<c>IgnoreDefaultValues</c> stays false), so a generated client can rely on them.
    /// </summary>
    [Fact]
    public async Task Unset_optional_and_message_fields_are_left_out_and_fields_without_presence_are_written()
    {
        using var response = await api.Client.GetAsync("/api/sample/v1/things/bare");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        var names = json.EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var absent in new[] { "note", "state", "rating", "createdAt", "detail" })
            Assert.False(names.Contains(absent), $"{absent} is unset but was written: {json}");
        foreach (var present in new[] { "id", "name", "createdOn", "count", "tags", "details" })
            Assert.True(names.Contains(present), $"{present} has no presence and should always be written: {json}");
        Assert.Equal(0, json.GetProperty("count").GetInt32());
        Assert.Equal(0, json.GetProperty("tags").GetArrayLength());
    }

    [Fact]
    public async Task Set_optional_fields_are_written_even_when_they_hold_the_default()
    {
        using var response = await api.Client.GetAsync("/api/sample/v1/things/zero");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("", json.GetProperty("note").GetString());
        Assert.Equal(0, json.GetProperty("rating").GetInt32());
        Assert.Equal("THING_STATE_UNSPECIFIED", json.GetProperty("state").GetString());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"errors does not name {field}: {body}");
    }
}

/// <summary>The sample service behind the shared layer, on a loopback port of its own.</summary>
public sealed class SampleApi : IAsyncLifetime
{
    private WebApplication _app = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>How many calls reached a handler.</summary>
    public int Calls => _calls;

    private int _calls;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.AddGrpcApi();
        builder.Services.AddProblemDetails();
        builder.Services.AddPlatformText<Localization.Resources.Messages>();
        builder.Services.AddSingleton(this);
        _app = builder.Build();
        _app.UsePlatformLanguages();
        _app.UseMiddleware<ProblemDetailsMiddleware>();
        _app.MapGrpcService<Service>();
        await _app.StartAsync();
        Client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }

    private sealed class Service(SampleApi api) : SampleService.SampleServiceBase
    {
        public override Task<ListThingsResponse> ListThings(ListThingsRequest request, ServerCallContext context)
        {
            Interlocked.Increment(ref api._calls);
            return Task.FromResult(new ListThingsResponse { Things = { Full("t1") }, TotalSize = 1 });
        }

        public override Task<Thing> GetThing(GetThingRequest request, ServerCallContext context)
        {
            Interlocked.Increment(ref api._calls);
            return Task.FromResult(request.Id switch
            {
                "bare" => new Thing { Id = "bare", Name = "Bare" },
                "zero" => new Thing { Id = "zero", Name = "Zero", Note = "", Rating = 0, State = ThingState.Unspecified },
                _ => Full(request.Id),
            });
        }

        public override Task<Thing> RenameThing(RenameThingRequest request, ServerCallContext context)
        {
            Interlocked.Increment(ref api._calls);
            return Task.FromResult(new Thing { Id = request.Id, Name = request.Name });
        }

        public override Task<Thing> ShelveThing(ShelveThingRequest request, ServerCallContext context)
        {
            Interlocked.Increment(ref api._calls);
            return Task.FromResult(request.Thing);
        }

        private static Thing Full(string id) => new()
        {
            Id = id,
            Name = "Thing " + id,
            Note = "noted",
            State = ThingState.Open,
            CreatedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 1, 1, 30, 0, TimeSpan.Zero)),
            CreatedOn = "2026-03-01",
            Count = 2,
            Tags = { "a" },
            Detail = new Detail { Text = "x", Level = 1 },
            Rating = 4,
        };
    }
}
