using Microsoft.CodeAnalysis;

namespace Bounded.Analyzers.Common
{
    /// <summary>What counts as "returns an awaitable" across the rule families.</summary>
    public static class Awaitables
    {
        /// <summary><c>Task</c>, <c>Task&lt;T&gt;</c>, <c>ValueTask</c>, <c>ValueTask&lt;T&gt;</c> (or a type deriving from Task).</summary>
        public static bool IsTaskLike(ITypeSymbol? type, KnownTypes types)
        {
            if (type is not INamedTypeSymbol named)
            {
                return false;
            }

            var definition = named.OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(definition, types.ValueTask)
                || SymbolEqualityComparer.Default.Equals(definition, types.ValueTaskOfT))
            {
                return true;
            }

            for (var t = named; t != null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, types.Task)
                    || SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, types.TaskOfT))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Task-like or <c>IAsyncEnumerable&lt;T&gt;</c>: what an async method or iterator returns.</summary>
        public static bool IsAsyncReturnType(ITypeSymbol? type, KnownTypes types) =>
            IsTaskLike(type, types)
            || (type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, types.IAsyncEnumerableOfT));

        /// <summary>Any type with an accessible instance <c>GetAwaiter()</c> the compiler would accept in <c>await</c> (cheap structural check).</summary>
        public static bool HasGetAwaiter(ITypeSymbol? type)
        {
            if (type == null)
            {
                return false;
            }

            foreach (var member in type.GetMembers("GetAwaiter"))
            {
                if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 0, ReturnsVoid: false })
                {
                    return true;
                }
            }

            return false;
        }
    }
}
