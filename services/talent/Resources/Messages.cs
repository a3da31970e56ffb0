namespace Longgang.Talent.Resources;

/// <summary>Marks the talent service's translations (Messages.zh-CN.resx): its error texts, tiers and programme names.</summary>
public sealed class Messages;
