using Bounded.Analyzers.Common;
using Bounded.Analyzers.Common.Tokens;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.Analyzers.Cancellation
{
    /// <summary>
    /// A place that can take a token it is not given (BND3001's callee side, independent of the token in scope):
    /// a call with a token form (<see cref="KindAdd"/>), a call given <c>CancellationToken.None</c>/<c>default</c>
    /// explicitly (<see cref="KindReplace"/>), or an <c>await foreach</c> over an <c>IAsyncEnumerable&lt;T&gt;</c>
    /// without <c>WithCancellation</c> (<see cref="KindWithCancellation"/>). Shared by BND3001, BND3002 and their fixes.
    /// </summary>
    public sealed class ForwardingSite
    {
        public const string KindAdd = "Add";
        public const string KindReplace = "Replace";
        public const string KindWithCancellation = "WithCancellation";

        private ForwardingSite(string kind, IOperation operation, SyntaxNode node, TokenForm? form)
        {
            Kind = kind;
            Operation = operation;
            Node = node;
            Form = form;
        }

        public string Kind { get; }

        /// <summary>The invocation or the <c>await foreach</c> loop.</summary>
        public IOperation Operation { get; }

        /// <summary>What the fix edits: the <c>InvocationExpressionSyntax</c> (Add), the <c>ArgumentSyntax</c> (Replace) or the loop's collection expression (WithCancellation).</summary>
        public SyntaxNode Node { get; }

        /// <summary>For <see cref="KindAdd"/>: where the token goes.</summary>
        public TokenForm? Form { get; }

        /// <summary>For a "To" message argument: <c>'Name'</c> or <c>this 'await foreach'</c>.</summary>
        public string Target => Operation is IInvocationOperation invocation ? $"'{invocation.TargetMethod.Name}'" : "this 'await foreach'";

        public static ForwardingSite? Classify(IOperation operation, KnownTypes types)
        {
            if (types.CancellationToken == null)
            {
                return null;
            }

            return operation switch
            {
                IInvocationOperation invocation => ClassifyInvocation(invocation, types),
                IForEachLoopOperation { IsAsynchronous: true } loop => ClassifyLoop(loop, types),
                _ => null,
            };
        }

        private static ForwardingSite? ClassifyInvocation(IInvocationOperation invocation, KnownTypes types)
        {
            if (invocation.TargetMethod == null || invocation.Syntax is not InvocationExpressionSyntax syntax)
            {
                return null;
            }

            if (TokenAcceptance.TryGetTokenForm(invocation, types, out var form))
            {
                return new ForwardingSite(KindAdd, invocation, syntax, form);
            }

            // An explicit None/default needs a token parameter to go to (checked on the callee before the arguments).
            if (!TokenAcceptance.MayHaveTokenParameter(invocation.TargetMethod)
                || !TokenAcceptance.HasTokenParameter(invocation.TargetMethod, types)
                || UncancellableByDesign.Contains(invocation.TargetMethod, types))
            {
                return null;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit
                    && argument.Syntax is ArgumentSyntax
                    && TokenValues.IsToken(argument.Parameter?.Type, types)
                    && TokenValues.IsUncancellable(argument.Value, types))
                {
                    return new ForwardingSite(KindReplace, invocation, argument.Syntax, null);
                }
            }

            return null;
        }

        private static ForwardingSite? ClassifyLoop(IForEachLoopOperation loop, KnownTypes types)
        {
            var expression = loop.Syntax switch
            {
                ForEachStatementSyntax s => s.Expression,
                ForEachVariableStatementSyntax v => v.Expression,
                _ => null,
            };

            if (expression == null || types.IAsyncEnumerableOfT == null)
            {
                return null;
            }

            var source = TokenValues.Unwrap(loop.Collection);
            while (source is IInvocationOperation call && IsAsyncEnumerableExtension(call.TargetMethod, types))
            {
                if (call.TargetMethod.Name == "WithCancellation")
                {
                    return null;
                }

                if (call.TargetMethod.Name != "ConfigureAwait")
                {
                    break;
                }

                var inner = call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
                if (inner == null)
                {
                    return null;
                }

                source = TokenValues.Unwrap(inner);
            }

            if (!IsAsyncEnumerable(source.Type, types))
            {
                return null;
            }

            // The producer call takes the token itself (reported as a call), or already has one.
            if (source is IInvocationOperation producer
                && (TokenAcceptance.PassesToken(producer, types) || TokenAcceptance.TryGetTokenForm(producer, types, out _)))
            {
                return null;
            }

            return new ForwardingSite(KindWithCancellation, loop, expression, null);
        }

        public static bool IsAsyncEnumerableExtension(IMethodSymbol method, KnownTypes types)
        {
            var type = method.ContainingType?.OriginalDefinition;
            return type != null
                && (SymbolEqualityComparer.Default.Equals(type, types.TaskAsyncEnumerableExtensions)
                    || SymbolEqualityComparer.Default.Equals(type, types.ConfiguredCancelableAsyncEnumerableOfT));
        }

        public static bool IsAsyncEnumerable(ITypeSymbol? type, KnownTypes types)
        {
            if (type is not INamedTypeSymbol named || types.IAsyncEnumerableOfT == null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, types.IAsyncEnumerableOfT))
            {
                return true;
            }

            foreach (var i in named.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, types.IAsyncEnumerableOfT))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
