using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace Longgang.Platform.Api;

/// <summary>
/// Keyset paging for a query ordered by <c>OrderBy(..).ThenBy(..)</c>: the keys are read from the query's expression
/// tree, the last row's keys go into the page token, and the next page is "the rows after that one", translated as
/// <c>k1 &gt;= v1 AND (k1 &gt; v1 OR (k1 = v1 AND k2 &gt; v2) ...)</c> (<c>&lt;</c> for descending keys). Only keys that compare the same
/// way in PostgreSQL and SQLite qualify: non-nullable member accesses on the row of the types below (the two
/// databases sort NULLs at opposite ends, and enums may be stored as text), so any other order pages by offset.
/// </summary>
internal sealed class Keyset<T>
{
    private static readonly HashSet<Type> ComparableTypes =
        [typeof(string), typeof(Guid), typeof(DateTimeOffset), typeof(DateTime), typeof(DateOnly), typeof(int), typeof(long), typeof(decimal)];

    private readonly IReadOnlyList<(LambdaExpression Key, bool Descending)> _keys;

    private Keyset(IReadOnlyList<(LambdaExpression Key, bool Descending)> keys) => _keys = keys;

    /// <summary>The order of <paramref name="query"/> as keyset keys, or null when it has none that qualify.</summary>
    public static Keyset<T>? Of(IQueryable<T> query)
    {
        var keys = new List<(LambdaExpression, bool)>();
        var expression = query.Expression;
        while (expression is MethodCallExpression { Method.DeclaringType: var type, Method.Name: var name } call && type == typeof(Queryable)
               && name is nameof(Queryable.ThenBy) or nameof(Queryable.ThenByDescending) or nameof(Queryable.OrderBy) or nameof(Queryable.OrderByDescending))
        {
            // two arguments: source and key; the overloads with a comparer cannot be translated anyway
            if (call.Arguments.Count != 2 || StripQuotes(call.Arguments[1]) is not LambdaExpression key || !IsMemberOfRow(key)) return null;
            keys.Insert(0, (key, name.EndsWith("Descending", StringComparison.Ordinal)));
            if (name.StartsWith("OrderBy", StringComparison.Ordinal)) return new Keyset<T>(keys);
            expression = call.Arguments[0];
        }
        return null;
    }

    /// <summary>The keys of a row as the token carries them; null when one is null (that page's successor pages by offset).</summary>
    public IReadOnlyList<string?>? KeysOf(T row)
    {
        var values = new string?[_keys.Count];
        for (var i = 0; i < _keys.Count; i++)
        {
            var value = _keys[i].Key.Compile(preferInterpretation: true).DynamicInvoke(row);
            if (value is null) return null;
            values[i] = Format(value);
        }
        return values;
    }

    /// <summary>The rows after the one whose keys are <paramref name="after"/>; null when the token's keys do not fit this order.</summary>
    public IQueryable<T>? After(IQueryable<T> ordered, IReadOnlyList<string?> after)
    {
        if (after.Count != _keys.Count) return null;
        var row = Expression.Parameter(typeof(T), "row");
        Expression? predicate = null;
        Expression? equalSoFar = null;
        Expression? bound = null;
        for (var i = 0; i < _keys.Count; i++)
        {
            var (key, descending) = _keys[i];
            if (after[i] is not { } text || !TryParse(text, key.ReturnType, out var value)) return null;
            var member = new ReplaceParameter(key.Parameters[0], row).Visit(key.Body);
            var last = Parameter(value, key.ReturnType);
            var beyond = Compare(member, last, descending ? ExpressionType.LessThan : ExpressionType.GreaterThan);
            // "k1 <= v1 AND (...)" says the same, but gives the database a range on the index's first column to start
            // from: without it PostgreSQL walks the index from the top, filtering out every row before the page
            bound ??= Compare(member, last, descending ? ExpressionType.LessThanOrEqual : ExpressionType.GreaterThanOrEqual);
            var term = equalSoFar is null ? beyond : Expression.AndAlso(equalSoFar, beyond);
            predicate = predicate is null ? term : Expression.OrElse(predicate, term);
            var equal = Expression.Equal(member, last);
            equalSoFar = equalSoFar is null ? equal : Expression.AndAlso(equalSoFar, equal);
        }
        return ordered.Where(Expression.Lambda<Func<T, bool>>(Expression.AndAlso(bound!, predicate!), row));
    }

    private static Expression StripQuotes(Expression expression) =>
        expression is UnaryExpression { NodeType: ExpressionType.Quote } quote ? quote.Operand : expression;

    private static bool IsMemberOfRow(LambdaExpression key)
    {
        if (!ComparableTypes.Contains(key.ReturnType)) return false;
        var body = key.Body;
        while (body is MemberExpression member) body = member.Expression!;
        return key.Body is MemberExpression && body == key.Parameters[0];
    }

    /// <summary>
    /// <c>&gt;</c> or <c>&lt;</c> as SQL means it. Strings and Guids have no C# operator: <c>string.Compare(a, b) &gt; 0</c> and
    /// <c>a.CompareTo(b) &gt; 0</c> are the forms EF translates to a plain comparison.
    /// </summary>
    private static Expression Compare(Expression member, Expression last, ExpressionType comparison)
    {
        Expression compared;
        if (member.Type == typeof(string))
            compared = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, member, last);
        else if (member.Type == typeof(Guid))
            compared = Expression.Call(member, typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!, last);
        else
            return Expression.MakeBinary(comparison, member, last);
        return Expression.MakeBinary(comparison, compared, Expression.Constant(0));
    }

    /// <summary>A captured value rather than a constant, so EF sends it as a query parameter (one cached plan for every page).</summary>
    private static Expression Parameter(object value, Type type)
    {
        var box = (IStrongBox)Activator.CreateInstance(typeof(StrongBox<>).MakeGenericType(type), value)!;
        return Expression.Field(Expression.Constant(box), nameof(StrongBox<int>.Value));
    }

    private static string Format(object value) => value switch
    {
        DateTimeOffset instant => instant.ToString("O", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static bool TryParse(string text, Type type, out object value)
    {
        var invariant = CultureInfo.InvariantCulture;
        (var parsed, value) = type switch
        {
            _ when type == typeof(string) => (true, text),
            _ when type == typeof(Guid) => (Guid.TryParse(text, out var v), v),
            _ when type == typeof(DateTimeOffset) => (DateTimeOffset.TryParseExact(text, "O", invariant, DateTimeStyles.None, out var v), v),
            _ when type == typeof(DateTime) => (DateTime.TryParseExact(text, "O", invariant, DateTimeStyles.RoundtripKind, out var v), v),
            _ when type == typeof(DateOnly) => (DateOnly.TryParseExact(text, "O", invariant, DateTimeStyles.None, out var v), v),
            _ when type == typeof(int) => (int.TryParse(text, NumberStyles.Integer, invariant, out var v), v),
            _ when type == typeof(long) => (long.TryParse(text, NumberStyles.Integer, invariant, out var v), v),
            _ when type == typeof(decimal) => (decimal.TryParse(text, NumberStyles.Number, invariant, out var v), (object)v),
            _ => (false, text),
        };
        return parsed;
    }

    private sealed class ReplaceParameter(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
