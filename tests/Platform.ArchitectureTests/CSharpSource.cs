using System.Text;

namespace Longgang.Platform.ArchitectureTests;

/// <summary>
/// Just enough of C#'s lexical rules to read call arguments from source: comments, character literals and every
/// kind of string (regular, verbatim, interpolated, raw) are skipped as whole tokens, so commas and parentheses
/// inside them never split or end an argument.
/// </summary>
public static class CSharpSource
{
    /// <summary>The index after the comment, string or character literal starting at <paramref name="i"/>, or <paramref name="i"/> + 1.</summary>
    public static int Skip(string s, int i)
    {
        if (At(s, i, "//")) return Until(s, i, "\n");
        if (At(s, i, "/*")) return Until(s, i + 2, "*/");
        if (s[i] == '\'') return SkipQuoted(s, i + 1, '\'');
        var start = i;
        var interpolated = false;
        var verbatim = false;
        while (i < s.Length && s[i] is '$' or '@')
        {
            interpolated |= s[i] == '$';
            verbatim |= s[i] == '@';
            i++;
        }
        if (i >= s.Length || s[i] != '"') return start + 1;
        if (At(s, i, "\"\"\"")) return SkipRaw(s, i);
        if (!interpolated) return verbatim ? SkipVerbatim(s, i + 1) : SkipQuoted(s, i + 1, '"');
        return SkipInterpolated(s, i + 1, verbatim);
    }

    /// <summary>True when a string token starts at <paramref name="i"/>.</summary>
    public static bool StartsString(string s, int i)
    {
        while (i < s.Length && s[i] is '$' or '@') i++;
        return i < s.Length && s[i] == '"';
    }

    /// <summary>
    /// The arguments of the call whose '(' is at <paramref name="open"/>, as source text, trimmed; and the index
    /// after its ')'. Splits at top-level commas only.
    /// </summary>
    public static (List<string> Arguments, int End) Arguments(string s, int open)
    {
        var arguments = new List<string>();
        var depth = 0;
        var start = open + 1;
        for (var i = open; i < s.Length;)
        {
            var c = s[i];
            if (c is '"' or '\'' or '$' or '@' || At(s, i, "//") || At(s, i, "/*"))
            {
                var next = Skip(s, i);
                if (next > i + 1 || c is '"' or '\'') { i = next; continue; }
            }
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
                if (depth == 0)
                {
                    var last = s[start..i].Trim();
                    if (last.Length > 0 || arguments.Count > 0) arguments.Add(last);
                    return (arguments, i + 1);
                }
            }
            else if (c == ',' && depth == 1)
            {
                arguments.Add(s[start..i].Trim());
                start = i + 1;
            }
            i++;
        }
        return (arguments, s.Length);
    }

    /// <summary>The value of the regular or verbatim string literal <paramref name="token"/> (escapes decoded).</summary>
    public static string LiteralValue(string token)
    {
        if (token.StartsWith("\"\"\"", StringComparison.Ordinal))
        {
            var quotes = token.TakeWhile(c => c == '"').Count();
            return token[quotes..^quotes].Trim('\n', '\r');
        }
        if (token.StartsWith('@')) return token[2..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
        var text = new StringBuilder();
        for (var i = 1; i < token.Length - 1; i++)
        {
            if (token[i] != '\\') { text.Append(token[i]); continue; }
            i++;
            switch (token[i])
            {
                case 'n': text.Append('\n'); break;
                case 't': text.Append('\t'); break;
                case 'r': text.Append('\r'); break;
                case '0': text.Append('\0'); break;
                case 'u':
                    text.Append((char)Convert.ToInt32(token.Substring(i + 1, 4), 16));
                    i += 4;
                    break;
                default: text.Append(token[i]); break;
            }
        }
        return text.ToString();
    }

    /// <summary>The 1-based line of <paramref name="index"/>.</summary>
    public static int LineOf(string s, int index) => s.AsSpan(0, index).Count('\n') + 1;

    private static bool At(string s, int i, string what) => string.CompareOrdinal(s, i, what, 0, what.Length) == 0;

    private static int Until(string s, int i, string end)
    {
        var found = s.IndexOf(end, i, StringComparison.Ordinal);
        return found < 0 ? s.Length : found + end.Length;
    }

    private static int SkipQuoted(string s, int i, char quote)
    {
        while (i < s.Length && s[i] != quote) i += s[i] == '\\' ? 2 : 1;
        return Math.Min(i + 1, s.Length);
    }

    private static int SkipVerbatim(string s, int i)
    {
        while (i < s.Length)
        {
            if (s[i] == '"' && !At(s, i, "\"\"")) return i + 1;
            i += s[i] == '"' ? 2 : 1;
        }
        return s.Length;
    }

    /// <summary>A raw string ends at the first run of as many quotes as opened it (its holes, if any, hold none).</summary>
    private static int SkipRaw(string s, int i)
    {
        var quotes = 0;
        while (i + quotes < s.Length && s[i + quotes] == '"') quotes++;
        var end = s.IndexOf(new string('"', quotes), i + quotes, StringComparison.Ordinal);
        return end < 0 ? s.Length : end + quotes;
    }

    private static int SkipInterpolated(string s, int i, bool verbatim)
    {
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '"')
            {
                if (verbatim && At(s, i, "\"\"")) { i += 2; continue; }
                return i + 1;
            }
            if (c == '\\' && !verbatim) { i += 2; continue; }
            if (At(s, i, "{{")) { i += 2; continue; }
            if (c == '{')
            {
                // a hole: an expression, which may hold strings and braces of its own
                var depth = 1;
                i++;
                while (i < s.Length && depth > 0)
                {
                    if (s[i] is '"' or '\'' || StartsString(s, i) && s[i] is '$' or '@') { i = Skip(s, i); continue; }
                    if (s[i] == '{') depth++;
                    else if (s[i] == '}') depth--;
                    i++;
                }
                continue;
            }
            i++;
        }
        return s.Length;
    }
}
