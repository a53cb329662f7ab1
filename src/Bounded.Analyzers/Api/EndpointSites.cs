using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Bounded.Analyzers.Common;
using Bounded.Analyzers.Common.Endpoints;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.Analyzers.Api
{
    /// <summary>Where in an endpoint an entity can leak: declared types, result factories, returned values.</summary>
    public static class EndpointSites
    {
        private static readonly ImmutableHashSet<string> ControllerCarriers = ImmutableHashSet.Create(
            "Ok", "Created", "CreatedAtAction", "CreatedAtRoute", "Accepted", "AcceptedAtAction", "AcceptedAtRoute", "Json");

        private static readonly ImmutableHashSet<string> ResultsCarriers = ImmutableHashSet.Create(
            "Ok", "Created", "CreatedAtRoute", "Accepted", "AcceptedAtRoute", "Json");

        /// <summary>The declared return type syntax of a method, local function or lambda; null when it has none in source.</summary>
        public static TypeSyntax? ReturnTypeSyntax(IMethodSymbol method)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                switch (reference.GetSyntax())
                {
                    case MethodDeclarationSyntax m:
                        return m.ReturnType;
                    case LocalFunctionStatementSyntax l:
                        return l.ReturnType;
                    case ParenthesizedLambdaExpressionSyntax { ReturnType: { } r }:
                        return r;
                }
            }

            return null;
        }

        /// <summary>The type syntax of a parameter declared in source (null for implicitly typed lambda parameters).</summary>
        public static TypeSyntax? ParameterTypeSyntax(IParameterSymbol parameter)
        {
            foreach (var reference in parameter.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is ParameterSyntax { Type: { } type })
                {
                    return type;
                }
            }

            return null;
        }

        /// <summary>
        /// The payload argument when the operation builds a result that serializes it: <c>Ok(x)</c>,
        /// <c>CreatedAtAction(..., x)</c>, <c>Results.Json(x)</c>, <c>TypedResults.Ok(x)</c>, <c>new ObjectResult(x)</c>...
        /// </summary>
        public static IOperation? CarriedValue(IOperation operation, KnownTypes types)
        {
            IMethodSymbol? method;
            ImmutableArray<IArgumentOperation> arguments;
            switch (operation)
            {
                case IInvocationOperation invocation:
                    method = invocation.TargetMethod;
                    arguments = invocation.Arguments;
                    var container = method.ContainingType?.OriginalDefinition;
                    bool carrier =
                        (container != null && SymbolEqualityComparer.Default.Equals(container, types.HttpTypedResults))
                        || (container != null && SymbolEqualityComparer.Default.Equals(container, types.HttpResults) && ResultsCarriers.Contains(method.Name))
                        || (ControllerCarriers.Contains(method.Name) && container != null && types.ControllerBase != null && DerivesFromOrIs(container, types.ControllerBase));
                    if (!carrier)
                    {
                        return null;
                    }

                    break;
                case IObjectCreationOperation creation when creation.Constructor != null && creation.Type is INamedTypeSymbol created
                    && ((types.ObjectResult != null && DerivesFromOrIs(created, types.ObjectResult)) || (types.JsonResult != null && DerivesFromOrIs(created, types.JsonResult))):
                    arguments = creation.Arguments;
                    break;
                default:
                    return null;
            }

            foreach (var argument in arguments)
            {
                if (argument.Parameter is { Name: "value" or "data" } && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    return WithoutConversions(argument.Value);
                }
            }

            return null;
        }

        public static IOperation WithoutConversions(IOperation operation)
        {
            while (operation is IConversionOperation { IsImplicit: true } conversion)
            {
                operation = conversion.Operand;
            }

            while (operation is IConversionOperation { Operand.Type: not null } boxing && boxing.Type?.SpecialType == SpecialType.System_Object)
            {
                operation = boxing.Operand;
            }

            return operation;
        }

        /// <summary>The operations of a body, not descending into nested lambdas or local functions (they are other methods).</summary>
        public static IEnumerable<IOperation> OwnOperations(IOperation body)
        {
            var stack = new Stack<IOperation>();
            stack.Push(body);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                yield return current;
                foreach (var child in current.ChildOperations)
                {
                    if (child is IAnonymousFunctionOperation or ILocalFunctionOperation)
                    {
                        continue;
                    }

                    stack.Push(child);
                }
            }
        }

        /// <summary>The body of a minimal API handler when it is in the Map call's tree: a lambda's, a local function's or a method's.</summary>
        public static IOperation? HandlerBody(MinimalHandler handler, IInvocationOperation mapCall)
        {
            if (handler.Lambda != null)
            {
                return handler.Lambda.Body;
            }

            var model = mapCall.SemanticModel;
            if (model == null)
            {
                return null;
            }

            foreach (var reference in handler.Method.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree != mapCall.Syntax.SyntaxTree)
                {
                    continue;
                }

                var syntax = reference.GetSyntax();
                if (syntax is LocalFunctionStatementSyntax local)
                {
                    return (model.GetOperation(local) as ILocalFunctionOperation)?.Body ?? (model.GetOperation(local) as ILocalFunctionOperation)?.IgnoredBody;
                }

                if (syntax is MethodDeclarationSyntax { Body: not null } or MethodDeclarationSyntax { ExpressionBody: not null })
                {
                    var operation = model.GetOperation(syntax);
                    return operation is IMethodBodyOperation body ? (IOperation?)body.BlockBody ?? body.ExpressionBody : operation;
                }
            }

            return null;
        }

        public static bool DerivesFromOrIs(INamedTypeSymbol type, INamedTypeSymbol baseType)
        {
            for (INamedTypeSymbol? t = type; t != null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the method, invoked as a minimal handler, is in source (has a declaration).</summary>
        public static bool IsInSource(ISymbol symbol) => symbol.Locations.Any(l => l.IsInSource);
    }
}
