using System.Text.Json.Nodes;
using Longgang.Approvals.Contracts.V1;
using Longgang.Livelihood.Contracts.V1;
using Longgang.Platform.Tests.Sample;

namespace Longgang.Gateway.Tests;

/// <summary>The generator alone: proto3 JSON mapping of field types, and operations from google.api.http.</summary>
public sealed class ProtoOpenApiGeneratorTests
{
    private static readonly JsonObject Document =
        ProtoOpenApiGenerator.Generate([LivelihoodReflection.Descriptor, ApprovalsReflection.Descriptor], "test", "v1");

    private static JsonNode Schema(string name) => Document["components"]!["schemas"]![name]!;

    private static JsonNode Property(string message, string property) => Schema(message)["properties"]![property]!;

    [Fact]
    public void A_printed_document_is_a_binary_pdf_answer()
    {
        var answer = Document["paths"]!["/api/approvals/v1/applications/{id}/documents/{kind}"]!["get"]!["responses"]!["200"]!["content"]!.AsObject();

        var pdf = Assert.Single(answer);
        Assert.Equal("application/pdf", pdf.Key);
        Assert.Equal(("string", "binary"), ((string?)pdf.Value!["schema"]!["type"], (string?)pdf.Value!["schema"]!["format"]));
    }

    [Fact]
    public void Int64_is_a_string()
    {
        var cost = Property("longgang.livelihood.v1.Project", "estimatedCostYuan");

        Assert.Equal("string", (string?)cost["type"]);
        Assert.Equal("int64", (string?)cost["format"]);
    }

    [Fact]
    public void Int32_is_an_integer()
    {
        Assert.Equal("integer", (string?)Property("longgang.livelihood.v1.Project", "year")["type"]);
    }

    [Fact]
    public void Enum_is_a_string_enum_of_its_value_names()
    {
        var reference = (string?)Property("longgang.livelihood.v1.Project", "category")["$ref"];
        Assert.Equal("#/components/schemas/longgang.livelihood.v1.ProjectCategory", reference);

        var category = Schema("longgang.livelihood.v1.ProjectCategory");
        Assert.Equal("string", (string?)category["type"]);
        var values = category["enum"]!.AsArray().Select(v => (string?)v).ToArray();
        Assert.Contains("PROJECT_CATEGORY_EDUCATION", values);
        Assert.Equal(ProjectCategory.Environment, Enum.GetValues<ProjectCategory>().Max());
        Assert.Equal(Enum.GetValues<ProjectCategory>().Length, values.Length);
    }

    [Fact]
    public void Repeated_is_an_array()
    {
        var districts = Property("longgang.livelihood.v1.Project", "districtCodes");

        Assert.Equal("array", (string?)districts["type"]);
        Assert.Equal("string", (string?)districts["items"]!["type"]);
    }

    [Fact]
    public void Repeated_message_is_an_array_of_refs()
    {
        var projects = Property("longgang.livelihood.v1.ListProjectsResponse", "projects");

        Assert.Equal("array", (string?)projects["type"]);
        Assert.Equal("#/components/schemas/longgang.livelihood.v1.Project", (string?)projects["items"]!["$ref"]);
    }

    [Fact]
    public void Timestamp_is_a_date_time_string()
    {
        var proposedAt = Property("longgang.livelihood.v1.Project", "proposedAt");

        Assert.Equal("string", (string?)proposedAt["type"]);
        Assert.Equal("date-time", (string?)proposedAt["format"]);
    }

    [Fact]
    public void Get_fields_not_in_the_path_are_camel_case_query_parameters()
    {
        var parameters = Document["paths"]!["/api/livelihood/v1/cycles/{year}/ballots/mine"]!["get"]!["parameters"]!.AsArray();
        var listParameters = Document["paths"]!["/api/livelihood/v1/projects"]!["get"]!["parameters"]!.AsArray();

        var byName = parameters.Where(p => p!["name"] is not null).ToDictionary(p => (string)p!["name"]!, p => (string)p!["in"]!);
        var listByName = listParameters.Where(p => p!["name"] is not null).ToDictionary(p => (string)p!["name"]!, p => (string)p!["in"]!);
        Assert.Equal("path", byName["year"]);
        Assert.Single(byName);
        Assert.Equal("query", listByName["year"]);
        Assert.Equal("query", listByName["pageSize"]);
        Assert.Equal("query", listByName["owningDepartmentCode"]);
        Assert.Equal("query", listByName["atRisk"]);
        // every field of the request is a query parameter, counted from the descriptor so a new filter needs no edit here
        Assert.Equal(Longgang.Livelihood.Contracts.V1.ListProjectsRequest.Descriptor.Fields.InDeclarationOrder().Select(f => f.JsonName).Order(),
            listByName.Keys.Order());
    }

    [Fact]
    public void Operations_have_ids_tags_and_problem_responses()
    {
        var submit = Document["paths"]!["/api/approvals/v1/applications"]!["post"]!;

        Assert.Equal("ApprovalsService_SubmitApplication", (string?)submit["operationId"]);
        Assert.Equal("ApprovalsService", (string?)submit["tags"]![0]);
        foreach (var status in new[] { "400", "401", "403", "404", "409", "413", "415", "422", "429", "503" })
            Assert.NotNull(submit["responses"]![status]);
        var problem = Document["components"]!["responses"]!["BadRequest"]!["content"]!["application/problem+json"];
        Assert.NotNull(problem);
    }

    // ---- the conventions, on the shared layer's sample API (tests/Platform.ServiceDefaults.Tests/Protos/sample.proto) ----

    private static readonly JsonObject Sample = ProtoOpenApiGenerator.Generate([SampleReflection.Descriptor], "sample", "v1");

    private static JsonNode SampleOperation(string path, string verb) => Sample["paths"]![path]![verb]!;

    private static string[] Required(JsonNode schema) => schema["required"]?.AsArray().Select(n => (string)n!).ToArray() ?? [];

    private static JsonNode SampleSchema(string reference) => Sample["components"]!["schemas"]![reference.Replace("#/components/schemas/", "", StringComparison.Ordinal)]!;

    [Fact]
    public void Path_parameters_have_their_json_names_and_the_body_leaves_out_what_the_path_binds()
    {
        var shelve = SampleOperation("/api/sample/v1/shelves/{shelfCode}/things", "put");
        Assert.Contains(shelve["parameters"]!.AsArray(), p => (string?)p!["name"] == "shelfCode" && (string?)p["in"] == "path");

        var rename = SampleOperation("/api/sample/v1/things/{id}:rename", "post");
        var body = SampleSchema((string)rename["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!);
        var properties = body["properties"]!.AsObject().Select(p => p.Key).ToArray();
        Assert.DoesNotContain("id", properties);
        Assert.Contains("name", properties);
    }

    [Fact]
    public void Request_fields_marked_REQUIRED_are_required_and_others_are_not()
    {
        var rename = SampleOperation("/api/sample/v1/things/{id}:rename", "post");
        var body = SampleSchema((string)rename["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!);

        Assert.Equal(["name"], Required(body));
    }

    [Fact]
    public void Response_fields_without_presence_are_required_and_optional_and_message_fields_are_not()
    {
        var thing = SampleSchema("longgang.sample.v1.Thing");

        Assert.Equal(["id", "name", "createdOn", "count", "tags", "details"], Required(thing));
    }

    [Fact]
    public void A_message_sent_inside_a_request_has_an_input_schema_of_its_own()
    {
        var shelve = SampleOperation("/api/sample/v1/shelves/{shelfCode}/things", "put");

        Assert.Equal("#/components/schemas/longgang.sample.v1.ThingInput",
            (string?)shelve["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.Empty(Required(SampleSchema("longgang.sample.v1.ThingInput")));
    }

    [Fact]
    public void The_description_is_the_rpc_comment()
    {
        var description = (string?)SampleOperation("/api/sample/v1/things/{id}:rename", "post")["description"];

        Assert.StartsWith("Renames a thing. Clerks only; from THING_STATE_OPEN.", description);
    }

    [Fact]
    public void Headers_are_parameters_and_statuses_are_answered_where_they_can_happen()
    {
        static string[] Refs(JsonNode operation) =>
            operation["parameters"]!.AsArray().Select(p => (string?)p!["$ref"]).OfType<string>().ToArray();
        var post = SampleOperation("/api/sample/v1/things/{id}:rename", "post");
        var get = SampleOperation("/api/sample/v1/things", "get");

        Assert.Contains("#/components/parameters/IdempotencyKey", Refs(post));
        Assert.DoesNotContain("#/components/parameters/IdempotencyKey", Refs(get));
        foreach (var operation in new[] { post, get })
        {
            Assert.Contains("#/components/parameters/CorrelationId", Refs(operation));
            Assert.Contains("#/components/parameters/AcceptLanguage", Refs(operation));
            Assert.NotNull(operation["responses"]!["503"]);
        }
        Assert.NotNull(post["responses"]!["415"]);
        Assert.NotNull(post["responses"]!["422"]);
        Assert.Null(get["responses"]!["415"]);
        Assert.Null(get["responses"]!["422"]);
        Assert.Equal("X-Correlation-Id", (string?)Sample["components"]!["parameters"]!["CorrelationId"]!["name"]);
        Assert.Equal("Idempotency-Key", (string?)Sample["components"]!["parameters"]!["IdempotencyKey"]!["name"]);
    }

    [Fact]
    public void The_document_states_the_time_rule()
    {
        var description = (string?)Sample["info"]!["description"];

        Assert.Contains("RFC 3339", description);
        Assert.Contains("submittedOn", description);
        Assert.Contains("Asia/Shanghai", description);
    }
}
