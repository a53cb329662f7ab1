using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.Analyzers.Common.Endpoints
{
    /// <summary>A minimal API handler found at a <c>Map*</c> call: the delegate's method and, when it is in the same tree, its body.</summary>
    public sealed class MinimalHandler
    {
        public MinimalHandler(IMethodSymbol method, IAnonymousFunctionOperation? lambda)
        {
            Method = method;
            Lambda = lambda;
        }

        /// <summary>The lambda's, local function's or method's symbol.</summary>
        public IMethodSymbol Method { get; }

        /// <summary>Set when the handler is a lambda (it has no declared return type to report at).</summary>
        public IAnonymousFunctionOperation? Lambda { get; }
    }

    /// <summary>
    /// Which methods are API endpoints: MVC actions (public instance methods, not <c>[NonAction]</c>, of
    /// non-abstract controllers) and minimal API handlers passed to <c>Map*</c> of
    /// <c>IEndpointRouteBuilder</c> (route groups included). Built once per compilation; per-type answers cached.
    /// </summary>
    public sealed class EndpointDetector
    {
        private static readonly ImmutableHashSet<string> MapMethods = ImmutableHashSet.Create(
            "MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods", "Map");

        private readonly KnownTypes _types;
        private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _controllers = new(SymbolEqualityComparer.Default);

        private EndpointDetector(KnownTypes types)
        {
            _types = types;
        }

        /// <summary>Null when ASP.NET Core is not referenced (nothing can be an endpoint).</summary>
        public static EndpointDetector? Create(KnownTypes types) =>
            types.ControllerBase == null && types.EndpointRouteBuilder == null ? null : new EndpointDetector(types);

        public KnownTypes Types => _types;

        /// <summary>An MVC action: a public instance ordinary method, not [NonAction], of a non-abstract controller class.</summary>
        public bool IsMvcAction(IMethodSymbol method)
        {
            if (method.MethodKind != MethodKind.Ordinary || method.IsStatic || method.DeclaredAccessibility != Accessibility.Public
                || method.IsGenericMethod || method.ContainingType is not { } type)
            {
                return false;
            }

            if (!IsController(type))
            {
                return false;
            }

            for (var m = method; m != null; m = m.OverriddenMethod)
            {
                foreach (var attribute in m.GetAttributes())
                {
                    if (_types.NonActionAttribute != null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _types.NonActionAttribute))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>A non-abstract, public class deriving from ControllerBase or marked [ApiController]/[Controller] (itself, a base or the assembly).</summary>
        public bool IsController(INamedTypeSymbol type) =>
            _controllers.TryGetValue(type, out bool controller) ? controller : _controllers.GetOrAdd(type, ComputeIsController);

        private bool ComputeIsController(INamedTypeSymbol type)
        {
            if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsStatic || type.IsGenericType
                || type.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }

            for (var t = type; t != null; t = t.BaseType)
            {
                if (_types.ControllerBase != null && SymbolEqualityComparer.Default.Equals(t, _types.ControllerBase))
                {
                    return true;
                }

                foreach (var attribute in t.GetAttributes())
                {
                    if (IsControllerMarker(attribute.AttributeClass))
                    {
                        return true;
                    }
                }
            }

            // [assembly: ApiController] only applies API behaviour to classes that already are controllers
            // (ControllerBase-derived, checked above); it does not make every public class one, so it is not a marker here.
            return false;
        }

        private bool IsControllerMarker(INamedTypeSymbol? attribute) =>
            attribute != null
            && ((_types.ApiControllerAttribute != null && InheritsFrom(attribute, _types.ApiControllerAttribute))
                || (_types.ControllerAttribute != null && SymbolEqualityComparer.Default.Equals(attribute, _types.ControllerAttribute)));

        private static bool InheritsFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
        {
            for (INamedTypeSymbol? t = type; t != null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The handler of a <c>Map*</c> call on an <c>IEndpointRouteBuilder</c>, or null when the call is not one.</summary>
        public MinimalHandler? GetMinimalHandler(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (!MapMethods.Contains(method.Name) || _types.EndpointRouteBuilder == null || !method.IsStatic
                || method.Parameters.Length == 0 || !IsRouteBuilder(method.Parameters[0].Type))
            {
                return null;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type is not INamedTypeSymbol { TypeKind: TypeKind.Delegate } and not { SpecialType: SpecialType.System_Delegate })
                {
                    continue;
                }

                var value = argument.Value;
                while (value is IConversionOperation conversion)
                {
                    value = conversion.Operand;
                }

                if (value is IDelegateCreationOperation creation)
                {
                    var target = creation.Target;
                    while (target is IConversionOperation inner)
                    {
                        target = inner.Operand;
                    }

                    if (target is IAnonymousFunctionOperation lambda)
                    {
                        return new MinimalHandler(lambda.Symbol, lambda);
                    }

                    if (target is IMethodReferenceOperation reference)
                    {
                        return new MinimalHandler(reference.Method.OriginalDefinition, null);
                    }
                }
            }

            return null;
        }

        private bool IsRouteBuilder(ITypeSymbol type)
        {
            if (SymbolEqualityComparer.Default.Equals(type, _types.EndpointRouteBuilder))
            {
                return true;
            }

            foreach (var i in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(i, _types.EndpointRouteBuilder))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
