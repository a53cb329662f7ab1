using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.Analyzers.Common.Tokens
{
    /// <summary>
    /// The callee side of BND3001: can this call take a token it is not given?
    /// <list type="bullet">
    /// <item>The callee has an optional <c>CancellationToken</c> parameter left at its default, or</item>
    /// <item>an accessible, non-obsolete overload (no less accessible than the callee) has the same parameters
    /// (same types, ref kinds and <c>params</c>) plus one <c>CancellationToken</c> in any position, the same
    /// return type and the same number of type parameters (constructed with the callee's type arguments).</item>
    /// </list>
    /// Not a form: a call that already passes any token (even <c>CancellationToken.None</c>); a method on the
    /// <see cref="UncancellableByDesign"/> list.
    /// </summary>
    public static class TokenAcceptance
    {
        public static bool TryGetTokenForm(IInvocationOperation invocation, KnownTypes types, [NotNullWhen(true)] out TokenForm? form)
        {
            form = null;
            var method = invocation.TargetMethod;
            if (types.CancellationToken == null || method == null || PassesToken(invocation, types) || UncancellableByDesign.Contains(method, types))
            {
                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue
                    && argument.Parameter is { RefKind: RefKind.None } parameter
                    && TokenValues.IsToken(parameter.Type, types))
                {
                    form = new TokenForm(method, parameter.Ordinal, parameter.Name, isOverload: false);
                    return true;
                }
            }

            if (HasTokenParameter(method, types))
            {
                // A token parameter with an explicit argument of another type cannot happen; stay conservative.
                return false;
            }

            var model = invocation.SemanticModel;
            var within = model?.GetEnclosingSymbol(invocation.Syntax.SpanStart);
            var withinType = within as INamedTypeSymbol ?? within?.ContainingType;
            bool expandedParams = UsesExpandedParams(invocation);
            foreach (var candidate in Overloads(method, invocation.Instance?.Type))
            {
                if (!TryMatch(method, candidate, types, out var constructed, out int index))
                {
                    continue;
                }

                if (expandedParams && !constructed.Parameters[constructed.Parameters.Length - 1].IsParams)
                {
                    continue;
                }

                if (model != null && withinType != null
                    && !model.Compilation.IsSymbolAccessibleWithin(candidate, withinType, method.IsStatic ? null : invocation.Instance?.Type))
                {
                    continue;
                }

                form = new TokenForm(constructed, index, constructed.Parameters[index].Name, isOverload: true);
                return true;
            }

            return false;
        }

        /// <summary>
        /// The method can be called with a token: it has a (non-out) <c>CancellationToken</c> parameter, or an
        /// overload as described above that is accessible from the compilation's assembly.
        /// </summary>
        public static bool AcceptsToken(IMethodSymbol method, KnownTypes types)
        {
            if (types.CancellationToken == null || UncancellableByDesign.Contains(method, types))
            {
                return false;
            }

            if (HasTokenParameter(method, types))
            {
                return true;
            }

            foreach (var candidate in Overloads(method, null))
            {
                if (TryMatch(method, candidate, types, out _, out _)
                    && types.Compilation.IsSymbolAccessibleWithin(candidate, types.Compilation.Assembly))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>An explicit argument of type <c>CancellationToken</c> (any value, including <c>None</c>), also inside a params array.</summary>
        public static bool PassesToken(IInvocationOperation invocation, KnownTypes types)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                if (TokenValues.IsToken(argument.Parameter?.Type, types) || TokenValues.IsToken(TokenValues.Unwrap(argument.Value).Type, types))
                {
                    return true;
                }

                if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } initializer })
                {
                    foreach (var element in initializer.ElementValues)
                    {
                        if (TokenValues.IsToken(TokenValues.Unwrap(element).Type, types))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool HasTokenParameter(IMethodSymbol method, KnownTypes types)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind != RefKind.Out && TokenValues.IsToken(parameter.Type, types))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool UsesExpandedParams(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.ParamArray || argument.ArgumentKind == ArgumentKind.ParamCollection)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Same-named methods on the callee's type, the receiver's type and their base types (and interfaces, for an interface callee).</summary>
        private static IEnumerable<IMethodSymbol> Overloads(IMethodSymbol method, ITypeSymbol? receiverType)
        {
            var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var types = new List<ITypeSymbol>();
            if (receiverType is INamedTypeSymbol or ITypeParameterSymbol && !method.IsStatic && receiverType.TypeKind != TypeKind.Interface)
            {
                for (var t = receiverType as INamedTypeSymbol; t != null; t = t.BaseType)
                {
                    types.Add(t);
                }
            }

            for (var t = method.ContainingType; t != null; t = t.BaseType)
            {
                types.Add(t);
            }

            if (method.ContainingType is { TypeKind: TypeKind.Interface } contract)
            {
                types.AddRange(contract.AllInterfaces);
            }

            foreach (var type in types)
            {
                foreach (var member in type.GetMembers(method.Name))
                {
                    if (member is IMethodSymbol candidate && seen.Add(candidate))
                    {
                        yield return candidate;
                    }
                }
            }
        }

        private static bool TryMatch(IMethodSymbol method, IMethodSymbol candidate, KnownTypes types, [NotNullWhen(true)] out IMethodSymbol? constructed, out int tokenIndex)
        {
            constructed = null;
            tokenIndex = -1;
            if (candidate.MethodKind != method.MethodKind
                || candidate.IsStatic != method.IsStatic
                || candidate.Parameters.Length != method.Parameters.Length + 1
                || candidate.TypeParameters.Length != method.TypeParameters.Length
                || candidate.IsExtensionMethod != method.IsExtensionMethod
                || IsObsolete(candidate, types)
                || Rank(candidate.DeclaredAccessibility) < Rank(method.DeclaredAccessibility)
                || UncancellableByDesign.Contains(candidate, types))
            {
                return false;
            }

            var shaped = candidate;
            if (candidate.TypeParameters.Length > 0)
            {
                // Overloads come from GetMembers, so they are unconstructed: give them the callee's type arguments.
                if (!SymbolEqualityComparer.Default.Equals(candidate.ConstructedFrom, candidate)
                    || candidate.TypeParameters.Length != method.TypeArguments.Length)
                {
                    return false;
                }

                shaped = candidate.Construct(System.Linq.Enumerable.ToArray(method.TypeArguments));
            }

            int index = -1;
            for (int i = 0, j = 0; i < shaped.Parameters.Length; i++)
            {
                var p = shaped.Parameters[i];
                if (index < 0 && p.RefKind == RefKind.None && TokenValues.IsToken(p.Type, types)
                    && (j == method.Parameters.Length || !TokenValues.IsToken(method.Parameters[j].Type, types)))
                {
                    index = i;
                    continue;
                }

                if (j >= method.Parameters.Length)
                {
                    return false;
                }

                var q = method.Parameters[j++];
                if (p.RefKind != q.RefKind || p.IsParams != q.IsParams || !SymbolEqualityComparer.Default.Equals(p.Type, q.Type))
                {
                    return false;
                }
            }

            if (index < 0 || !SameReturn(shaped, method))
            {
                return false;
            }

            constructed = shaped;
            tokenIndex = index;
            return true;
        }

        private static bool SameReturn(IMethodSymbol a, IMethodSymbol b) =>
            a.ReturnsVoid == b.ReturnsVoid && a.RefKind == b.RefKind && SymbolEqualityComparer.Default.Equals(a.ReturnType, b.ReturnType);

        private static bool IsObsolete(ISymbol symbol, KnownTypes types)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass != null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, types.ObsoleteAttribute))
                {
                    return true;
                }
            }

            return false;
        }

        private static int Rank(Accessibility accessibility) => accessibility switch
        {
            Accessibility.Public => 5,
            Accessibility.ProtectedOrInternal => 4,
            Accessibility.Internal => 3,
            Accessibility.Protected => 3,
            Accessibility.ProtectedAndInternal => 2,
            Accessibility.Private => 1,
            _ => 0,
        };
    }
}
