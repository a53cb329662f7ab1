using System.Collections.Generic;
using System.Collections.Immutable;
using Bounded.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Analyzers.Domains
{
    /// <summary>
    /// BND1004: a type in a domain's public namespaces whose own header (base type, interfaces, constraints,
    /// delegate signature) or a public/protected member's signature names a type of the same domain outside
    /// its public and shared namespaces. The provider-side twin of BND1001: a contract member that hands out
    /// an internal type lets every consumer reach it without naming it.
    /// <para>
    /// Cost: one namespace lookup per type; only a visible type in a public namespace is screened from its
    /// symbols, and only a type whose symbols leak gets per-declaration syntax actions that bind the type syntax.
    /// </para>
    /// </summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class PublicContractLeakAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Rules.PublicContractExposesInternalType);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.SkipAnalysisOnly); // and #line hidden checked when reporting
            context.RegisterCompilationStartAction(start =>
            {
                var state = new CompilationBoundaries(start.Compilation);
                start.RegisterSymbolStartAction(s => StartType(s, state), SymbolKind.NamedType);
            });
        }

        private static void StartType(SymbolStartAnalysisContext context, CompilationBoundaries state)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            var references = type.DeclaringSyntaxReferences;
            if (type.ContainingNamespace is not { IsGlobalNamespace: false } ns || references.IsEmpty || !IsVisible(type))
            {
                return;
            }

            // Parts of a partial type in files with other settings are decided per file, in the action.
            var contract = state.For(context.Options, references[0].SyntaxTree).Get(ns);
            if (references.Length == 1 && (!IsContract(contract) || !TypeLeaks(type, contract, state.For(context.Options, references[0].SyntaxTree))))
            {
                return;
            }

            context.RegisterSyntaxNodeAction(c => AnalyzeDeclaration(c, state, type), DeclarationHeader.Kinds);
        }

        private static bool IsContract(Placement placement) => placement.IsPublic && placement.Domain != null;

        /// <summary>Public, or protected in a visible type, all the way out: what another assembly (domain) can see.</summary>
        private static bool IsVisible(ISymbol symbol)
        {
            for (var current = symbol; current != null && current.Kind != SymbolKind.Namespace; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A type of the contract's own domain outside its public and shared namespaces (shared ones are in no domain).</summary>
        private static bool IsInternalOf(INamedTypeSymbol type, Placement contract, Boundaries boundaries)
        {
            if (type.TypeKind == TypeKind.Error)
            {
                return false;
            }

            var placement = boundaries.Get(type.ContainingNamespace);
            return !placement.IsPublic && !placement.IsShared
                && string.Equals(placement.Domain, contract.Domain, System.StringComparison.Ordinal)
                && string.Equals(placement.Family, contract.Family, System.StringComparison.Ordinal);
        }

        /// <summary>Whether the type or anything it is built from (type arguments, elements, outer types) is internal.</summary>
        private static bool Leaks(ITypeSymbol? type, Placement contract, Boundaries boundaries) => type switch
        {
            INamedTypeSymbol named => IsInternalOf(named, contract, boundaries)
                || AnyLeaks(named.TypeArguments, contract, boundaries)
                || (named.ContainingType != null && Leaks(named.ContainingType, contract, boundaries)),
            IArrayTypeSymbol array => Leaks(array.ElementType, contract, boundaries),
            IPointerTypeSymbol pointer => Leaks(pointer.PointedAtType, contract, boundaries),
            _ => false,
        };

        private static bool AnyLeaks(ImmutableArray<ITypeSymbol> types, Placement contract, Boundaries boundaries)
        {
            foreach (var type in types)
            {
                if (Leaks(type, contract, boundaries))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ParametersLeak(ImmutableArray<IParameterSymbol> parameters, Placement contract, Boundaries boundaries)
        {
            foreach (var parameter in parameters)
            {
                if (Leaks(parameter.Type, contract, boundaries))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ConstraintsLeak(ImmutableArray<ITypeParameterSymbol> typeParameters, Placement contract, Boundaries boundaries)
        {
            foreach (var typeParameter in typeParameters)
            {
                if (AnyLeaks(typeParameter.ConstraintTypes, contract, boundaries))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The symbol screen: the type's own header, or a visible member's signature, names an internal type.</summary>
        private static bool TypeLeaks(INamedTypeSymbol type, Placement contract, Boundaries boundaries)
        {
            if (HeaderLeaks(type, contract, boundaries))
            {
                return true;
            }

            foreach (var member in type.GetMembers())
            {
                if (member is not INamedTypeSymbol && IsExposed(member) && SignatureLeaks(member, contract, boundaries))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HeaderLeaks(INamedTypeSymbol type, Placement contract, Boundaries boundaries) =>
            type.TypeKind == TypeKind.Delegate
                ? (type.DelegateInvokeMethod is { } invoke && SignatureLeaks(invoke, contract, boundaries)) || ConstraintsLeak(type.TypeParameters, contract, boundaries)
                : Leaks(type.BaseType, contract, boundaries) || AnyLeaks(ImmutableArray<ITypeSymbol>.CastUp(type.Interfaces), contract, boundaries)
                    || ConstraintsLeak(type.TypeParameters, contract, boundaries);

        /// <summary>A member written in source that other domains can see: public or protected (accessors go with their property).</summary>
        private static bool IsExposed(ISymbol member) =>
            member.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal
            && (!member.IsImplicitlyDeclared || member is IPropertySymbol)
            && member is not IMethodSymbol { AssociatedSymbol: not null };

        private static bool SignatureLeaks(ISymbol member, Placement contract, Boundaries boundaries) => member switch
        {
            IMethodSymbol method => Leaks(method.ReturnType, contract, boundaries) || ParametersLeak(method.Parameters, contract, boundaries)
                || ConstraintsLeak(method.TypeParameters, contract, boundaries),
            IPropertySymbol property => Leaks(property.Type, contract, boundaries) || ParametersLeak(property.Parameters, contract, boundaries),
            IFieldSymbol field => Leaks(field.Type, contract, boundaries),
            IEventSymbol @event => Leaks(@event.Type, contract, boundaries),
            _ => false,
        };

        private static void AnalyzeDeclaration(SyntaxNodeAnalysisContext context, CompilationBoundaries state, INamedTypeSymbol type)
        {
            var declaration = context.Node;
            var symbol = DeclarationHeader.SymbolOf(context);
            if (symbol == null || !DeclarationHeader.BelongsTo(symbol, type) || type.ContainingNamespace is not { } ns)
            {
                return;
            }

            var boundaries = state.For(context.Options, declaration.SyntaxTree);
            var contract = boundaries.Get(ns);
            if (!IsContract(contract))
            {
                return;
            }

            var walk = new LeakWalk(context, boundaries, contract);
            if (symbol is INamedTypeSymbol)
            {
                if (HeaderLeaks(type, contract, boundaries))
                {
                    walk.Header(declaration, symbol);
                }

                // A primary constructor (a record's positional parameters, which are also its properties).
                if (declaration is TypeDeclarationSyntax { ParameterList: { } parameters } && PrimaryConstructorExposed(type, parameters))
                {
                    foreach (var parameter in parameters.Parameters)
                    {
                        walk.Walk(parameter.Type, symbol);
                    }
                }
            }
            else if (IsExposed(symbol) && SignatureLeaks(symbol, contract, boundaries))
            {
                foreach (var typeSyntax in DeclarationHeader.TypeSyntax(declaration))
                {
                    walk.Walk(typeSyntax, symbol);
                }
            }
        }

        private static bool PrimaryConstructorExposed(INamedTypeSymbol type, ParameterListSyntax parameters) =>
            FindPrimaryConstructor(type, parameters) is { } constructor
            && constructor.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal;

        private static IMethodSymbol? FindPrimaryConstructor(INamedTypeSymbol type, ParameterListSyntax parameters)
        {
            foreach (var constructor in type.InstanceConstructors)
            {
                foreach (var reference in constructor.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree == parameters.SyntaxTree && reference.Span.Contains(parameters.Span))
                    {
                        return constructor;
                    }
                }
            }

            return null;
        }

        /// <summary>Binds the names of a signature's type syntax and reports each that is an internal type of the contract's domain.</summary>
        private sealed class LeakWalk
        {
            private readonly SyntaxNodeAnalysisContext _context;
            private readonly Boundaries _boundaries;
            private readonly Placement _contract;

            public LeakWalk(SyntaxNodeAnalysisContext context, Boundaries boundaries, Placement contract)
            {
                _context = context;
                _boundaries = boundaries;
                _contract = contract;
            }

            /// <summary>A type declaration's base list and constraints, or a delegate's whole signature.</summary>
            public void Header(SyntaxNode declaration, ISymbol symbol)
            {
                switch (declaration)
                {
                    case TypeDeclarationSyntax type:
                        if (type.BaseList != null)
                        {
                            foreach (var baseType in type.BaseList.Types)
                            {
                                Walk(baseType.Type, symbol);
                            }
                        }

                        WalkConstraints(type.ConstraintClauses, symbol);
                        break;
                    case DelegateDeclarationSyntax:
                        foreach (var typeSyntax in DeclarationHeader.TypeSyntax(declaration))
                        {
                            Walk(typeSyntax, symbol);
                        }

                        break;
                }
            }

            private void WalkConstraints(SyntaxList<TypeParameterConstraintClauseSyntax> clauses, ISymbol symbol)
            {
                foreach (var clause in clauses)
                {
                    foreach (var constraint in clause.Constraints)
                    {
                        if (constraint is TypeConstraintSyntax typeConstraint)
                        {
                            Walk(typeConstraint.Type, symbol);
                        }
                    }
                }
            }

            public void Walk(SyntaxNode? root, ISymbol member)
            {
                if (root == null)
                {
                    return;
                }

                foreach (var node in root.DescendantNodesAndSelf())
                {
                    // The whole of a qualified name is one site; its parts are not bound again.
                    if (node is not NameSyntax name || name.Parent is QualifiedNameSyntax { Left: var left } && left == name
                        || name.Parent is QualifiedNameSyntax { Right: var right } && right == name
                        || name.Parent is AliasQualifiedNameSyntax)
                    {
                        continue;
                    }

                    var symbol = _context.SemanticModel.GetSymbolInfo(name, _context.CancellationToken).Symbol;
                    if (symbol is IAliasSymbol alias)
                    {
                        symbol = alias.Target;
                    }

                    if (symbol is INamedTypeSymbol named && IsInternalOf(named, _contract, _boundaries))
                    {
                        Report(name, member, named);
                    }
                }
            }

            private void Report(SyntaxNode site, ISymbol member, INamedTypeSymbol leaked)
            {
                var location = site.GetLocation();
                if (GeneratedCode.IsHidden(location, _context.CancellationToken))
                {
                    return;
                }

                _context.ReportDiagnostic(Diagnostic.Create(
                    Rules.PublicContractExposesInternalType,
                    location,
                    member.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
                    _contract.Domain,
                    leaked.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat),
                    _contract.Namespace));
            }
        }
    }
}
