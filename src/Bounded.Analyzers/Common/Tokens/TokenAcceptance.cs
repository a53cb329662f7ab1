using System.Collections.Generic;
using System.Collections.Immutable;
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
    /// Two overload shapes differ from the callee and are forms only where the call can take them as written:
    /// <list type="bullet">
    /// <item>another awaitable with the same awaited result (<c>Task&lt;string?&gt; ReadLineAsync()</c> and
    /// <c>ValueTask&lt;string?&gt; ReadLineAsync(CancellationToken)</c>): only where the call is awaited (directly or
    /// through <c>ConfigureAwait</c>), since a stored or returned task would change type;</item>
    /// <item>the callee's <c>params T[]</c> taken as a plain <c>T[]</c> (EF Core's <c>FindAsync(params object[])</c> and
    /// <c>FindAsync(object[], CancellationToken)</c>): an expanded call must wrap its arguments in an array
    /// (<see cref="TokenForm.ArrayParameterIndex"/>), so only when no argument is named.</item>
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
            if (types.CancellationToken == null || method == null)
            {
                return false;
            }

            // Decide from the callee alone before touching the arguments: most calls have neither a token parameter
            // nor an overload that could take one, which the (cached) shape of the callee's definition tells at once.
            var receiver = RelevantReceiver(method, invocation.Instance?.Type);
            bool mayHaveTokenParameter = MayHaveTokenParameter(method);
            if (!mayHaveTokenParameter && !MayHaveTokenOverload(method, receiver, types))
            {
                return false;
            }

            bool hasTokenParameter = mayHaveTokenParameter && HasTokenParameter(method, types);
            var matches = hasTokenParameter ? ImmutableArray<OverloadMatch>.Empty : OverloadMatches(method, receiver, types);
            if ((!hasTokenParameter && matches.IsEmpty) || UncancellableByDesign.Contains(method, types) || PassesToken(invocation, types))
            {
                return false;
            }

            if (hasTokenParameter)
            {
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

                // A token parameter with an explicit argument of another type cannot happen; stay conservative.
                return false;
            }

            bool expandedParams = UsesExpandedParams(invocation);
            SemanticModel? model = invocation.SemanticModel;
            INamedTypeSymbol? withinType = null;
            bool withinResolved = false;
            foreach (var match in matches)
            {
                var constructed = match.Constructed;
                int arrayParameterIndex = -1;
                if (match.TakesParamsAsArray)
                {
                    if (expandedParams)
                    {
                        if (HasNamedArgument(invocation))
                        {
                            continue;
                        }

                        arrayParameterIndex = match.ArrayParameterIndex;
                    }
                }
                else if (expandedParams && !constructed.Parameters[constructed.Parameters.Length - 1].IsParams)
                {
                    continue;
                }

                if (match.ReturnDiffers && !IsAwaited(invocation))
                {
                    continue;
                }

                if (!match.EffectivelyPublic && model != null)
                {
                    // Only a non-public overload needs the caller's type (found once, and only then).
                    if (!withinResolved)
                    {
                        var within = model.GetEnclosingSymbol(invocation.Syntax.SpanStart);
                        withinType = within as INamedTypeSymbol ?? within?.ContainingType;
                        withinResolved = true;
                    }

                    if (withinType != null
                        && !model.Compilation.IsSymbolAccessibleWithin(match.Candidate, withinType, method.IsStatic ? null : invocation.Instance?.Type))
                    {
                        continue;
                    }
                }

                form = new TokenForm(constructed, match.TokenIndex, constructed.Parameters[match.TokenIndex].Name, isOverload: true, arrayParameterIndex);
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

            foreach (var match in OverloadMatches(method, null, types))
            {
                if (match.EffectivelyPublic || types.Compilation.IsSymbolAccessibleWithin(match.Candidate, types.Compilation.Assembly))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The receiver's type when <see cref="Overloads"/> walks its bases (an instance call on a class or struct
        /// receiver other than the callee's own type), else null.
        /// </summary>
        private static INamedTypeSymbol? RelevantReceiver(IMethodSymbol method, ITypeSymbol? receiverType) =>
            !method.IsStatic && receiverType is INamedTypeSymbol { TypeKind: not TypeKind.Interface } named
                && !SymbolEqualityComparer.Default.Equals(named, method.ContainingType)
                ? named
                : null;

        /// <summary>
        /// Cheap necessary condition for <see cref="HasTokenParameter"/>, on the callee's definition (whose parameters are
        /// cached, unlike a constructed method's): a non-out parameter that is a token or a type parameter (which
        /// the call might construct with <c>CancellationToken</c>).
        /// </summary>
        internal static bool MayHaveTokenParameter(IMethodSymbol method)
        {
            foreach (var parameter in method.OriginalDefinition.Parameters)
            {
                if (parameter.RefKind != RefKind.Out && MayBeToken(parameter.Type))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool MayBeToken(ITypeSymbol type) =>
            type.TypeKind == TypeKind.TypeParameter
            || (type.Name == "CancellationToken" && type.ContainingNamespace is { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } });

        /// <summary>
        /// Necessary condition for a non-empty <see cref="OverloadMatches"/>, decided on the definitions of the callee
        /// and the receiver's type (so every construction of a generic callee or receiver shares one answer, cached per
        /// compilation in <see cref="KnownTypes.TokenOverloadShapes"/>): some overload has the callee's kind, staticness,
        /// arity and one more parameter, one of them (by value) a token or a type parameter.
        /// </summary>
        private static bool MayHaveTokenOverload(IMethodSymbol method, INamedTypeSymbol? receiver, KnownTypes types)
        {
            var definition = method.OriginalDefinition;
            var receiverDefinition = receiver?.OriginalDefinition;
            if (receiverDefinition != null && SymbolEqualityComparer.Default.Equals(receiverDefinition, definition.ContainingType))
            {
                receiverDefinition = null;
            }

            var key = new OverloadKey(definition, receiverDefinition);
            var cache = types.TokenOverloadShapes;
            if (cache.TryGetValue(key, out bool cached))
            {
                return cached;
            }

            // The types Overloads visits, walked without allocating: the receiver's chain down to the callee's type,
            // the callee's type and its bases, and for an interface callee its interfaces; stop at the first hit.
            bool may = false;
            var containing = definition.ContainingType;
            for (var t = receiverDefinition; t != null && !may; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, containing))
                {
                    break;
                }

                may = DeclaresTokenOverloadShape(t, definition);
            }

            for (var t = containing; t != null && !may; t = t.BaseType)
            {
                may = DeclaresTokenOverloadShape(t, definition);
            }

            if (!may && containing is { TypeKind: TypeKind.Interface })
            {
                foreach (var contract in containing.AllInterfaces)
                {
                    if (DeclaresTokenOverloadShape(contract, definition))
                    {
                        may = true;
                        break;
                    }
                }
            }

            return cache.GetOrAdd(key, may);
        }

        private static bool DeclaresTokenOverloadShape(INamedTypeSymbol type, IMethodSymbol definition)
        {
            foreach (var member in type.GetMembers(definition.Name))
            {
                if (member is IMethodSymbol candidate
                    && candidate.Parameters.Length == definition.Parameters.Length + 1
                    && candidate.MethodKind == definition.MethodKind
                    && candidate.IsStatic == definition.IsStatic
                    && candidate.TypeParameters.Length == definition.TypeParameters.Length
                    && candidate.IsExtensionMethod == definition.IsExtensionMethod
                    && HasParameterThatMayBeToken(candidate))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasParameterThatMayBeToken(IMethodSymbol candidate)
        {
            foreach (var parameter in candidate.Parameters)
            {
                if (parameter.RefKind == RefKind.None && MayBeToken(parameter.Type))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The overloads of <paramref name="method"/> (as <see cref="Overloads"/> finds them for this receiver) that
        /// <see cref="TryMatch"/> accepts, in order, before the call-site filters (accessibility from the caller,
        /// expanded <c>params</c>). Depends only on the callee and the receiver's type, so it is computed once per
        /// pair and compilation (<see cref="KnownTypes.TokenOverloads"/>).
        /// </summary>
        private static ImmutableArray<OverloadMatch> OverloadMatches(IMethodSymbol method, INamedTypeSymbol? receiver, KnownTypes types)
        {
            var key = new OverloadKey(method, receiver);
            var cache = types.TokenOverloads;
            if (cache.TryGetValue(key, out var cached))
            {
                return cached;
            }

            var builder = ImmutableArray.CreateBuilder<OverloadMatch>();
            foreach (var candidate in Overloads(method, receiver))
            {
                if (TryMatch(method, candidate, types, out var constructed, out int index, out int arrayIndex, out bool returnDiffers))
                {
                    builder.Add(new OverloadMatch(candidate, constructed, index, IsEffectivelyPublic(candidate), arrayIndex, returnDiffers));
                }
            }

            var matches = builder.Count == 0 ? ImmutableArray<OverloadMatch>.Empty : builder.ToImmutable();
            return cache.GetOrAdd(key, matches);
        }

        /// <summary>Public, and so is every containing type: accessible from anywhere, whatever the caller or receiver.</summary>
        private static bool IsEffectivelyPublic(ISymbol symbol)
        {
            for (var s = symbol; s != null && s.Kind != SymbolKind.Namespace; s = s.ContainingSymbol)
            {
                if (s.DeclaredAccessibility != Accessibility.Public)
                {
                    return false;
                }
            }

            return true;
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

        /// <summary>A (non-out) <c>CancellationToken</c> parameter: the only way an argument can be a token slot.</summary>
        internal static bool HasTokenParameter(IMethodSymbol method, KnownTypes types)
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

        private static bool HasNamedArgument(IInvocationOperation invocation)
        {
            if (invocation.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax call)
            {
                foreach (var argument in call.ArgumentList.Arguments)
                {
                    if (argument.NameColon != null)
                    {
                        return true;
                    }
                }

                return false;
            }

            return true;
        }

        /// <summary>The call's task is awaited at once (<c>await x.M()</c> or <c>await x.M().ConfigureAwait(...)</c>), so its type does not matter.</summary>
        private static bool IsAwaited(IInvocationOperation invocation)
        {
            var parent = invocation.Parent;
            if (parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure && configure.Instance == invocation)
            {
                parent = configure.Parent;
            }

            return parent is IAwaitOperation;
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

        private static bool TryMatch(
            IMethodSymbol method,
            IMethodSymbol candidate,
            KnownTypes types,
            [NotNullWhen(true)] out IMethodSymbol? constructed,
            out int tokenIndex,
            out int arrayParameterIndex,
            out bool returnDiffers)
        {
            constructed = null;
            tokenIndex = -1;
            arrayParameterIndex = -1;
            returnDiffers = false;
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
                if (p.RefKind != q.RefKind || !SymbolEqualityComparer.Default.Equals(p.Type, q.Type))
                {
                    return false;
                }

                if (p.IsParams != q.IsParams)
                {
                    // Only the callee's trailing params array taken as a plain array by the overload.
                    if (!q.IsParams || q.Type is not IArrayTypeSymbol || j != method.Parameters.Length)
                    {
                        return false;
                    }

                    arrayParameterIndex = i;
                }
            }

            if (index < 0)
            {
                return false;
            }

            if (!SameReturn(shaped, method))
            {
                if (!SameAwaitedResult(shaped, method, types))
                {
                    return false;
                }

                returnDiffers = true;
            }

            constructed = shaped;
            tokenIndex = index;
            return true;
        }

        private static bool SameReturn(IMethodSymbol a, IMethodSymbol b) =>
            a.ReturnsVoid == b.ReturnsVoid && a.RefKind == b.RefKind && SymbolEqualityComparer.Default.Equals(a.ReturnType, b.ReturnType);

        /// <summary>Both return <c>Task</c>/<c>ValueTask</c>, or both <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c> of the same <c>T</c>: awaiting either gives the same.</summary>
        private static bool SameAwaitedResult(IMethodSymbol a, IMethodSymbol b, KnownTypes types)
        {
            if (a.RefKind != RefKind.None || b.RefKind != RefKind.None
                || a.ReturnType is not INamedTypeSymbol x || b.ReturnType is not INamedTypeSymbol y)
            {
                return false;
            }

            bool IsPlain(INamedTypeSymbol t) =>
                SymbolEqualityComparer.Default.Equals(t, types.Task) || SymbolEqualityComparer.Default.Equals(t, types.ValueTask);
            bool IsGeneric(INamedTypeSymbol t) =>
                SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, types.TaskOfT) || SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, types.ValueTaskOfT);

            if (IsPlain(x) && IsPlain(y))
            {
                return true;
            }

            return IsGeneric(x) && IsGeneric(y) && SymbolEqualityComparer.Default.Equals(x.TypeArguments[0], y.TypeArguments[0]);
        }

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

    /// <summary>An overload that can take the token: as declared, as constructed with the callee's type arguments, and where the token goes.</summary>
    internal readonly struct OverloadMatch
    {
        public OverloadMatch(IMethodSymbol candidate, IMethodSymbol constructed, int tokenIndex, bool effectivelyPublic, int arrayParameterIndex, bool returnDiffers)
        {
            Candidate = candidate;
            Constructed = constructed;
            TokenIndex = tokenIndex;
            EffectivelyPublic = effectivelyPublic;
            ArrayParameterIndex = arrayParameterIndex;
            ReturnDiffers = returnDiffers;
        }

        /// <summary>The overload's plain array parameter that stands for the callee's <c>params</c> array; -1 when none.</summary>
        public int ArrayParameterIndex { get; }

        public bool TakesParamsAsArray => ArrayParameterIndex >= 0;

        /// <summary>The overload returns another awaitable of the same result (a form only where the call is awaited).</summary>
        public bool ReturnDiffers { get; }

        public IMethodSymbol Candidate { get; }

        public IMethodSymbol Constructed { get; }

        public int TokenIndex { get; }

        /// <summary>Public all the way out: no accessibility check needed at the call site.</summary>
        public bool EffectivelyPublic { get; }
    }

    /// <summary>Cache key of <see cref="TokenAcceptance"/>'s overload matches: the callee and (when it matters) the receiver's type.</summary>
    internal readonly struct OverloadKey : System.IEquatable<OverloadKey>
    {
        public OverloadKey(IMethodSymbol method, INamedTypeSymbol? receiver)
        {
            Method = method;
            Receiver = receiver;
        }

        public IMethodSymbol Method { get; }

        public INamedTypeSymbol? Receiver { get; }

        public bool Equals(OverloadKey other) =>
            SymbolEqualityComparer.Default.Equals(Method, other.Method) && SymbolEqualityComparer.Default.Equals(Receiver, other.Receiver);

        public override bool Equals(object? obj) => obj is OverloadKey other && Equals(other);

        public override int GetHashCode() =>
            (SymbolEqualityComparer.Default.GetHashCode(Method) * 31) + (Receiver == null ? 0 : SymbolEqualityComparer.Default.GetHashCode(Receiver));
    }
}
