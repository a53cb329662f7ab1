using System.Linq;
using System.Threading;
using Bounded.Analyzers.Common;
using Bounded.Analyzers.Common.Tokens;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.CodeFixes.Concurrency
{
    public sealed partial class UnboundedFanOutCodeFix
    {
        /// <summary><c>Parallel.ForEach(source, async x =&gt; ...)</c> or <c>Parallel.For(from, to, async i =&gt; ...)</c> used as a statement.</summary>
        private sealed class ParallelSite
        {
            public ParallelSite(InvocationExpressionSyntax call, IInvocationOperation operation, LambdaExpressionSyntax lambda, SyntaxNode function, IMethodSymbol functionSymbol)
            {
                Call = call;
                Operation = operation;
                Lambda = lambda;
                Function = function;
                FunctionSymbol = functionSymbol;
            }

            public InvocationExpressionSyntax Call { get; }

            public IInvocationOperation Operation { get; }

            public LambdaExpressionSyntax Lambda { get; }

            public SyntaxNode Function { get; }

            public IMethodSymbol FunctionSymbol { get; }

            public bool IsFor => Operation.TargetMethod.Name == "For";

            public ArgumentListSyntax Arguments => Call.ArgumentList;
        }

        private sealed partial class Plan
        {
            /// <summary>
            /// The site when <paramref name="node"/> is the async lambda of <c>Parallel.ForEach(source, body)</c>
            /// or <c>Parallel.For(int, int, body)</c> (the overloads without options or loop state), called as a statement.
            /// </summary>
            private static ParallelSite? ParallelLambda(SyntaxNode node, SemanticModel model, KnownTypes types, CancellationToken ct)
            {
                if (types.Parallel == null
                    || node is not LambdaExpressionSyntax lambda
                    || !lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword)
                    || lambda is ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: not 1 }
                    || lambda.Parent is not ArgumentSyntax { NameColon: null, Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } list }
                    || list.Arguments.Last() != lambda.Parent
                    || model.GetOperation(call, ct) is not IInvocationOperation operation
                    || !SymbolEqualityComparer.Default.Equals(operation.TargetMethod.ContainingType, types.Parallel)
                    || EnclosingFunction(call) is not { } function
                    || FunctionSymbol(function, model, ct) is not { } symbol)
                {
                    return null;
                }

                // A statement, or the whole expression body of a void function (the loop's result is not used).
                if (call.Parent is not ExpressionStatementSyntax && !(FunctionBody(function) == call && symbol.ReturnsVoid))
                {
                    return null;
                }

                bool shape = operation.TargetMethod.Name switch
                {
                    "ForEach" => list.Arguments.Count == 2 && operation.TargetMethod.Parameters[1].Type is INamedTypeSymbol { Arity: 1 }
                        && operation.TargetMethod.Parameters[0].Type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T,
                    "For" => list.Arguments.Count == 3 && operation.TargetMethod.Parameters[0].Type.SpecialType == SpecialType.System_Int32
                        && operation.TargetMethod.Parameters[2].Type is INamedTypeSymbol { Arity: 1 },
                    _ => false,
                };
                return shape ? new ParallelSite(call, operation, lambda, function, symbol) : null;
            }

            /// <summary>
            /// <c>Parallel.ForEach</c> → <c>Parallel.ForEachAsync</c>, <c>Parallel.For</c> → <c>Parallel.ForAsync</c> (.NET 8+):
            /// awaited in an async function (a Task-returning one is made async), waited for with
            /// <c>.GetAwaiter().GetResult()</c> in a synchronous one, which is what the author of the
            /// blocking <c>Parallel.ForEach</c> expected.
            /// </summary>
            private static Plan? ParallelAsync(ParallelSite site, SemanticModel model, KnownTypes types, CancellationToken ct)
            {
                string method = site.IsFor ? "ForAsync" : "ForEachAsync";
                if (types.Parallel!.GetMembers(method).IsEmpty
                    || Mode(site.Function, site.FunctionSymbol, types, allowBlock: true) is not { } mode
                    || (mode != HostMode.Block && InLock(site.Call, site.Function)))
                {
                    return null;
                }

                var arguments = site.Arguments.Arguments;
                string sources = site.IsFor
                    ? arguments[0].Expression.WithoutTrivia().ToFullString() + ", " + arguments[1].Expression.WithoutTrivia().ToFullString()
                    : arguments[0].Expression.WithoutTrivia().ToFullString();
                var token = TokenInScope.Find(site.Operation, types, ct);
                bool returnsValue = site.FunctionSymbol.ReturnType is INamedTypeSymbol { IsGenericType: true };
                return ForEachAsyncPlan(
                    site.Call, method, sources, ParameterName(site.Lambda), site.Lambda.Body.ToFullString(), site.Lambda.Body,
                    token, site.Function, model, ct, mode, returnsValue);
            }

            /// <summary>
            /// <c>Parallel.ForEach(source, async x =&gt; body)</c> → <c>await Task.WhenAll(source.Select(async x =&gt; { await throttle.WaitAsync(token); try { body } finally { throttle.Release(); } }))</c>
            /// (<c>Enumerable.Range(from, to - from)</c> for <c>Parallel.For</c>); waited for with <c>.GetAwaiter().GetResult()</c>
            /// in a synchronous function. The fix for frameworks without <c>Parallel.ForEachAsync</c> (before .NET 6).
            /// </summary>
            private static Plan? ParallelSemaphore(ParallelSite site, Site _, SemanticModel model, KnownTypes types, CancellationToken ct)
            {
                if (types.SemaphoreSlim == null
                    || types.Enumerable == null
                    || Mode(site.Function, site.FunctionSymbol, types, allowBlock: true) is not { } mode
                    || (mode != HostMode.Block && InLock(site.Call, site.Function)))
                {
                    return null;
                }

                var arguments = site.Arguments.Arguments;
                string source;
                if (site.IsFor)
                {
                    var from = arguments[0].Expression.WithoutTrivia();
                    var to = arguments[1].Expression.WithoutTrivia();
                    string count = from is LiteralExpressionSyntax { Token.ValueText: "0" } ? to.ToFullString() : $"{Operand(to)} - {Operand(from)}";
                    source = $"System.Linq.Enumerable.Range({from.ToFullString()}, {count})";
                }
                else
                {
                    source = Operand(arguments[0].Expression.WithoutTrivia());
                }

                var token = TokenInScope.Find(site.Operation, types, ct);
                string throttle = UniqueName("throttle", site.Function, model, site.Call.SpanStart);
                string limit = ConstantExpression(site.Call, model, out var typeToExtend);
                string wait = WaitStatement(throttle, token, isAsync: true, types);
                string inner = site.Lambda.Body is BlockSyntax block
                    ? string.Concat(block.Statements.Select(s => s.ToFullString()))
                    : ((ExpressionSyntax)site.Lambda.Body).WithoutTrivia().ToFullString() + ";";
                string parameter = site.Lambda is SimpleLambdaExpressionSyntax simple ? simple.Parameter.ToString() : ((ParenthesizedLambdaExpressionSyntax)site.Lambda).ParameterList.ToString();
                string lambda = $"async {parameter} =>\n{{\n{wait}\ntry\n{{\n{inner}\n}}\nfinally\n{{\n{throttle}.Release();\n}}\n}}";
                string whenAll = $"System.Threading.Tasks.Task.WhenAll(System.Linq.Enumerable.Select({source}, {lambda}))";
                var replacement = Parse(mode == HostMode.Block ? whenAll + ".GetAwaiter().GetResult()" : "await " + whenAll);
                replacement = ReduceSelect(replacement);
                int offset = site.Call.SpanStart - site.Function.SpanStart;
                bool returnsValue = site.FunctionSymbol.ReturnType is INamedTypeSymbol { IsGenericType: true };
                bool importLinq = !LinqInScope(site.Call, model, types);

                bool makeBlockAsync = mode == HostMode.MakeAsync && FunctionBody(site.Function) is BlockSyntax;
                return new Plan(root =>
                {
                    var newFunction = site.Function.ReplaceNode(site.Call, replacement.WithTriviaFrom(site.Call));
                    newFunction = AddThrottleDeclaration(newFunction, offset, throttle, limit, site.FunctionSymbol, types);
                    if (makeBlockAsync)
                    {
                        newFunction = MakeBlockAsync(newFunction, returnsValue);
                    }

                    var result = ReplaceFunction(root, site.Function, newFunction, typeToExtend);
                    return importLinq ? WithLinqUsing(result) : result;
                });
            }

            /// <summary>Whether <c>System.Linq</c>'s extension methods are in scope at <paramref name="site"/> (a using, a global using).</summary>
            private static bool LinqInScope(SyntaxNode site, SemanticModel model, KnownTypes types) =>
                model.LookupNamespacesAndTypes(site.SpanStart, name: "Enumerable").Any(s => SymbolEqualityComparer.Default.Equals(s, types.Enumerable));

            /// <summary>Adds <c>using System.Linq;</c> to the file, among the other <c>System</c> usings.</summary>
            private static SyntaxNode WithLinqUsing(SyntaxNode root)
            {
                if (root is not CompilationUnitSyntax unit)
                {
                    return root;
                }

                var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName("System.Linq"))
                    .WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"));
                var usings = unit.Usings;
                int index = 0;
                while (index < usings.Count && usings[index].Alias == null && usings[index].StaticKeyword.IsKind(SyntaxKind.None)
                    && string.CompareOrdinal(usings[index].Name?.ToString(), "System.Linq") < 0)
                {
                    index++;
                }

                if (index < usings.Count)
                {
                    directive = directive.WithLeadingTrivia(index == 0 ? usings[0].GetLeadingTrivia() : default);
                    var shifted = index == 0 ? usings.Replace(usings[0], usings[0].WithLeadingTrivia()) : usings;
                    return unit.WithUsings(shifted.Insert(index, directive));
                }

                return unit.WithUsings(usings.Add(directive));
            }

            /// <summary><c>Enumerable.Select(source, f)</c> → <c>source.Select(f)</c>: the import the simplifier adds for <c>Enumerable</c> makes the extension form available.</summary>
            private static ExpressionSyntax ReduceSelect(ExpressionSyntax expression)
            {
                var select = expression.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>()
                    .FirstOrDefault(i => i.Expression.ToString() == "System.Linq.Enumerable.Select" && i.ArgumentList.Arguments.Count == 2);
                if (select == null)
                {
                    return expression;
                }

                var arguments = select.ArgumentList.Arguments;
                var reduced = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, arguments[0].Expression, SyntaxFactory.IdentifierName("Select")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(arguments[1])));
                return expression.ReplaceNode(select, reduced.WithTriviaFrom(select));
            }

            /// <summary>An expression usable as the left of <c>.</c> or an operand of <c>-</c>.</summary>
            private static string Operand(ExpressionSyntax expression) =>
                expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or LiteralExpressionSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax or ThisExpressionSyntax
                    ? expression.ToFullString()
                    : "(" + expression.ToFullString() + ")";
        }
    }
}
