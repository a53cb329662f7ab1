using Bounded.Analyzers.Common;
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bounded.Analyzers.Domains
{
    /// <summary>
    /// The precise walk: binds the names under a piece of syntax and reports each one that crosses a
    /// boundary, once per site. It binds every name it meets, so it runs only on syntax the cheap
    /// screen (<see cref="Boundaries.Crosses(ITypeSymbol?, Placement)"/>, <see cref="BlockScreen"/>)
    /// found a crossing candidate in: a using directive, a declaration's type syntax, one operation
    /// block, one attribute. Each name that is not part of a larger name (the whole of <c>A.B.C</c>,
    /// each simple name of a member access, each type argument) is bound once.
    /// </summary>
    internal sealed class ReferenceSites
    {
        private readonly Boundaries _boundaries;
        private readonly SemanticModel _model;
        private readonly Action<Diagnostic> _report;
        private readonly CancellationToken _cancellationToken;

        // The name last bound to a type, so that "Type.Member" is one site (the type), not two.
        private SyntaxNode? _lastTypeName;

        // Sites reported by this walk, so that a chain starting at one is not reported again member by member.
        private readonly HashSet<SyntaxNode> _reported = new();

        // Members of another domain's internal types reached without naming them (BND1001), collected per consuming member.
        private readonly ImplicitReach? _implicit;

        public ReferenceSites(Boundaries boundaries, SemanticModel model, Action<Diagnostic> report, CancellationToken cancellationToken, ImplicitReach? implicitReach = null)
        {
            _boundaries = boundaries;
            _model = model;
            _report = report;
            _cancellationToken = cancellationToken;
            _implicit = implicitReach;
        }

        public void CheckUsing(UsingDirectiveSyntax directive, Placement from)
        {
            var target = directive.NamespaceOrType;
            if (target == null)
            {
                return;
            }

            if (target is NameSyntax name)
            {
                var symbol = _model.GetSymbolInfo(name, _cancellationToken).Symbol;
                if (symbol != null)
                {
                    Check(name, symbol, from, allowNamespace: true);
                }
            }
            else
            {
                // using X = (Billing.Invoice, int); using X = Billing.Invoice[]; ...
                Walk(target, from);
            }
        }

        public void Walk(SyntaxNode root, Placement from)
        {
            foreach (var node in root.DescendantNodesAndSelf(static n => n is not NameSyntax))
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (node is NameSyntax name)
                {
                    CheckName(name, from);

                    // Type arguments inside the name (A<B.C>.D<E>) are sites of their own.
                    foreach (var inner in name.DescendantNodesAndSelf(static n => n is not TypeArgumentListSyntax))
                    {
                        if (inner is GenericNameSyntax generic)
                        {
                            foreach (var argument in generic.TypeArgumentList.Arguments)
                            {
                                Walk(argument, from);
                            }
                        }
                    }
                }
            }
        }

        private void CheckName(NameSyntax name, Placement from)
        {
            switch (name.Parent)
            {
                case NameColonSyntax:   // named argument: a parameter
                case NameEqualsSyntax:  // attribute property/field or anonymous member name
                case ExpressionColonSyntax:
                    return;
            }

            if (name is IdentifierNameSyntax identifier && identifier.IsVar && IsVarPosition(identifier))
            {
                return; // 'var' has no type syntax
            }

            var info = _model.GetSymbolInfo(name, _cancellationToken);
            var symbol = info.Symbol;
            if (symbol == null && info.CandidateReason == CandidateReason.MemberGroup && info.CandidateSymbols.Length > 0)
            {
                symbol = info.CandidateSymbols[0]; // nameof(Type.OverloadedMethod)
            }

            if (symbol == null)
            {
                return;
            }

            Check(name, symbol, from, allowNamespace: false);
        }

        private static bool IsVarPosition(IdentifierNameSyntax identifier) =>
            identifier.Parent is VariableDeclarationSyntax or DeclarationExpressionSyntax or ForEachStatementSyntax or RefTypeSyntax or ScopedTypeSyntax;

        private void Check(NameSyntax site, ISymbol symbol, Placement from, bool allowNamespace)
        {
            if (symbol is IAliasSymbol alias)
            {
                symbol = alias.Target;
            }

            SyntaxNode location = site;
            bool checkReceiver = false;
            ISymbol? owner;     // the type or namespace whose namespace decides
            bool isType;
            switch (symbol)
            {
                case INamespaceSymbol ns:
                    if (!allowNamespace)
                    {
                        return; // a namespace in a qualified expression: the type after it is the site
                    }

                    owner = ns;
                    isType = false;
                    break;
                case INamedTypeSymbol type:
                    if (type.TypeKind == TypeKind.Error || IsStaticAccessThroughTypeName(site))
                    {
                        return; // Outer.Inner in an expression: the outer type name is the site
                    }

                    owner = type;
                    isType = true;
                    _lastTypeName = site;
                    if (site.Parent is MemberAccessExpressionSyntax qualified && qualified.Name == site)
                    {
                        location = qualified; // Namespace.Type in an expression: the whole qualified name is the site
                    }

                    break;
                case IMethodSymbol { MethodKind: MethodKind.Constructor } constructor:
                    // An attribute name binds to its constructor.
                    owner = constructor.ContainingType;
                    symbol = constructor.ContainingType;
                    isType = true;
                    break;
                case IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol:
                    if (IsStaticAccessThroughTypeName(site) || ReceiverWasReported(site))
                    {
                        return; // Type.Member, or X.Y.Z() after X was reported: one site
                    }

                    if (symbol is IMethodSymbol { ReducedFrom: { } reducedFrom })
                    {
                        symbol = reducedFrom; // an extension method call: its static class is the reference
                    }
                    else
                    {
                        // invoice.Pay() where invoice's type is itself the other side's: the violation is
                        // where that type is named (reported there), not each use of its members.
                        // Checked only before reporting (it binds the receiver).
                        checkReceiver = true;
                    }

                    owner = symbol.ContainingType;
                    isType = false;
                    break;
                default:
                    return; // locals, parameters, type parameters, labels, dynamic, ...
            }

            if (owner == null)
            {
                return;
            }

            var to = owner is INamespaceSymbol targetNamespace
                ? _boundaries.Get(targetNamespace)
                : _boundaries.Get(owner.ContainingNamespace);

            switch (CrossingRules.Judge(from, to, frameworkSite: isType || owner is INamespaceSymbol))
            {
                case Crossing.Framework:
                    Report(Rules.FrameworkInDomainLayer, location, null, _boundaries.Map.Layers.NameOf(0), Display(symbol), to.Namespace);
                    break;
                case Crossing.CrossDomain:
                    if (checkReceiver && InsideReceiver(site, owner as INamedTypeSymbol) is { } receiverType)
                    {
                        // invoice.Pay(): reported where the receiver's type is written, unless it is not written in
                        // this domain at all (var from a contract's member, a chained call): then at the first use.
                        if (_implicit != null && !OverridesOutside(symbol, from) && !ReceiverWrittenInDomain(ReceiverOf(site)!, from, 0))
                        {
                            _implicit.Add(receiverType, Diagnostic.Create(Rules.CrossDomainReference, location.GetLocation(), Display(symbol), to.Domain!, from.Domain!, _boundaries.ContractHint(to.DomainRoot!)));
                        }

                        break;
                    }

                    if (isType && symbol is INamedTypeSymbol written)
                    {
                        _implicit?.Written(written);
                    }

                    var properties = isType && symbol is INamedTypeSymbol referenced ? PublicContract.For(_boundaries, _model, site, referenced, to) : null;
                    Report(Rules.CrossDomainReference, location, properties, Display(symbol), to.Domain!, from.Domain!, _boundaries.ContractHint(to.DomainRoot!));
                    break;
                case Crossing.Layer when !(checkReceiver && ReceiverIsInside(site, owner as INamedTypeSymbol)):
                    var layers = _boundaries.Map.Layers;
                    Report(Rules.LayerDirection, location, null, layers.NameOf(from.LayerRank), Display(symbol), layers.NameOf(to.LayerRank), layers.Text);
                    break;
            }
        }

        /// <summary>The member is accessed on an expression whose type sits in the same boundary as the member's type.</summary>
        private bool ReceiverIsInside(NameSyntax site, INamedTypeSymbol? memberType) => InsideReceiver(site, memberType) != null;

        /// <summary>The receiver's type, when the member is accessed on an expression whose type sits in the member type's boundary.</summary>
        private INamedTypeSymbol? InsideReceiver(NameSyntax site, INamedTypeSymbol? memberType)
        {
            var receiver = ReceiverOf(site);
            if (receiver == null || memberType == null)
            {
                return null;
            }

            var receiverType = _model.GetTypeInfo(receiver, _cancellationToken).Type;
            if (receiverType is not INamedTypeSymbol named || named.TypeKind == TypeKind.Error)
            {
                return null;
            }

            return _boundaries.SameBoundary(named, memberType) ? named : null;
        }

        /// <summary><c>invoice.ToString()</c>: an override of a member declared outside the other domain's internals is not their surface.</summary>
        private bool OverridesOutside(ISymbol member, Placement from)
        {
            ISymbol? root = null;
            for (var current = member; current != null && current.IsOverride; )
            {
                current = current switch
                {
                    IMethodSymbol method => method.OverriddenMethod,
                    IPropertySymbol property => property.OverriddenProperty,
                    IEventSymbol @event => @event.OverriddenEvent,
                    _ => null,
                };
                root = current ?? root;
            }

            return root?.ContainingType != null
                && CrossingRules.Judge(from, _boundaries.Get(root.ContainingType.ContainingNamespace), frameworkSite: false) != Crossing.CrossDomain;
        }

        private static ExpressionSyntax? ReceiverOf(NameSyntax site) => site.Parent switch
        {
            MemberAccessExpressionSyntax access when access.Name == site => access.Expression,
            MemberBindingExpressionSyntax binding when binding.Name == site => binding.FirstAncestorOrSelf<ConditionalAccessExpressionSyntax>()?.Expression,
            _ => null,
        };

        /// <summary>How deep <see cref="ReceiverWrittenInDomain"/> follows locals and chains before giving up (as written: not reported).</summary>
        private const int MaxOriginDepth = 8;

        /// <summary>
        /// Whether the receiver's value comes from somewhere this domain spells its type: an explicitly typed
        /// local or parameter, a member declared in this domain, a cast or creation (all reported where written).
        /// A <c>var</c> local or <c>foreach</c> variable follows its initializer or collection, an inferred lambda
        /// parameter the receiver of the call it is passed to, a library member (LINQ, collections, tasks) or a member
        /// of another domain's internal type its own receiver. A member of another domain's public contract
        /// (<c>lookup.Find(id)</c>) hands the type over unwritten. Shapes not understood count as written (no diagnostic).
        /// </summary>
        private bool ReceiverWrittenInDomain(ExpressionSyntax expression, Placement from, int depth)
        {
            while (true)
            {
                if (depth++ > MaxOriginDepth)
                {
                    return true;
                }

                switch (expression)
                {
                    case ParenthesizedExpressionSyntax parenthesized:
                        expression = parenthesized.Expression;
                        continue;
                    case PostfixUnaryExpressionSyntax postfix:
                        expression = postfix.Operand; // x!
                        continue;
                    case AwaitExpressionSyntax awaited:
                        expression = awaited.Expression;
                        continue;
                    case ElementAccessExpressionSyntax element:
                        expression = element.Expression;
                        continue;
                    case CastExpressionSyntax or BinaryExpressionSyntax or BaseObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax
                        or ThisExpressionSyntax or BaseExpressionSyntax:
                        return true;
                }

                var symbol = _model.GetSymbolInfo(expression, _cancellationToken).Symbol;
                switch (symbol)
                {
                    case ILocalSymbol local:
                        var next = LocalOrigin(local);
                        if (next == null)
                        {
                            return !IsImplicitlyTypedLocal(local);
                        }

                        expression = next;
                        continue;
                    case IParameterSymbol parameter:
                        if (parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } && ParameterTypeOmitted(parameter))
                        {
                            var source = LambdaSource(parameter);
                            if (source == null)
                            {
                                return false; // x => x.Total on something not traced: the type is not written here
                            }

                            expression = source;
                            continue;
                        }

                        return true; // a parameter's type is written in the signature
                    case IFieldSymbol or IPropertySymbol or IMethodSymbol or IEventSymbol:
                        var placement = _boundaries.Get(symbol.ContainingType?.ContainingNamespace);
                        if (placement.Domain != null && string.Equals(placement.Family, from.Family, StringComparison.Ordinal))
                        {
                            if (string.Equals(placement.Domain, from.Domain, StringComparison.Ordinal))
                            {
                                return true; // declared in this domain: its signature spells the type
                            }

                            if (placement.IsPublic)
                            {
                                return false; // another domain's contract hands the type over unwritten
                            }

                            // A member of another domain's internal type: the violation is where that type (or the chain's
                            // start) is written, which its receiver tells.
                        }

                        // A library member (Enumerable.First, List<T>.Find, Task<T>.Result): the type comes from its receiver.
                        var receiver = expression switch
                        {
                            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Expression,
                            MemberAccessExpressionSyntax access => access.Expression,
                            _ => null,
                        };
                        if (receiver == null)
                        {
                            return true;
                        }

                        expression = receiver;
                        continue;
                    default:
                        return true;
                }
            }
        }

        /// <summary>A <c>var</c> local's initializer, or a <c>foreach (var x in ...)</c> variable's collection.</summary>
        private static ExpressionSyntax? LocalOrigin(ILocalSymbol local)
        {
            var references = local.DeclaringSyntaxReferences;
            if (references.Length != 1)
            {
                return null;
            }

            return references[0].GetSyntax() switch
            {
                VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type.IsVar: true }, Initializer.Value: var value } => value,
                ForEachStatementSyntax { Type.IsVar: true } forEach => forEach.Expression,
                _ => null,
            };
        }

        private static bool IsImplicitlyTypedLocal(ILocalSymbol local)
        {
            foreach (var reference in local.DeclaringSyntaxReferences)
            {
                switch (reference.GetSyntax())
                {
                    case VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type.IsVar: true } }:
                    case ForEachStatementSyntax { Type.IsVar: true }:
                    case SingleVariableDesignationSyntax { Parent: DeclarationExpressionSyntax { Type.IsVar: true } or VarPatternSyntax or ParenthesizedVariableDesignationSyntax }:
                        return true;
                }
            }

            return false;
        }

        private static bool ParameterTypeOmitted(IParameterSymbol parameter)
        {
            foreach (var reference in parameter.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is ParameterSyntax { Type: null })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>For <c>items.Select(x => x.Total)</c>: the receiver of the call the lambda is passed to.</summary>
        private static ExpressionSyntax? LambdaSource(IParameterSymbol parameter)
        {
            var references = parameter.DeclaringSyntaxReferences;
            if (references.Length != 1)
            {
                return null;
            }

            var lambda = references[0].GetSyntax().FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>();
            return lambda?.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } } }
                ? access.Expression
                : null;
        }

        /// <summary>A member reached by a chain (<c>Internal.Instance.Save()</c>) whose start was already reported.</summary>
        private bool ReceiverWasReported(NameSyntax site)
        {
            if (_reported.Count == 0 || site.Parent is not MemberAccessExpressionSyntax access || access.Name != site)
            {
                return false;
            }

            var receiver = access.Expression;
            while (true)
            {
                if (_reported.Contains(receiver))
                {
                    return true;
                }

                switch (receiver)
                {
                    case MemberAccessExpressionSyntax member:
                        if (_reported.Contains(member.Name))
                        {
                            return true;
                        }

                        receiver = member.Expression;
                        continue;
                    case InvocationExpressionSyntax invocation:
                        receiver = invocation.Expression;
                        continue;
                    case ElementAccessExpressionSyntax element:
                        receiver = element.Expression;
                        continue;
                    case ParenthesizedExpressionSyntax parenthesized:
                        receiver = parenthesized.Expression;
                        continue;
                    default:
                        return false;
                }
            }
        }

        private bool IsStaticAccessThroughTypeName(NameSyntax site) =>
            _lastTypeName != null
            && site.Parent is MemberAccessExpressionSyntax access
            && access.Name == site
            && (access.Expression == _lastTypeName
                || (access.Expression is MemberAccessExpressionSyntax left && left.Name == _lastTypeName)
                || (access.Expression is AliasQualifiedNameSyntax aliased && aliased.Name == _lastTypeName));

        private void Report(DiagnosticDescriptor descriptor, SyntaxNode site, ImmutableDictionary<string, string?>? properties, params object[] arguments)
        {
            _reported.Add(site);
            var location = site.GetLocation();
            if (!GeneratedCode.IsHidden(location, _cancellationToken))
            {
                _report(Diagnostic.Create(descriptor, location, properties, arguments));
            }
        }

        private static string Display(ISymbol symbol) =>
            symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
    }
}
