using Bounded.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.Analyzers.Cancellation
{
    /// <summary>Where forwarding the caller's token would be wrong even though one is in scope.</summary>
    internal static class CancellationContext
    {
        /// <summary>
        /// True inside a <c>finally</c> block, a <c>catch</c> of <c>OperationCanceledException</c> (or a type
        /// deriving from it) or a callback registered with <c>CancellationToken.Register</c>: cleanup there
        /// must run when the caller's token is already cancelled, so forwarding it would break the cleanup.
        /// Only the function the operation is in counts (a lambda defined in a <c>finally</c> runs elsewhere).
        /// Also true inside <c>nameof</c>.
        /// </summary>
        public static bool IsCleanupOrNameof(IOperation operation, KnownTypes types)
        {
            IOperation? child = null;
            bool sameFunction = true;
            for (var current = operation; current != null; child = current, current = current.Parent)
            {
                switch (current)
                {
                    case INameOfOperation:
                        return true;
                    case ITryOperation @try when sameFunction && child != null && child == @try.Finally:
                        return true;
                    case ICatchClauseOperation @catch when sameFunction && IsCancellationException(@catch.ExceptionType, types):
                        return true;
                    case IAnonymousFunctionOperation lambda:
                        if (sameFunction && IsTokenCallback(lambda, types))
                        {
                            return true;
                        }

                        sameFunction = false;
                        break;
                    case ILocalFunctionOperation:
                        sameFunction = false;
                        break;
                }
            }

            return false;
        }

        private static bool IsCancellationException(ITypeSymbol? type, KnownTypes types)
        {
            for (var t = type as INamedTypeSymbol; t != null && types.OperationCanceledException != null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t, types.OperationCanceledException))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsTokenCallback(IAnonymousFunctionOperation lambda, KnownTypes types)
        {
            IOperation? parent = lambda.Parent;
            while (parent is IDelegateCreationOperation or IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent is IArgumentOperation { Parent: IInvocationOperation invocation }
                && invocation.TargetMethod.Name is "Register" or "UnsafeRegister"
                && types.CancellationToken != null
                && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, types.CancellationToken);
        }
    }
}
