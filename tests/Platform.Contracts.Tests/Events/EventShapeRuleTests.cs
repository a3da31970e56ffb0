using Longgang.Approvals.Contracts.Events.V1;

namespace Longgang.Platform.Tests.Events;

/// <summary>The compatibility rule itself, on copies of a released shape changed the ways an older consumer would or would not notice.</summary>
public sealed class EventShapeRuleTests
{
    private static readonly EventShape Released = EventShape.Of(typeof(ApplicationDecided));

    private static EventShape Changed(Action<SortedDictionary<string, PropertyShape>> change)
    {
        var properties = new SortedDictionary<string, PropertyShape>(Released.Properties, StringComparer.Ordinal);
        change(properties);
        return Released with { Properties = properties };
    }

    [Fact]
    public void The_shape_is_the_serializers_camel_case_json_with_nullability_and_defaults()
    {
        Assert.Equal(new PropertyShape("string/uuid"), Released.Properties["applicationId"]);
        Assert.Equal(new PropertyShape("string", Nullable: true), Released.Properties["districtCode"]);
        Assert.Equal(new PropertyShape("array<string>"), Released.Properties["reasons"]);
        Assert.Equal(new PropertyShape("string/date-time"), Released.Properties["decidedAt"]);
        Assert.Equal(new PropertyShape("boolean", Defaulted: true), Released.Properties["supervisionRequired"]);
        Assert.Equal("urn:message:Longgang.Approvals.Contracts.Events.V1:ApplicationDecided", Released.MessageUrn);
    }

    [Fact]
    public void The_unchanged_type_keeps_its_shape() => Assert.Empty(Released.BreaksBy(EventShape.Of(typeof(ApplicationDecided))));

    [Fact]
    public void A_renamed_property_breaks() =>
        Assert.Contains(Released.BreaksBy(Changed(p => { p["outcomeCode"] = p["outcome"]; p.Remove("outcome"); })), b => b.Contains(".outcome was removed or renamed"));

    [Fact]
    public void A_removed_property_breaks() =>
        Assert.Single(Released.BreaksBy(Changed(p => p.Remove("onTime"))));

    [Fact]
    public void A_retyped_property_breaks() =>
        Assert.Contains(Released.BreaksBy(Changed(p => p["elapsedWorkingDays"] = new PropertyShape("string"))), b => b.Contains("changed from integer to string"));

    [Fact]
    public void A_property_that_may_now_be_null_breaks() =>
        Assert.Single(Released.BreaksBy(Changed(p => p["outcome"] = new PropertyShape("string", Nullable: true))));

    [Fact]
    public void A_renamed_or_moved_type_breaks()
    {
        Assert.Single(Released.BreaksBy(null));
        Assert.Single(Released.BreaksBy(Released with { MessageUrn = "urn:message:Longgang.Approvals.Contracts.Events.V2:ApplicationDecided" }));
    }

    [Fact]
    public void An_added_property_passes_only_when_old_messages_may_lack_it()
    {
        Assert.Empty(Released.BreaksBy(Changed(p => p["inspectionDue"] = new PropertyShape("string/date", Nullable: true))));
        Assert.Empty(Released.BreaksBy(Changed(p => p["visits"] = new PropertyShape("integer", Defaulted: true))));
        Assert.Single(Released.BreaksBy(Changed(p => p["visits"] = new PropertyShape("integer"))));
    }

    [Fact]
    public void A_defaulted_property_that_loses_its_default_breaks() =>
        Assert.Single(Released.BreaksBy(Changed(p => p["supervisionRequired"] = new PropertyShape("boolean"))));
}
