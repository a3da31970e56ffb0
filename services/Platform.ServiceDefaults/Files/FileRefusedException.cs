using Longgang.Platform.Errors;

namespace Longgang.Platform.Files;

/// <summary>An upload refused for what it is rather than what it is for: too large (413), not an accepted type (415), infected (422).</summary>
public sealed class FileRefusedException(int status, string title, string text, params object?[] args) : PlatformException(new LocalText(text, args))
{
    public int Status { get; } = status;
    public string Title { get; } = title;
}
