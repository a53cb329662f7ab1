using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bounded.Analyzers.Domains
{
    /// <summary>
    /// The public contract a BND1001 site can use instead of another domain's internal type: an
    /// interface or base type of it in that domain's public namespaces (or a shared namespace), at a
    /// type position where the contract is valid. Carried to the fix in the diagnostic's properties.
    /// </summary>
    internal static class PublicContract
    {
        public static ImmutableDictionary<string, string?>? For(Boundaries boundaries, SemanticModel model, NameSyntax site, INamedTypeSymbol type, Placement typePlacement)
        {
            if (!IsContractPosition(site))
            {
                return null;
            }

            INamedTypeSymbol? contract = null;
            foreach (var candidate in Candidates(type))
            {
                var placement = boundaries.Get(candidate.ContainingNamespace);
                if (((placement.IsPublic && placement.Domain == typePlacement.Domain && placement.Family == typePlacement.Family) || placement.IsShared)
                    && candidate.TypeKind != TypeKind.Error
                    && model.IsAccessible(site.SpanStart, candidate)
                    && TypeArgumentsAreUsable(boundaries, candidate, typePlacement))
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
                .Add(DomainReferenceAnalyzer.ContractProperty, id)
                .Add(DomainReferenceAnalyzer.ContractNameProperty, contract.ToMinimalDisplayString(model, site.SpanStart));
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

        private static bool TypeArgumentsAreUsable(Boundaries boundaries, INamedTypeSymbol contract, Placement domain)
        {
            foreach (var argument in contract.TypeArguments)
            {
                if (argument is INamedTypeSymbol named)
                {
                    var placement = boundaries.Get(named.ContainingNamespace);
                    if (placement.Domain == domain.Domain && placement.Family == domain.Family && !placement.IsPublic && !placement.IsShared)
                    {
                        return false;
                    }

                    if (!TypeArgumentsAreUsable(boundaries, named, domain))
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
    }
}
