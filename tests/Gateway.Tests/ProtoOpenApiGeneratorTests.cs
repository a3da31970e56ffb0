using System.Text.Json.Nodes;
using Longgang.Approvals.Contracts.V1;
using Longgang.Livelihood.Contracts.V1;

namespace Longgang.Gateway.Tests;

/// <summary>The generator alone: proto3 JSON mapping of field types, and operations from google.api.http.</summary>
public sealed class ProtoOpenApiGeneratorTests
{
    private static readonly JsonObject Document =
        ProtoOpenApiGenerator.Generate([LivelihoodReflection.Descriptor, ApprovalsReflection.Descriptor], "test", "v1");

    private static JsonNode Schema(string name) => Document["components"]!["schemas"]![name]!;

    private static JsonNode Property(string message, string property) => Schema(message)["properties"]![property]!;

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

        var byName = parameters.ToDictionary(p => (string)p!["name"]!, p => (string)p!["in"]!);
        var listByName = listParameters.ToDictionary(p => (string)p!["name"]!, p => (string)p!["in"]!);
        Assert.Equal("path", byName["year"]);
        Assert.Single(byName);
        Assert.Equal("query", listByName["year"]);
        Assert.Equal("query", listByName["pageSize"]);
        Assert.Equal("query", listByName["owningDepartmentCode"]);
        Assert.Equal(9, listByName.Count);
    }

    [Fact]
    public void Operations_have_ids_tags_and_problem_responses()
    {
        var submit = Document["paths"]!["/api/approvals/v1/applications"]!["post"]!;

        Assert.Equal("ApprovalsService_SubmitApplication", (string?)submit["operationId"]);
        Assert.Equal("ApprovalsService", (string?)submit["tags"]![0]);
        foreach (var status in new[] { "400", "401", "403", "404", "409", "429" })
            Assert.NotNull(submit["responses"]![status]);
        var problem = Document["components"]!["responses"]!["BadRequest"]!["content"]!["application/problem+json"];
        Assert.NotNull(problem);
    }
}
