using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.Analyzers.Common.Tokens
{
    /// <summary>Small facts about <c>CancellationToken</c> types and values.</summary>
    public static class TokenValues
    {
        /// <summary>The type is exactly <c>System.Threading.CancellationToken</c> (not nullable, not an error type).</summary>
        public static bool IsToken(ITypeSymbol? type, KnownTypes types) =>
            type != null && types.CancellationToken != null && SymbolEqualityComparer.Default.Equals(type, types.CancellationToken);

        /// <summary>
        /// The named type is <c><paramref name="namespace"/>.<paramref name="name"/></c> with this arity (a top-level type),
        /// compared by name without resolving the type: <c>GetTypeByMetadataName</c> searches every reference, which
        /// costs up to a millisecond per type and compilation. For types that only identify a shape (a controller,
        /// an expression tree), never for a type whose members are looked up.
        /// </summary>
        public static bool IsNamed(INamedTypeSymbol? type, string @namespace, string name, int arity = 0)
        {
            if (type == null || type.Arity != arity || type.ContainingType != null || !string.Equals(type.Name, name, System.StringComparison.Ordinal))
            {
                return false;
            }

            var ns = type.ContainingNamespace;
            int end = @namespace.Length;
            while (end > 0)
            {
                int dot = @namespace.LastIndexOf('.', end - 1);
                int start = dot + 1;
                int length = end - start;
                if (ns == null || ns.IsGlobalNamespace || ns.Name.Length != length
                    || string.CompareOrdinal(ns.Name, 0, @namespace, start, length) != 0)
                {
                    return false;
                }

                ns = ns.ContainingNamespace;
                end = dot < 0 ? 0 : dot;
            }

            return ns != null && ns.IsGlobalNamespace;
        }

        /// <summary>The type is <c>CancellationTokenSource</c> or derives from it.</summary>
        public static bool IsTokenSource(ITypeSymbol? type, KnownTypes types)
        {
            if (types.CancellationTokenSource == null)
            {
                return false;
            }

            for (var t = type as INamedTypeSymbol; t != null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t, types.CancellationTokenSource))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Strips implicit conversions (and parentheses, which IOperation already drops).</summary>
        public static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation { IsImplicit: true } conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>
        /// A token that can never be cancelled, written explicitly: <c>CancellationToken.None</c>, <c>default</c>,
        /// <c>default(CancellationToken)</c>, <c>new CancellationToken()</c> or <c>new CancellationToken(false)</c>.
        /// </summary>
        public static bool IsUncancellable(IOperation? value, KnownTypes types)
        {
            if (value == null)
            {
                return false;
            }

            value = Unwrap(value);
            if (!IsToken(value.Type, types))
            {
                return false;
            }

            switch (value)
            {
                case IDefaultValueOperation:
                    return true;
                case IPropertyReferenceOperation property:
                    return property.Property.IsStatic && property.Property.Name == "None"
                        && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, types.CancellationToken);
                case IObjectCreationOperation creation:
                    if (creation.Arguments.Length == 0)
                    {
                        return creation.Initializer == null || creation.Initializer.Initializers.IsEmpty;
                    }

                    return creation.Arguments.Length == 1
                        && creation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: false };
                default:
                    return false;
            }
        }
    }
}
