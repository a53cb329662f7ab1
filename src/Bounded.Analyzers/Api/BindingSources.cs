using System.Collections.Generic;
using Bounded.Analyzers.Common;
using Microsoft.CodeAnalysis;

namespace Bounded.Analyzers.Api
{
    /// <summary>
    /// Where an endpoint parameter's value comes from, as far as BND2002 and BND2003 need to know: from the request
    /// (route, query, header, form or body: what a client controls), or not (a DI service, or an <c>[AsParameters]</c>
    /// aggregate whose own members are decided the same way). One decision, shared by both rules, so a parameter is
    /// never a service for one and a request payload for the other.
    /// <list type="bullet">
    /// <item><c>[FromServices]</c> / <c>[FromKeyedServices]</c>: a service.</item>
    /// <item>A <c>DbContext</c>: a service (and never a DTO, whatever <c>DbSet&lt;T&gt;</c> properties it has).</item>
    /// <item>An interface that is not a collection (<c>IMediator</c>, <c>ILogger&lt;T&gt;</c>, <c>IOptions&lt;T&gt;</c>):
    /// a service; minimal APIs resolve it from DI and model binding cannot create one. A collection interface
    /// (<c>IEnumerable&lt;OrderLine&gt;</c>) is bound from the body.</item>
    /// <item><c>[AsParameters]</c>: not bound itself; its constructor parameters (or, with a parameterless constructor,
    /// its settable properties) are, each by this same decision (<see cref="BoundMembers"/>).</item>
    /// </list>
    /// </summary>
    public static class BindingSources
    {
        /// <summary>True when the parameter is not bound from the request as a whole: a service or an <c>[AsParameters]</c> aggregate.</summary>
        public static bool IsNotBoundFromRequest(IParameterSymbol parameter, KnownTypes types) =>
            IsAsParameters(parameter, types) || IsService(parameter, types);

        /// <summary>A DI service: marked <c>[FromServices]</c>/<c>[FromKeyedServices]</c>, a <c>DbContext</c>, or a non-collection interface.</summary>
        public static bool IsService(IParameterSymbol parameter, KnownTypes types) => IsService(parameter, parameter.Type, types);

        public static bool IsAsParameters(IParameterSymbol parameter, KnownTypes types)
        {
            foreach (var attribute in parameter.GetAttributes())
            {
                if (attribute.AttributeClass != null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, types.AsParametersAttribute))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The types of an <c>[AsParameters]</c> aggregate's members that are bound from the request (services left out):
        /// the parameters of its public constructor with the most parameters, else its public settable properties.
        /// </summary>
        public static IEnumerable<ITypeSymbol> BoundMembers(ITypeSymbol aggregate, KnownTypes types)
        {
            if (aggregate is not INamedTypeSymbol named || named.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                yield break;
            }

            IMethodSymbol? constructor = null;
            foreach (var candidate in named.InstanceConstructors)
            {
                if (candidate.DeclaredAccessibility == Accessibility.Public
                    && (constructor == null || candidate.Parameters.Length > constructor.Parameters.Length))
                {
                    constructor = candidate;
                }
            }

            if (constructor != null && constructor.Parameters.Length > 0)
            {
                foreach (var parameter in constructor.Parameters)
                {
                    if (!IsService(parameter, parameter.Type, types))
                    {
                        yield return parameter.Type;
                    }
                }

                yield break;
            }

            foreach (var member in named.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public, SetMethod: { DeclaredAccessibility: Accessibility.Public } } property
                    && !IsService(property, property.Type, types))
                {
                    yield return property.Type;
                }
            }
        }

        private static bool IsService(ISymbol declared, ITypeSymbol type, KnownTypes types) =>
            HasServiceAttribute(declared, types) || IsServiceType(type, types);

        private static bool HasServiceAttribute(ISymbol declared, KnownTypes types)
        {
            foreach (var attribute in declared.GetAttributes())
            {
                var type = attribute.AttributeClass;
                if (type != null
                    && (SymbolEqualityComparer.Default.Equals(type, types.FromServicesAttribute) || type.Name == "FromKeyedServicesAttribute"))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A <c>DbContext</c> (or a type deriving from it), or an interface that is not a collection.</summary>
        public static bool IsServiceType(ITypeSymbol type, KnownTypes types)
        {
            if (type is not INamedTypeSymbol named || type.TypeKind == TypeKind.Error)
            {
                return false;
            }

            if (named.TypeKind == TypeKind.Interface)
            {
                return !IsCollectionInterface(named, types);
            }

            return IsDbContext(named, types);
        }

        public static bool IsDbContext(INamedTypeSymbol type, KnownTypes types)
        {
            if (types.DbContext == null)
            {
                return false;
            }

            for (var t = type; t != null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t, types.DbContext))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsCollectionInterface(INamedTypeSymbol type, KnownTypes types)
        {
            if (types.IEnumerableOfT == null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, types.IEnumerableOfT)
                || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, types.IAsyncEnumerableOfT))
            {
                return true;
            }

            foreach (var contract in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(contract.OriginalDefinition, types.IEnumerableOfT))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
