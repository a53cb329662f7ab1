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
