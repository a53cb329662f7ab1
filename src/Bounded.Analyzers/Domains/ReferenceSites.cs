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

        public ReferenceSites(Boundaries boundaries, SemanticModel model, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            _boundaries = boundaries;
            _model = model;
            _report = report;
            _cancellationToken = cancellationToken;
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
                case Crossing.CrossDomain when !(checkReceiver && ReceiverIsInside(site, owner as INamedTypeSymbol)):
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
        private bool ReceiverIsInside(NameSyntax site, INamedTypeSymbol? memberType)
        {
            ExpressionSyntax? receiver = site.Parent switch
            {
                MemberAccessExpressionSyntax access when access.Name == site => access.Expression,
                MemberBindingExpressionSyntax binding when binding.Name == site => binding.FirstAncestorOrSelf<ConditionalAccessExpressionSyntax>()?.Expression,
                _ => null,
            };
            if (receiver == null || memberType == null)
            {
                return false;
            }

            var receiverType = _model.GetTypeInfo(receiver, _cancellationToken).Type;
            if (receiverType is not INamedTypeSymbol named || named.TypeKind == TypeKind.Error)
            {
                return false;
            }

            return _boundaries.SameBoundary(named, memberType);
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
