namespace Longgang.Livelihood.Resources;

/// <summary>Marks the livelihood service's translations (Messages.zh-CN.resx), keyed by the English texts it raises.</summary>
public sealed class Messages;
