using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.Analyzers.Common.Tokens
{
    /// <summary>
    /// "The token in scope" (rules.md, Cancellation): the nearest token usable at an operation, found by
    /// walking outwards from it. At each level the nearest wins: locals of the enclosing blocks (nearest
    /// block first, the latest declaration first), then the parameters of the enclosing lambda or local
    /// function, then the same in the function around it, up to the member, whose parameters come last,
    /// and finally <c>HttpContext.RequestAborted</c> in an MVC controller action.
    /// <list type="bullet">
    /// <item>A lambda whose own delegate has no token still sees the outer token: capturing is forwarding.</item>
    /// <item>A <c>static</c> lambda or local function cannot capture, so nothing outside it is in scope.</item>
    /// <item>Inside a lambda converted to an expression tree (including query clauses over <c>IQueryable</c>) there is no token.</item>
    /// <item>A local counts when it is declared before the operation (before the lambda or local function,
    /// when it is captured) and definitely assigned there, and is not itself an uncancellable
    /// <c>CancellationToken.None</c>/<c>default</c>; a <c>CancellationTokenSource</c> local gives <c>name.Token</c>.</item>
    /// <item>A candidate whose name is shadowed at the operation (an inner variable of the same name) is skipped.</item>
    /// <item>Out parameters and discard parameters are skipped.</item>
    /// </list>
    /// Cost: a walk up the operation's parents; semantic-model queries only for candidates found.
    /// </summary>
    public static class TokenInScope
    {
        private const string MvcNamespace = "Microsoft.AspNetCore.Mvc";

        public static TokenCandidate? Find(IOperation operation, KnownTypes types, System.Threading.CancellationToken cancellationToken)
        {
            var model = operation.SemanticModel;
            if (types.CancellationToken == null || model == null)
            {
                return null;
            }

            int lookupPosition = operation.Syntax.SpanStart;

            // Declarations must end before this position: the operation itself, or the function that captures them.
            int before = operation.Syntax.SpanStart;
            bool crossedLocalFunction = false;

            // Only a lambda or local function between the candidate and the operation can declare a parameter or local
            // of the same name (C# 8+); within one function that is an error (CS0136). So the name is looked up at the
            // position (LookupSymbols, costly) only for a candidate outside the operation's own function.
            bool crossedFunction = false;
            IOperation? child = null;
            for (var current = operation; current != null; child = current, current = current.Parent)
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (current)
                {
                    case IBlockOperation block when DeclaresTokenLocal(block, block.Locals, types): // answered once per block: a long body has many locals and calls
                        {
                            var found = FromLocals(block.Locals, child, before, crossedLocalFunction, crossedFunction, lookupPosition, model, types, cancellationToken);
                            if (found != null)
                            {
                                return found;
                            }

                            break;
                        }

                    case IUsingOperation @using when child != null && child == @using.Body && DeclaresTokenLocal(@using, @using.Locals, types):
                        {
                            var found = FromLocals(@using.Locals, null, before, crossedLocalFunction, crossedFunction, lookupPosition, model, types, cancellationToken);
                            if (found != null)
                            {
                                return found;
                            }

                            break;
                        }

                    case IAnonymousFunctionOperation lambda:
                        {
                            if (IsExpressionTree(lambda, model, types, cancellationToken))
                            {
                                return null;
                            }

                            var found = FromParameters(lambda.Symbol.Parameters, crossedFunction, lookupPosition, model, types);
                            if (found != null)
                            {
                                return found;
                            }

                            if (lambda.Syntax is AnonymousFunctionExpressionSyntax anonymous && anonymous.Modifiers.Any(SyntaxKind.StaticKeyword))
                            {
                                return null;
                            }

                            before = lambda.Syntax.SpanStart;
                            crossedFunction = true;
                            break;
                        }

                    case ILocalFunctionOperation localFunction:
                        {
                            var found = FromParameters(localFunction.Symbol.Parameters, crossedFunction, lookupPosition, model, types);
                            if (found != null)
                            {
                                return found;
                            }

                            if (localFunction.Symbol.IsStatic
                                || (localFunction.Syntax is LocalFunctionStatementSyntax statement && statement.Modifiers.Any(SyntaxKind.StaticKeyword)))
                            {
                                return null;
                            }

                            before = localFunction.Syntax.SpanStart;
                            crossedLocalFunction = true;
                            crossedFunction = true;
                            break;
                        }
                }
            }

            // The member around everything: its parameters, then HttpContext.RequestAborted in a controller action.
            var member = model.GetEnclosingSymbol(operation.Syntax.SpanStart, cancellationToken);
            while (member is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
            {
                member = member.ContainingSymbol;
            }

            if (member is IMethodSymbol method)
            {
                var found = FromParameters(method.Parameters, crossedFunction, lookupPosition, model, types);
                if (found != null)
                {
                    return found;
                }

                return FromHttpContext(method, lookupPosition, model, types, cancellationToken);
            }

            return null;
        }

        /// <summary>
        /// A necessary condition for <see cref="Find"/> to find a token, read from symbols alone (no semantic-model
        /// query): an enclosing block or <c>using</c> declares a token or token-source local, an enclosing lambda or
        /// local function has a token or token-carrying parameter, or the member does, or is a controller action.
        /// BND3001 asks this first, as CA2016 checks for a token parameter first: most calls have no token in
        /// scope, and this answers them before any callee analysis. <paramref name="member"/> is the member whose
        /// body holds the operation (the analysis context's containing symbol); anything else answers true.
        /// </summary>
        public static bool MayBeInScope(IOperation operation, ISymbol? member, KnownTypes types)
        {
            if (types.CancellationToken == null)
            {
                return false;
            }

            // The member first (one cached answer), then the blocks and functions around the operation.
            if (member is not IMethodSymbol method)
            {
                return true; // not a method body: leave it to Find
            }

            var cache = types.MembersProvidingTokens;
            bool provides = cache.TryGetValue(method, out bool known)
                ? known
                : cache.GetOrAdd(method, CarriesToken(method.Parameters, types) || ActionHttpContextOf(method, types, default).MayProvide);
            if (provides)
            {
                return true;
            }

            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                bool found = current switch
                {
                    IBlockOperation block => DeclaresTokenLocal(block, block.Locals, types),
                    IUsingOperation @using => DeclaresTokenLocal(@using, @using.Locals, types),
                    IAnonymousFunctionOperation lambda => CarriesToken(lambda.Symbol.Parameters, types),
                    ILocalFunctionOperation localFunction => CarriesToken(localFunction.Symbol.Parameters, types),
                    _ => false,
                };
                if (found)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Per block (or using), whether it declares a token or token-source local: asked by every call in it, answered once.</summary>
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IOperation, object> TokenLocalScopes = new();

        private static readonly object DeclaresToken = new();
        private static readonly object DeclaresNoToken = new();

        private static bool DeclaresTokenLocal(IOperation scope, ImmutableArray<ILocalSymbol> locals, KnownTypes types)
        {
            if (locals.IsEmpty)
            {
                return false;
            }

            if (TokenLocalScopes.TryGetValue(scope, out var known))
            {
                return known == DeclaresToken;
            }

            bool declares = false;
            foreach (var local in locals)
            {
                if (TokenValues.IsToken(local.Type, types) || TokenValues.IsTokenSource(local.Type, types))
                {
                    declares = true;
                    break;
                }
            }

            var answer = declares ? DeclaresToken : DeclaresNoToken;
            TokenLocalScopes.GetValue(scope, _ => answer); // a concurrent caller may have added the same answer first
            return declares;
        }

        private static bool CarriesToken(ImmutableArray<IParameterSymbol> parameters, KnownTypes types)
        {
            foreach (var parameter in parameters)
            {
                if (parameter.RefKind != RefKind.Out && (TokenValues.IsToken(parameter.Type, types) || TokenProperty(parameter.Type, types) != null))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when a token parameter added to the enclosing member would be the token in scope at the
        /// operation as far as functions go: no enclosing lambda or local function is static, is an expression
        /// tree, or has a token parameter of its own. (Used by BND3002 and its fix.)
        /// </summary>
        public static bool ReachesMemberParameters(IOperation operation, KnownTypes types, System.Threading.CancellationToken cancellationToken)
        {
            var model = operation.SemanticModel;
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation lambda:
                        if ((model != null && IsExpressionTree(lambda, model, types, cancellationToken))
                            || HasTokenParameter(lambda.Symbol.Parameters, types)
                            || (lambda.Syntax is AnonymousFunctionExpressionSyntax anonymous && anonymous.Modifiers.Any(SyntaxKind.StaticKeyword)))
                        {
                            return false;
                        }

                        break;
                    case ILocalFunctionOperation localFunction:
                        if (localFunction.Symbol.IsStatic
                            || HasTokenParameter(localFunction.Symbol.Parameters, types)
                            || (localFunction.Syntax is LocalFunctionStatementSyntax statement && statement.Modifiers.Any(SyntaxKind.StaticKeyword)))
                        {
                            return false;
                        }

                        break;
                }
            }

            return true;
        }

        private static bool HasTokenParameter(ImmutableArray<IParameterSymbol> parameters, KnownTypes types) =>
            parameters.Any(p => p.RefKind != RefKind.Out && TokenValues.IsToken(p.Type, types));

        /// <summary>
        /// True when the operation sits in a lambda converted to an expression tree (<c>Expression&lt;TDelegate&gt;</c>),
        /// including the implicit lambdas of query clauses.
        /// </summary>
        public static bool IsInExpressionTree(IOperation operation, KnownTypes types, System.Threading.CancellationToken cancellationToken)
        {
            var model = operation.SemanticModel;
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation lambda && model != null && IsExpressionTree(lambda, model, types, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsExpressionTree(IAnonymousFunctionOperation lambda, SemanticModel model, KnownTypes types, System.Threading.CancellationToken cancellationToken)
        {
            ITypeSymbol? target = lambda.Parent switch
            {
                IDelegateCreationOperation creation => creation.Type,
                IConversionOperation conversion => conversion.Type,
                _ => null,
            };

            if (target == null && lambda.Syntax is AnonymousFunctionExpressionSyntax)
            {
                target = model.GetTypeInfo(lambda.Syntax, cancellationToken).ConvertedType;
            }

            return IsExpressionType(target, types);
        }

        private static bool IsExpressionType(ITypeSymbol? type, KnownTypes types)
        {
            for (var t = type as INamedTypeSymbol; t != null; t = t.BaseType)
            {
                if (TokenValues.IsNamed(t.OriginalDefinition, "System.Linq.Expressions", "Expression", arity: 1)
                    || TokenValues.IsNamed(t, "System.Linq.Expressions", "LambdaExpression"))
                {
                    return true;
                }
            }

            return false;
        }

        private static TokenCandidate? FromParameters(ImmutableArray<IParameterSymbol> parameters, bool mayBeShadowed, int position, SemanticModel model, KnownTypes types)
        {
            foreach (var parameter in parameters)
            {
                if (parameter.RefKind != RefKind.Out
                    && !parameter.IsDiscard
                    && TokenValues.IsToken(parameter.Type, types)
                    && IsVisible(parameter, mayBeShadowed, position, model))
                {
                    return new TokenCandidate(parameter, Escape(parameter.Name), TokenSourceKind.Parameter);
                }
            }

            // Then a parameter object that carries a token: request.CancellationToken, context.RequestAborted.
            foreach (var parameter in parameters)
            {
                if (parameter.RefKind is RefKind.None or RefKind.In or RefKind.Ref
                    && !parameter.IsDiscard
                    && TokenProperty(parameter.Type, types) is { } property
                    && IsVisible(parameter, mayBeShadowed, position, model))
                {
                    return new TokenCandidate(parameter, Escape(parameter.Name) + "." + Escape(property.Name), TokenSourceKind.ParameterProperty);
                }
            }

            return null;
        }

        /// <summary>A public instance, readable <c>CancellationToken</c> property of a class, struct or interface type (including inherited ones).</summary>
        public static IPropertySymbol? TokenProperty(ITypeSymbol type, KnownTypes types)
        {
            if (type.SpecialType != SpecialType.None || type.TypeKind is not (TypeKind.Class or TypeKind.Struct or TypeKind.Interface))
            {
                return null;
            }

            // Asked for every parameter of the member around every call: answered once per type.
            var cache = types.TokenProperties;
            return cache.TryGetValue(type, out var known) ? known : cache.GetOrAdd(type, FindTokenProperty(type, types));
        }

        private static IPropertySymbol? FindTokenProperty(ITypeSymbol type, KnownTypes types)
        {
            var all = type.TypeKind == TypeKind.Interface
                ? new[] { type }.Concat(type.AllInterfaces)
                : Hierarchy(type);
            foreach (var t in all)
            {
                foreach (var member in t.GetMembers())
                {
                    if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public, GetMethod: not null } property
                        && TokenValues.IsToken(property.Type, types))
                    {
                        return property;
                    }
                }
            }

            return null;
        }

        private static System.Collections.Generic.IEnumerable<ITypeSymbol> Hierarchy(ITypeSymbol type)
        {
            for (var t = type; t != null; t = t.BaseType)
            {
                yield return t;
            }
        }

        private static TokenCandidate? FromLocals(
            ImmutableArray<ILocalSymbol> locals,
            IOperation? statement,
            int before,
            bool captured,
            bool mayBeShadowed,
            int position,
            SemanticModel model,
            KnownTypes types,
            System.Threading.CancellationToken cancellationToken)
        {
            if (locals.IsEmpty)
            {
                return null;
            }

            TokenCandidate? best = null;
            int bestStart = -1;
            foreach (var local in locals)
            {
                bool isToken = TokenValues.IsToken(local.Type, types);
                bool isSource = !isToken && TokenValues.IsTokenSource(local.Type, types);
                if (!isToken && !isSource)
                {
                    continue;
                }

                var reference = local.DeclaringSyntaxReferences.FirstOrDefault();
                if (reference == null || reference.Span.End > before || reference.Span.Start < bestStart)
                {
                    continue;
                }

                var declaration = reference.GetSyntax(cancellationToken);
                if (!IsAssigned(local, declaration, statement, captured, model, types, cancellationToken) || !IsVisible(local, mayBeShadowed, position, model))
                {
                    continue;
                }

                bestStart = reference.Span.Start;
                best = isToken
                    ? new TokenCandidate(local, Escape(local.Name), TokenSourceKind.Local)
                    : new TokenCandidate(local, Escape(local.Name) + ".Token", TokenSourceKind.TokenSource);
            }

            return best;
        }

        /// <summary>Assigned a usable value where it is used: at its declaration, or definitely before the statement that uses it.</summary>
        private static bool IsAssigned(ILocalSymbol local, SyntaxNode declaration, IOperation? statement, bool captured, SemanticModel model, KnownTypes types, System.Threading.CancellationToken cancellationToken)
        {
            if (declaration is VariableDeclaratorSyntax { Initializer: { } initializer })
            {
                var value = model.GetOperation(initializer.Value, cancellationToken);
                if (value == null || TokenValues.IsUncancellable(value, types))
                {
                    return false;
                }

                return !(TokenValues.Unwrap(value) is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } });
            }

            if (declaration is SingleVariableDesignationSyntax && !captured && statement?.Syntax is StatementSyntax following)
            {
                // out var / pattern variables: assigned on every path into the statement that uses them?
                return DefinitelyAssignedOnEntry(local, following, model);
            }

            if (declaration is VariableDeclaratorSyntax && !captured && statement?.Syntax is StatementSyntax later)
            {
                return DefinitelyAssignedOnEntry(local, later, model);
            }

            return false;
        }

        private static bool DefinitelyAssignedOnEntry(ILocalSymbol local, StatementSyntax statement, SemanticModel model)
        {
            if (statement is LocalFunctionStatementSyntax)
            {
                return false;
            }

            try
            {
                var flow = model.AnalyzeDataFlow(statement);
                return flow != null && flow.Succeeded && flow.DefinitelyAssignedOnEntry.Contains(local, SymbolEqualityComparer.Default);
            }
            catch (System.ArgumentException)
            {
                // A statement the data-flow API does not accept: not provably assigned.
                return false;
            }
        }

        private static TokenCandidate? FromHttpContext(IMethodSymbol method, int position, SemanticModel model, KnownTypes types, System.Threading.CancellationToken cancellationToken)
        {
            var action = ActionHttpContextOf(method, types, cancellationToken);
            IPropertySymbol? property = action.Property;
            if (action.DependsOnPosition)
            {
                // Something inside the action (or a type parameter) is named HttpContext: what the name means depends on where it is written.
                var bound = model.LookupSymbols(position, name: "HttpContext").FirstOrDefault();
                property = bound is IPropertySymbol { IsStatic: false } found && DerivesFromControllerBase(found.ContainingType) ? found : null;
            }

            return property == null ? null : new TokenCandidate(property, "HttpContext.RequestAborted", TokenSourceKind.RequestAborted);
        }

        /// <summary>The action's <see cref="ActionHttpContext"/>, worked out on first use (by <see cref="MayBeInScope"/> or <see cref="Find"/>) and cached per compilation.</summary>
        private static ActionHttpContext ActionHttpContextOf(IMethodSymbol method, KnownTypes types, System.Threading.CancellationToken cancellationToken)
        {
            var cache = types.ActionHttpContexts;
            return cache.TryGetValue(method, out var action) ? action : cache.GetOrAdd(method, ActionHttpContext.Of(method, cancellationToken));
        }

        /// <summary>
        /// What the name <c>HttpContext</c> means in the body of a controller action, worked out once per action
        /// (looking the name up at each call site cost BND3001 a fifth of its time). The name must still mean
        /// the controller's property where the token goes: no local, parameter or type parameter shadows it, and
        /// no member of the controller hides it.
        /// </summary>
        internal sealed class ActionHttpContext
        {
            private static readonly ActionHttpContext None = new(null, dependsOnPosition: false);
            private static readonly ActionHttpContext PerPosition = new(null, dependsOnPosition: true);

            private ActionHttpContext(IPropertySymbol? property, bool dependsOnPosition)
            {
                Property = property;
                DependsOnPosition = dependsOnPosition;
            }

            /// <summary><c>ControllerBase.HttpContext</c> (or an instance property of a controller hiding it), when the name means it throughout the action.</summary>
            public IPropertySymbol? Property { get; }

            /// <summary>True when the action declares something named <c>HttpContext</c>: the name is looked up where it would be written.</summary>
            public bool DependsOnPosition { get; }

            /// <summary>True when <c>HttpContext.RequestAborted</c> can be the token somewhere in the action.</summary>
            public bool MayProvide => Property != null || DependsOnPosition;

            public static ActionHttpContext Of(IMethodSymbol method, System.Threading.CancellationToken cancellationToken)
            {
                // MVC types compared by name (TokenValues.IsNamed): resolving them costs a search of every reference.
                if (method.IsStatic
                    || method.MethodKind != MethodKind.Ordinary
                    || method.DeclaredAccessibility != Accessibility.Public
                    || method.ContainingType is not { TypeKind: TypeKind.Class } type
                    || !DerivesFromControllerBase(type)
                    || HasMvcAttribute(method, "NonActionAttribute")
                    || HasMvcAttribute(type, "NonControllerAttribute"))
                {
                    return None;
                }

                if (DeclaresHttpContext(method, cancellationToken))
                {
                    return PerPosition;
                }

                // Member lookup: the nearest type up the base chain with a member of that name decides.
                for (var t = type; t != null; t = t.BaseType)
                {
                    var members = t.GetMembers("HttpContext");
                    if (!members.IsEmpty)
                    {
                        return members[0] is IPropertySymbol { IsStatic: false } property && DerivesFromControllerBase(property.ContainingType)
                            ? new ActionHttpContext(property, dependsOnPosition: false)
                            : None;
                    }
                }

                return None;
            }

            /// <summary>
            /// True when the name is declared inside the action (a local, parameter, pattern or query variable, local
            /// function, type parameter) or is a type parameter of a type around it: any identifier of that name
            /// that is not merely a use.
            /// </summary>
            private static bool DeclaresHttpContext(IMethodSymbol method, System.Threading.CancellationToken cancellationToken)
            {
                for (var t = method.ContainingType; t != null; t = t.ContainingType)
                {
                    if (t.TypeParameters.Any(p => p.Name == "HttpContext"))
                    {
                        return true;
                    }
                }

                foreach (var reference in method.DeclaringSyntaxReferences)
                {
                    foreach (var token in reference.GetSyntax(cancellationToken).DescendantTokens())
                    {
                        if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == "HttpContext" && token.Parent is not IdentifierNameSyntax)
                        {
                            return true;
                        }
                    }
                }

                return false;
            }
        }

        private static bool DerivesFromControllerBase(INamedTypeSymbol? type)
        {
            for (var t = type; t != null; t = t.BaseType)
            {
                if (TokenValues.IsNamed(t.OriginalDefinition, MvcNamespace, "ControllerBase"))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasMvcAttribute(ISymbol symbol, string attributeName)
        {
            foreach (var data in symbol.GetAttributes())
            {
                if (TokenValues.IsNamed(data.AttributeClass, MvcNamespace, attributeName))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The name, looked up at the position, still binds to this symbol (no inner variable shadows it). Only a
        /// lambda or local function between the declaration and the position can shadow it (<paramref name="mayBeShadowed"/>).
        /// </summary>
        private static bool IsVisible(ISymbol symbol, bool mayBeShadowed, int position, SemanticModel model)
        {
            if (!mayBeShadowed)
            {
                return true;
            }

            foreach (var found in model.LookupSymbols(position, name: symbol.Name))
            {
                return SymbolEqualityComparer.Default.Equals(found, symbol);
            }

            return false;
        }

        private static string Escape(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.AwaitKeyword
                ? "@" + name
                : name;
    }
}
