using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.Analyzers.Async
{
    /// <summary>Where an operation runs: its enclosing function (lambda, local function or member) and whether that is async.</summary>
    public static class AsyncContext
    {
        /// <summary>The nearest enclosing lambda or local function symbol; else <paramref name="containingSymbol"/> when it is a method.</summary>
        public static IMethodSymbol? EnclosingFunction(IOperation operation, ISymbol? containingSymbol)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation lambda:
                        return lambda.Symbol;
                    case ILocalFunctionOperation local:
                        return local.Symbol;
                }
            }

            return containingSymbol as IMethodSymbol;
        }

        /// <summary>True when the nearest enclosing function is an <c>async</c> method, lambda or local function.</summary>
        public static bool IsInAsyncFunction(IOperation operation, ISymbol? containingSymbol) =>
            EnclosingFunction(operation, containingSymbol) is { IsAsync: true };

        /// <summary>True when the operation is inside the body of a <c>lock</c> statement of its own function (where <c>await</c> is not allowed).</summary>
        public static bool IsInsideLock(IOperation operation)
        {
            var child = operation;
            for (var current = operation.Parent; current != null; child = current, current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }

                if (current is ILockOperation lockOperation && lockOperation.Body == child)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when the operation is inside a lambda converted to an expression tree (it is never executed as written).</summary>
        public static bool IsInExpressionTree(IOperation operation)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation lambda)
                {
                    var parent = lambda.Parent;
                    if (parent is IDelegateCreationOperation or IConversionOperation
                        && parent.Type is INamedTypeSymbol { Name: "Expression", ContainingNamespace: { Name: "Expressions", ContainingNamespace: { Name: "Linq" } } })
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Strips implicit conversions and parentheses.</summary>
        public static IOperation? Unwrap(IOperation? operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation { IsImplicit: true } conversion:
                        operation = conversion.Operand;
                        continue;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        continue;
                    default:
                        return operation;
                }
            }
        }
    }
}
