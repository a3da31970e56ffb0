using System.Text;
using Google.Protobuf.WellKnownTypes;
using Longgang.Platform.Errors;
using Microsoft.Extensions.Primitives;

namespace Longgang.Platform.Tests;

/// <summary>google.protobuf.Field has the shapes a request can get wrong: int32, enums, bool, strings, a repeated message.</summary>
public sealed class JsonBodyInspectorTests
{
    private static string? Find(string json) => JsonBodyInspector.FindOffendingField(Encoding.UTF8.GetBytes(json), Field.Descriptor);

    [Theory]
    [InlineData("""{"name":"ok","number":3,"kind":"TYPE_STRING","packed":true}""", null)]
    [InlineData("""{"number":"12"}""", null)] // proto3 JSON accepts integers as strings
    [InlineData("""{"name":null}""", null)]
    [InlineData("""{"name":5}""", "name")]
    [InlineData("""{"number":"twelve"}""", "number")]
    [InlineData("""{"number":1.5}""", "number")]
    [InlineData("""{"number":3000000000}""", "number")]
    [InlineData("""{"kind":"TYPE_NOPE"}""", "kind")]
    [InlineData("""{"kind":999}""", "kind")]
    [InlineData("""{"packed":"yes"}""", "packed")]
    [InlineData("""{"options":{"name":"x"}}""", "options")]
    [InlineData("""{"options":[{"name":"x"},{"name":7}]}""", "options[1].name")]
    [InlineData("""{"unknownField":1}""", "unknownField")]
    [InlineData("""{"name":"x",""", "body")]
    [InlineData("""[1,2]""", "body")]
    public void Names_the_first_value_that_does_not_fit(string json, string? expected) => Assert.Equal(expected, Find(json));

    [Fact]
    public void Names_a_query_parameter_that_does_not_fit()
    {
        var query = new Dictionary<string, StringValues> { ["name"] = "x", ["number"] = "abc" };
        Assert.Equal("number", JsonBodyInspector.FindOffendingQueryParameter(query, Field.Descriptor));
        Assert.Null(JsonBodyInspector.FindOffendingQueryParameter(new Dictionary<string, StringValues> { ["kind"] = "TYPE_BOOL" }, Field.Descriptor));
    }
}
