using System.Linq;
using Bounded.Analyzers.Async;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Bounded.CodeFixes.Async
{
    /// <summary>Builds <c>await</c> expressions for the Async fixes.</summary>
    internal static class AwaitSyntax
    {
        /// <summary><c>(await expression)</c>; the simplifier drops the parentheses where they are not needed. Trivia moves outside.</summary>
        public static ExpressionSyntax Await(ExpressionSyntax expression)
        {
            var awaited = SyntaxFactory.AwaitExpression(
                SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                expression.WithoutTrivia());
            return SyntaxFactory.ParenthesizedExpression(awaited)
                .WithTriviaFrom(expression)
                .WithAdditionalAnnotations(Simplifier.Annotation);
        }

        /// <summary>
        /// The awaiting replacement of a BND4001 site (a node of <paramref name="model"/>'s tree), or null when the site has no await form that keeps its meaning
        /// (<c>Wait(timeout)</c>, <c>WaitAll/WaitAny</c> with a timeout or token, <c>WaitAny</c> whose index needs tasks with side effects).
        /// </summary>
        public static ExpressionSyntax? AwaitBlockingSite(ExpressionSyntax site, BlockingKind kind, SemanticModel? model)
        {
            switch (kind)
            {
                case BlockingKind.Result when site is MemberAccessExpressionSyntax access:
                    return Await(access.Expression).WithTriviaFrom(site);

                case BlockingKind.Wait when site is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access, ArgumentList.Arguments.Count: 0 }:
                    return Await(access.Expression).WithTriviaFrom(site);

                case BlockingKind.GetResult when site is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax getAwaiter } } }:
                    return Await(getAwaiter.Expression).WithTriviaFrom(site);

                case BlockingKind.WaitAll when site is InvocationExpressionSyntax invocation && OnlyTasks(invocation, model):
                    return Await(Rename(invocation, "WhenAll")).WithTriviaFrom(site);

                case BlockingKind.WaitAny when site is InvocationExpressionSyntax invocation && OnlyTasks(invocation, model):
                    var whenAny = Await(Rename(invocation, "WhenAny"));
                    if (site.Parent is ExpressionStatementSyntax)
                    {
                        return whenAny.WithTriviaFrom(site);
                    }

                    return IndexOf(invocation, whenAny, model!)?.WithTriviaFrom(site);

                default:
                    return null;
            }
        }

        /// <summary><c>Array.IndexOf(tasks, await Task.WhenAny(tasks))</c>: the index WaitAny returned.</summary>
        private static ExpressionSyntax? IndexOf(InvocationExpressionSyntax invocation, ExpressionSyntax whenAny, SemanticModel model)
        {
            var arguments = invocation.ArgumentList.Arguments;
            if (arguments.Count == 0 || arguments.Any(a => a.NameColon != null || !IsSideEffectFree(a.Expression)))
            {
                return null;
            }

            ExpressionSyntax array;
            if (arguments.Count == 1 && model.GetTypeInfo(arguments[0].Expression).Type is IArrayTypeSymbol)
            {
                // A single array argument to the params overload: the tasks themselves.
                array = arguments[0].Expression.WithoutTrivia();
            }
            else
            {
                array = NewTaskArray(arguments);
            }

            var indexOf = SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                SyntaxFactory.ParseExpression("global::System.Array").WithAdditionalAnnotations(Simplifier.Annotation),
                SyntaxFactory.IdentifierName("IndexOf"));
            return SyntaxFactory.InvocationExpression(
                indexOf,
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(array), SyntaxFactory.Argument(whenAny) })));
        }

        private static ExpressionSyntax NewTaskArray(SeparatedSyntaxList<ArgumentSyntax> arguments) =>
            SyntaxFactory.ArrayCreationExpression(
                SyntaxFactory.ArrayType(
                    SyntaxFactory.ParseTypeName("global::System.Threading.Tasks.Task").WithAdditionalAnnotations(Simplifier.Annotation),
                    SyntaxFactory.SingletonList(SyntaxFactory.ArrayRankSpecifier(SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(SyntaxFactory.OmittedArraySizeExpression())))),
                SyntaxFactory.InitializerExpression(
                    SyntaxKind.ArrayInitializerExpression,
                    SyntaxFactory.SeparatedList(arguments.Select(a => a.Expression.WithoutTrivia()))));

        private static bool IsSideEffectFree(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax => true,
            ThisExpressionSyntax => true,
            MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } access => IsSideEffectFree(access.Expression),
            _ => false,
        };

        /// <summary>True when every argument is a task or task array (the params overload: no timeout, no token).</summary>
        private static bool OnlyTasks(InvocationExpressionSyntax invocation, SemanticModel? model)
        {
            if (model == null || model.GetSymbolInfo(invocation).Symbol is not IMethodSymbol method)
            {
                return false;
            }

            return method.Parameters.Length == 1 && method.Parameters[0].IsParams;
        }

        private static InvocationExpressionSyntax Rename(InvocationExpressionSyntax invocation, string name)
        {
            var renamed = invocation.Expression switch
            {
                MemberAccessExpressionSyntax access => (ExpressionSyntax)access.WithName(SyntaxFactory.IdentifierName(name).WithTriviaFrom(access.Name)),
                IdentifierNameSyntax identifier => SyntaxFactory.IdentifierName(name).WithTriviaFrom(identifier),
                var other => other,
            };
            return invocation.WithExpression(renamed).WithoutTrivia();
        }
    }
}
