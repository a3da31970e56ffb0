namespace Longgang.Governance.Resources;

/// <summary>Marks the governance service's translations (Messages.zh-CN.resx): its error texts and the names it shows people.</summary>
public sealed class Messages;
