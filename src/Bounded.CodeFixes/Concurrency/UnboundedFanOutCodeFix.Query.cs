using System.Linq;
using System.Threading;
using Bounded.Analyzers.Common;
using Bounded.Analyzers.Common.Tokens;
using Bounded.Analyzers.Concurrency;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.CodeFixes.Concurrency
{
    public sealed partial class UnboundedFanOutCodeFix
    {
        private sealed partial class Plan
        {
            private const string PermitHelperName = "WithPermitAsync";

            /// <summary>
            /// LINQ query syntax (<c>from x in source ... select StartAsync(x)</c>): the query stays a query, its
            /// final <c>select</c> starts each element's work once it has a permit,
            /// <c>select WithPermitAsync(throttle, () =&gt; StartAsync(x), token)</c>, through a static local
            /// function. Results, order and types are kept; the semaphore is declared as for <c>Select</c>.
            /// </summary>
            private static Plan? QuerySemaphore(QueryExpressionSyntax query, Site site, SemanticModel model, KnownTypes types, CancellationToken ct)
            {
                var body = query.Body;
                while (body.Continuation != null)
                {
                    body = body.Continuation.Body;
                }

                if (body.SelectOrGroup is not SelectClauseSyntax selectClause
                    || model.GetOperation(query, ct) is not ITranslatedQueryOperation { Operation: IInvocationOperation select }
                    || model.GetOperation(selectClause.Expression, ct) is not { } selected
                    || TaskShape(selected.Type, types) is not { IsValueTask: false } shape
                    || EnclosingFunction(query) is not { } function
                    || FunctionSymbol(function, model, ct) is not { } symbol)
                {
                    return null;
                }

                var combinator = UnboundedFanOutAnalyzer.FindCombinator(select, types);
                var mode = Mode(function, symbol, types, allowBlock: combinator != null && IsBlockedOn(combinator));
                if (mode == null)
                {
                    return null;
                }

                var token = TokenInScope.Find(selected, types, ct);
                string throttle = UniqueName("throttle", function, model, query.SpanStart);
                string limit = ConstantExpression(query, model, out var typeToExtend);
                var existingHelper = ExistingPermitHelper(function, shape.HasResult, token != null);
                string helper = existingHelper ?? UniqueName(PermitHelperName, function, model, query.SpanStart);
                string call = $"{helper}({throttle}, () => {selectClause.Expression.WithoutTrivia().ToFullString()}{(token != null ? ", " + token.Expression : string.Empty)})";
                var newExpression = Parse(call).WithTriviaFrom(selectClause.Expression);
                int offset = query.SpanStart - function.SpanStart;
                bool returnsValue = symbol.ReturnType is INamedTypeSymbol { IsGenericType: true };

                bool makeBlockAsync = mode == HostMode.MakeAsync && FunctionBody(function) is BlockSyntax;
                return new Plan(root =>
                {
                    var newFunction = function.ReplaceNode(selectClause.Expression, newExpression);
                    newFunction = AddThrottleDeclaration(newFunction, offset, throttle, limit, symbol, types);
                    if (makeBlockAsync)
                    {
                        newFunction = MakeBlockAsync(newFunction, returnsValue);
                    }

                    if (existingHelper == null && FunctionBody(newFunction) is BlockSyntax block)
                    {
                        newFunction = newFunction.ReplaceNode(block, AppendLocalFunction(block, PermitHelper(helper, shape.HasResult, token != null, types, FreeTypeParameterName(function))));
                    }

                    return ReplaceFunction(root, function, newFunction, typeToExtend);
                });
            }

            /// <summary>The static local function that waits for a permit, starts the work, and releases the permit when it completes.</summary>
            private static StatementSyntax PermitHelper(string name, bool hasResult, bool takesToken, KnownTypes types, string resultName)
            {
                string result = hasResult ? $"System.Threading.Tasks.Task<{resultName}>" : "System.Threading.Tasks.Task";
                string typeParameters = hasResult ? $"<{resultName}>" : string.Empty;
                string tokenParameter = takesToken ? ", System.Threading.CancellationToken cancellationToken" : string.Empty;
                var token = takesToken ? new TokenCandidate(null, "cancellationToken", TokenSourceKind.Parameter) : null;
                string wait = WaitStatement("semaphore", token, isAsync: true, types);
                string run = hasResult ? "return await start();" : "await start();";
                string text = $"static async {result} {name}{typeParameters}(System.Threading.SemaphoreSlim semaphore, System.Func<{result}> start{tokenParameter})\n{{\n{wait}\ntry\n{{\n{run}\n}}\nfinally\n{{\nsemaphore.Release();\n}}\n}}";
                return ParseStatement(text).WithLeadingTrivia(SyntaxFactory.EndOfLine("\n"));
            }

            private static string? ExistingPermitHelper(SyntaxNode function, bool hasResult, bool takesToken) =>
                FunctionBody(function) is BlockSyntax body
                    ? body.Statements.OfType<LocalFunctionStatementSyntax>()
                        .FirstOrDefault(f => f.Identifier.ValueText.StartsWith(PermitHelperName, System.StringComparison.Ordinal)
                            && f.Modifiers.Any(SyntaxKind.StaticKeyword)
                            && f.ParameterList.Parameters.Count == (takesToken ? 3 : 2)
                            && (f.TypeParameterList?.Parameters.Count ?? 0) == (hasResult ? 1 : 0))
                        ?.Identifier.ValueText
                    : null;

            /// <summary>An invocation of <c>Enumerable.Select</c> (the method form the analyzer reports).</summary>
            private static bool IsSelect(SyntaxNode node, SemanticModel model, KnownTypes types, CancellationToken ct) =>
                node is InvocationExpressionSyntax invocation
                && types.Enumerable != null
                && model.GetOperation(invocation, ct) is IInvocationOperation operation
                && FanOut.IsEnumerableMethod(operation.TargetMethod, types, "Select");
        }
    }
}
