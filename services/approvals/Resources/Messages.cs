namespace Longgang.Approvals.Resources;

/// <summary>Marks the approvals service's translations (Messages.zh-CN.resx): its errors, matters, materials and guide texts.</summary>
public sealed class Messages;
