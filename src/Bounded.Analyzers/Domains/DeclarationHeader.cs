using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bounded.Analyzers.Domains
{
    /// <summary>
    /// The type syntax of a declaration outside its bodies: base list, type-parameter constraints,
    /// return, parameter, field, property and event types, explicit interface names. (Bodies,
    /// initializers, default values and attributes are operation blocks, screened by <see cref="BlockScreen"/>.)
    /// The declared symbol tells cheaply whether any of these types can cross a boundary; only then is
    /// the syntax walked.
    /// </summary>
    internal static class DeclarationHeader
    {
        public static readonly SyntaxKind[] Kinds =
        {
            SyntaxKind.ClassDeclaration, SyntaxKind.StructDeclaration, SyntaxKind.InterfaceDeclaration,
            SyntaxKind.RecordDeclaration, SyntaxKind.RecordStructDeclaration, SyntaxKind.DelegateDeclaration,
            SyntaxKind.MethodDeclaration, SyntaxKind.ConstructorDeclaration, SyntaxKind.OperatorDeclaration,
            SyntaxKind.ConversionOperatorDeclaration, SyntaxKind.PropertyDeclaration, SyntaxKind.IndexerDeclaration,
            SyntaxKind.EventDeclaration, SyntaxKind.FieldDeclaration, SyntaxKind.EventFieldDeclaration,
        };

        /// <summary>The symbol whose signature the declaration's header spells (for fields, the first declarator's).</summary>
        public static ISymbol? DeclaredSymbol(SyntaxNode declaration, SemanticModel model, System.Threading.CancellationToken cancellationToken) =>
            declaration is BaseFieldDeclarationSyntax field
                ? field.Declaration.Variables.Count > 0 ? model.GetDeclaredSymbol(field.Declaration.Variables[0], cancellationToken) : null
                : model.GetDeclaredSymbol(declaration, cancellationToken);

        /// <summary>
        /// The symbol a header action's declaration declares. The driver hands each declaration's own symbol as the
        /// containing symbol (a field declaration's first field); asking the semantic model again costs a member lookup.
        /// </summary>
        public static ISymbol? SymbolOf(Microsoft.CodeAnalysis.Diagnostics.SyntaxNodeAnalysisContext context) =>
            context.ContainingSymbol is { Kind: not SymbolKind.Namespace } declared && !declared.IsImplicitlyDeclared
                ? declared
                : DeclaredSymbol(context.Node, context.SemanticModel, context.CancellationToken);

        /// <summary>The declaration or block belongs to this type itself, not to a nested type (which has its own start).</summary>
        public static bool BelongsTo(ISymbol symbol, INamedTypeSymbol type) =>
            symbol is INamedTypeSymbol named
                ? SymbolEqualityComparer.Default.Equals(named, type)
                : SymbolEqualityComparer.Default.Equals(symbol.ContainingType, type);

        /// <summary>Whether any type the header spells can cross a boundary (computed from the symbol, no binding).</summary>
        public static bool Crosses(ISymbol symbol, SyntaxNode declaration, SemanticModel model, Boundaries boundaries, Placement from, System.Threading.CancellationToken cancellationToken)
        {
            if (symbol is not INamedTypeSymbol type)
            {
                return SignatureCrosses(symbol, boundaries, from);
            }

            if (OwnHeaderCrosses(type, boundaries, from))
            {
                return true;
            }

            // A primary constructor's parameters.
            if (declaration is TypeDeclarationSyntax { ParameterList: { } parameters })
            {
                foreach (var parameter in parameters.Parameters)
                {
                    if (model.GetDeclaredSymbol(parameter, cancellationToken) is { } declared && boundaries.Crosses(declared.Type, from))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// Whether the type's own header or any member's signature (constructors, primary ones included, methods,
        /// operators, properties, indexers, fields, events; not nested types) can cross: the type-wide screen
        /// that spares a type without candidates one callback per declaration.
        /// </summary>
        public static bool TypeOrMemberSignatureCrosses(INamedTypeSymbol type, Boundaries boundaries, Placement from)
        {
            if (OwnHeaderCrosses(type, boundaries, from))
            {
                return true;
            }

            foreach (var member in type.GetMembers())
            {
                bool declaredInSource = member switch
                {
                    IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove or MethodKind.EventRaise } => false,
                    INamedTypeSymbol => false, // nested types have their own start
                    _ => !member.IsImplicitlyDeclared || member is IPropertySymbol or IEventSymbol,
                };
                if (declaredInSource && SignatureCrosses(member, boundaries, from))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A delegate's signature, or a type's base type, interfaces and type-parameter constraints.</summary>
        private static bool OwnHeaderCrosses(INamedTypeSymbol type, Boundaries boundaries, Placement from)
        {
            if (type.TypeKind == TypeKind.Delegate)
            {
                return (type.DelegateInvokeMethod is { } invoke && boundaries.Crosses(invoke, from)) || ConstraintsCross(type.TypeParameters, boundaries, from);
            }

            if (boundaries.Crosses(type.BaseType, from) || ConstraintsCross(type.TypeParameters, boundaries, from))
            {
                return true;
            }

            foreach (var implemented in type.Interfaces)
            {
                if (boundaries.Crosses(implemented, from))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A member's signature: return, parameter, field, property and event types, explicit interface names.</summary>
        private static bool SignatureCrosses(ISymbol member, Boundaries boundaries, Placement from) => member switch
        {
            IMethodSymbol method => boundaries.Crosses(method, from) || ExplicitInterfacesCross(method.ExplicitInterfaceImplementations, boundaries, from),
            IPropertySymbol property => boundaries.Crosses(property.Type, from) || boundaries.Crosses(property.Parameters, from)
                || ExplicitInterfacesCross(property.ExplicitInterfaceImplementations, boundaries, from),
            IFieldSymbol field => boundaries.Crosses(field.Type, from),
            IEventSymbol @event => boundaries.Crosses(@event.Type, from) || ExplicitInterfacesCross(@event.ExplicitInterfaceImplementations, boundaries, from),
            _ => false,
        };

        /// <summary>The type syntax the header spells, each a root for the precise walk.</summary>
        public static IEnumerable<SyntaxNode> TypeSyntax(SyntaxNode declaration)
        {
            switch (declaration)
            {
                case TypeDeclarationSyntax type:
                    if (type.BaseList != null)
                    {
                        foreach (var baseType in type.BaseList.Types)
                        {
                            yield return baseType.Type; // not a primary constructor's base arguments: an operation block
                        }
                    }

                    foreach (var node in Parameters(type.ParameterList))
                    {
                        yield return node;
                    }

                    foreach (var node in Constraints(type.ConstraintClauses))
                    {
                        yield return node;
                    }

                    break;
                case DelegateDeclarationSyntax @delegate:
                    yield return @delegate.ReturnType;
                    foreach (var node in Parameters(@delegate.ParameterList))
                    {
                        yield return node;
                    }

                    foreach (var node in Constraints(@delegate.ConstraintClauses))
                    {
                        yield return node;
                    }

                    break;
                case MethodDeclarationSyntax method:
                    yield return method.ReturnType;
                    if (method.ExplicitInterfaceSpecifier != null)
                    {
                        yield return method.ExplicitInterfaceSpecifier.Name;
                    }

                    foreach (var node in Parameters(method.ParameterList))
                    {
                        yield return node;
                    }

                    foreach (var node in Constraints(method.ConstraintClauses))
                    {
                        yield return node;
                    }

                    break;
                case OperatorDeclarationSyntax @operator:
                    yield return @operator.ReturnType;
                    foreach (var node in Parameters(@operator.ParameterList))
                    {
                        yield return node;
                    }

                    break;
                case ConversionOperatorDeclarationSyntax conversion:
                    yield return conversion.Type;
                    foreach (var node in Parameters(conversion.ParameterList))
                    {
                        yield return node;
                    }

                    break;
                case BaseMethodDeclarationSyntax method: // constructors
                    foreach (var node in Parameters(method.ParameterList))
                    {
                        yield return node;
                    }

                    break;
                case BasePropertyDeclarationSyntax property: // properties, indexers, events
                    yield return property.Type;
                    if (property.ExplicitInterfaceSpecifier != null)
                    {
                        yield return property.ExplicitInterfaceSpecifier.Name;
                    }

                    if (property is IndexerDeclarationSyntax indexer)
                    {
                        foreach (var node in Parameters(indexer.ParameterList))
                        {
                            yield return node;
                        }
                    }

                    break;
                case BaseFieldDeclarationSyntax field:
                    yield return field.Declaration.Type;
                    break;
            }
        }

        private static IEnumerable<SyntaxNode> Parameters(BaseParameterListSyntax? list)
        {
            if (list == null)
            {
                yield break;
            }

            foreach (var parameter in list.Parameters)
            {
                if (parameter.Type != null)
                {
                    yield return parameter.Type;
                }
            }
        }

        private static IEnumerable<SyntaxNode> Constraints(SyntaxList<TypeParameterConstraintClauseSyntax> clauses)
        {
            foreach (var clause in clauses)
            {
                foreach (var constraint in clause.Constraints)
                {
                    if (constraint is TypeConstraintSyntax typeConstraint)
                    {
                        yield return typeConstraint.Type;
                    }
                }
            }
        }

        private static bool ConstraintsCross(System.Collections.Immutable.ImmutableArray<ITypeParameterSymbol> typeParameters, Boundaries boundaries, Placement from)
        {
            foreach (var typeParameter in typeParameters)
            {
                if (boundaries.CrossesConstraints(typeParameter, from))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ExplicitInterfacesCross<T>(System.Collections.Immutable.ImmutableArray<T> implementations, Boundaries boundaries, Placement from)
            where T : ISymbol
        {
            foreach (var implementation in implementations)
            {
                if (boundaries.Crosses(implementation.ContainingType, from))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
