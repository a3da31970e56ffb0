namespace Longgang.Platform.Localization.Resources;

/// <summary>Marks the platform's shared translations (Messages.zh-CN.resx): problem titles, paging and field checks.</summary>
public sealed class Messages;
