using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Bounded.Analyzers.Common.Options;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Analyzers.Domains
{
    /// <summary>
    /// BND1001 (cross-domain references), BND1002 (layer direction) and BND1003 (frameworks in the
    /// Domain layer), found in one pass per file. Code whose namespace is in no domain and no layer
    /// (most code) is skipped without binding anything. Inside constrained namespaces the walk binds
    /// only names: each name that is not part of a larger name (the whole of <c>A.B.C</c>, each
    /// simple name of a member access, each type argument) is bound once, and reported at most once.
    /// Documentation comments are trivia and are not walked (crefs are exempt).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DomainReferenceAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: documentation ID of the public contract type the site can use instead (BND1001).</summary>
        public const string ContractProperty = "Contract";

        /// <summary>Diagnostic property: the contract's display name, for the fix's title.</summary>
        public const string ContractNameProperty = "ContractName";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Rules.CrossDomainReference, Rules.LayerDirection, Rules.FrameworkInDomainLayer);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var state = new CompilationState(start.Compilation);
                start.RegisterSyntaxNodeAction(c => new FileWalk(c, state).Run(), SyntaxKind.CompilationUnit);
            });
        }

        /// <summary>Per-compilation caches over the per-options <see cref="DomainMap"/>.</summary>
        private sealed class CompilationState
        {
            private readonly ConcurrentDictionary<DomainMap, ConcurrentDictionary<INamespaceSymbol, Placement>> _placements = new();
            private readonly ConcurrentDictionary<(DomainMap Map, string Root), string> _contractHints = new();

            public CompilationState(Compilation compilation)
            {
                Compilation = compilation;
            }

            public Compilation Compilation { get; }

            public Placement Get(DomainMap map, INamespaceSymbol? ns)
            {
                if (ns == null || ns.IsGlobalNamespace)
                {
                    return Placement.None;
                }

                var cache = _placements.GetOrAdd(map, _ => new ConcurrentDictionary<INamespaceSymbol, Placement>(SymbolEqualityComparer.Default));
                return cache.TryGetValue(ns, out var placement) ? placement : cache.GetOrAdd(ns, map.Get(ns));
            }

            /// <summary>Where a domain's public contract lives: the first configured public namespace that exists, else the first configured one.</summary>
            public string ContractHint(DomainMap map, string root) =>
                _contractHints.GetOrAdd((map, root), key =>
                {
                    var names = key.Map.PublicNamespaces;
                    if (names.IsEmpty)
                    {
                        return key.Root;
                    }

                    var rootNamespace = FindNamespace(Compilation.GlobalNamespace, key.Root);
                    if (rootNamespace != null)
                    {
                        foreach (var name in names)
                        {
                            foreach (var member in rootNamespace.GetMembers(name))
                            {
                                if (member is INamespaceSymbol)
                                {
                                    return key.Root + "." + name;
                                }
                            }
                        }
                    }

                    return key.Root + "." + names[0];
                });

            private static INamespaceSymbol? FindNamespace(INamespaceSymbol global, string name)
            {
                INamespaceSymbol? current = global;
                foreach (var segment in name.Split('.'))
                {
                    INamespaceSymbol? next = null;
                    foreach (var member in current.GetMembers(segment))
                    {
                        if (member is INamespaceSymbol ns)
                        {
                            next = ns;
                            break;
                        }
                    }

                    if (next == null)
                    {
                        return null;
                    }

                    current = next;
                }

                return current;
            }
        }

        private sealed class FileWalk
        {
            private readonly SyntaxNodeAnalysisContext _context;
            private readonly CompilationState _state;
            private readonly SemanticModel _model;
            private readonly DomainMap _map;

            // The name last bound to a type, so that "Type.Member" is one site (the type), not two.
            private SyntaxNode? _lastTypeName;

            // Sites reported in this file, so that a chain starting at one is not reported again member by member.
            private readonly HashSet<SyntaxNode> _reported = new();

            public FileWalk(SyntaxNodeAnalysisContext context, CompilationState state)
            {
                _context = context;
                _state = state;
                _model = context.SemanticModel;
                _map = DomainMap.For(BoundedOptions.For(context.Options, context.Node.SyntaxTree));
            }

            public void Run()
            {
                var unit = (CompilationUnitSyntax)_context.Node;

                // File-level using directives belong to the file's namespace (when all its namespaces agree).
                Placement? filePlacement = null;
                foreach (var member in unit.Members)
                {
                    if (member is BaseNamespaceDeclarationSyntax declaration)
                    {
                        var placement = Placement(declaration);
                        if (filePlacement == null)
                        {
                            filePlacement = placement;
                        }
                        else if (!ReferenceEquals(filePlacement, placement))
                        {
                            filePlacement = null;
                            break;
                        }
                    }
                }

                if (filePlacement != null && filePlacement.IsConstrained)
                {
                    CheckUsings(unit.Usings, filePlacement);
                }

                foreach (var member in unit.Members)
                {
                    Visit(member, Domains.Placement.None);
                }
            }

            private Placement Placement(BaseNamespaceDeclarationSyntax declaration) =>
                _state.Get(_map, _model.GetDeclaredSymbol(declaration, _context.CancellationToken) as INamespaceSymbol);

            private void Visit(MemberDeclarationSyntax member, Placement placement)
            {
                if (member is BaseNamespaceDeclarationSyntax declaration)
                {
                    var inner = Placement(declaration);
                    if (inner.IsConstrained)
                    {
                        CheckUsings(declaration.Usings, inner);
                    }

                    foreach (var child in declaration.Members)
                    {
                        Visit(child, inner);
                    }

                    return;
                }

                if (placement.IsConstrained)
                {
                    Walk(member, placement);
                }
            }

            private void CheckUsings(SyntaxList<UsingDirectiveSyntax> usings, Placement from)
            {
                foreach (var directive in usings)
                {
                    var target = directive.NamespaceOrType;
                    if (target == null)
                    {
                        continue;
                    }

                    if (target is NameSyntax name)
                    {
                        var symbol = _model.GetSymbolInfo(name, _context.CancellationToken).Symbol;
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
            }

            private void Walk(SyntaxNode root, Placement from)
            {
                foreach (var node in root.DescendantNodesAndSelf(static n => n is not NameSyntax))
                {
                    _context.CancellationToken.ThrowIfCancellationRequested();
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

                var info = _model.GetSymbolInfo(name, _context.CancellationToken);
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
                    ? _state.Get(_map, targetNamespace)
                    : _state.Get(_map, owner.ContainingNamespace);

                if (ReferenceEquals(to, from) || to == Domains.Placement.None)
                {
                    return;
                }

                // BND1003: a framework type (or a using of its namespace) in the innermost layer.
                if (from.LayerRank == 0 && to.IsForbidden && (isType || owner is INamespaceSymbol))
                {
                    Report(Rules.FrameworkInDomainLayer, location, null, _map.Layers.NameOf(0), Display(symbol), to.Namespace);
                    return;
                }

                if (to.IsShared || from.IsShared)
                {
                    return;
                }

                if (from.Domain != null && to.Domain != null)
                {
                    if (!string.Equals(from.Domain, to.Domain, StringComparison.Ordinal))
                    {
                        if (!to.IsPublic && string.Equals(from.Family, to.Family, StringComparison.Ordinal)
                            && !(checkReceiver && ReceiverIsInside(site, owner as INamedTypeSymbol)))
                        {
                            var properties = isType && symbol is INamedTypeSymbol referenced ? ContractFor(site, referenced, to) : null;
                            Report(Rules.CrossDomainReference, location, properties, Display(symbol), to.Domain!, from.Domain!, _state.ContractHint(_map, to.DomainRoot!));
                        }

                        return;
                    }
                }
                else if (from.Domain != null || to.Domain != null || from.Family == null || !string.Equals(from.Family, to.Family, StringComparison.Ordinal))
                {
                    return; // layers are compared inside one domain, or between namespaces of one code base outside domains
                }

                if (from.LayerRank >= 0 && to.LayerRank > from.LayerRank
                    && !(checkReceiver && ReceiverIsInside(site, owner as INamedTypeSymbol)))
                {
                    Report(Rules.LayerDirection, location, null, _map.Layers.NameOf(from.LayerRank), Display(symbol), _map.Layers.NameOf(to.LayerRank), _map.Layers.Text);
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

                var receiverType = _model.GetTypeInfo(receiver, _context.CancellationToken).Type;
                if (receiverType is not INamedTypeSymbol named || named.TypeKind == TypeKind.Error)
                {
                    return false;
                }

                var a = _state.Get(_map, named.ContainingNamespace);
                var b = _state.Get(_map, memberType.ContainingNamespace);
                return ReferenceEquals(a, b)
                    || (a.Domain != null && a.Domain == b.Domain && a.Family == b.Family && a.IsPublic == b.IsPublic && a.LayerRank == b.LayerRank);
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

            private ImmutableDictionary<string, string?>? ContractFor(NameSyntax site, INamedTypeSymbol type, Placement typePlacement)
            {
                if (!IsContractPosition(site))
                {
                    return null;
                }

                INamedTypeSymbol? contract = null;
                foreach (var candidate in Candidates(type))
                {
                    var placement = _state.Get(_map, candidate.ContainingNamespace);
                    if (((placement.IsPublic && placement.Domain == typePlacement.Domain && placement.Family == typePlacement.Family) || placement.IsShared)
                        && candidate.TypeKind != TypeKind.Error
                        && _model.IsAccessible(site.SpanStart, candidate)
                        && TypeArgumentsAreUsable(candidate, typePlacement))
                    {
                        contract = candidate;
                        break;
                    }
                }

                if (contract == null)
                {
                    return null;
                }

                string? id = DocumentationCommentId.CreateReferenceId(contract);
                if (id == null)
                {
                    return null;
                }

                return ImmutableDictionary<string, string?>.Empty
                    .Add(ContractProperty, id)
                    .Add(ContractNameProperty, contract.ToMinimalDisplayString(_model, site.SpanStart));
            }

            private static IEnumerable<INamedTypeSymbol> Candidates(INamedTypeSymbol type)
            {
                foreach (var direct in type.Interfaces)
                {
                    yield return direct;
                }

                foreach (var any in type.AllInterfaces)
                {
                    if (!type.Interfaces.Contains(any))
                    {
                        yield return any;
                    }
                }

                for (var baseType = type.BaseType; baseType != null && baseType.SpecialType != SpecialType.System_Object; baseType = baseType.BaseType)
                {
                    yield return baseType;
                }
            }

            private bool TypeArgumentsAreUsable(INamedTypeSymbol contract, Placement domain)
            {
                foreach (var argument in contract.TypeArguments)
                {
                    if (argument is INamedTypeSymbol named)
                    {
                        var placement = _state.Get(_map, named.ContainingNamespace);
                        if (placement.Domain == domain.Domain && placement.Family == domain.Family && !placement.IsPublic && !placement.IsShared)
                        {
                            return false;
                        }

                        if (!TypeArgumentsAreUsable(named, domain))
                        {
                            return false;
                        }
                    }
                    else if (argument is not ITypeParameterSymbol && argument.SpecialType == SpecialType.None && argument.TypeKind != TypeKind.Dynamic)
                    {
                        return false; // arrays, pointers, ...: keep it simple
                    }
                }

                return true;
            }

            /// <summary>
            /// A type position where a base type or interface can stand in for the type: the declared
            /// type of a local, field, property, parameter or return, or a type argument of such a type
            /// (possibly nullable or an array). Not <c>new</c>, <c>typeof</c>, casts, patterns, base lists,
            /// attributes or static access.
            /// </summary>
            public static bool IsContractPosition(SyntaxNode site)
            {
                SyntaxNode node = site;
                while (true)
                {
                    var parent = node.Parent;
                    switch (parent)
                    {
                        case NullableTypeSyntax or ArrayTypeSyntax:
                            node = parent;
                            continue;
                        case TypeArgumentListSyntax { Parent: GenericNameSyntax generic }:
                            node = generic;
                            while (node.Parent is QualifiedNameSyntax qualified && qualified.Right == node)
                            {
                                node = qualified;
                            }

                            continue;
                        case VariableDeclarationSyntax declaration when declaration.Type == node:
                            return declaration.Parent is LocalDeclarationStatementSyntax or FieldDeclarationSyntax;
                        case PropertyDeclarationSyntax property when property.Type == node:
                            return true;
                        case MethodDeclarationSyntax method when method.ReturnType == node:
                            return true;
                        case LocalFunctionStatementSyntax function when function.ReturnType == node:
                            return true;
                        case ParameterSyntax parameter when parameter.Type == node:
                            return true;
                        default:
                            return false;
                    }
                }
            }

            private void Report(DiagnosticDescriptor descriptor, SyntaxNode site, ImmutableDictionary<string, string?>? properties, params object[] arguments)
            {
                _reported.Add(site);
                _context.ReportDiagnostic(Diagnostic.Create(descriptor, site.GetLocation(), properties, arguments));
            }

            private static string Display(ISymbol symbol) =>
                symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
        }
    }
}
