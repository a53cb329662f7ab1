using System.Collections.Generic;
using System.Linq;
using Bounded.Analyzers.Common;
using Bounded.Analyzers.Common.Tokens;
using Bounded.CodeFixes.Common.Tokens;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Bounded.CodeFixes.Concurrency
{
    public sealed partial class UnboundedFanOutCodeFix
    {
        /// <summary>How the function hosting a fix can wait for a permit and for the work, so the semaphore can be disposed.</summary>
        private enum HostMode
        {
            /// <summary>Already async: <c>await throttle.WaitAsync(token)</c>.</summary>
            Await,

            /// <summary>Returns a Task/ValueTask without <c>async</c>: made async (each <c>return x;</c> awaits <c>x</c>).</summary>
            MakeAsync,

            /// <summary>Synchronous: <c>throttle.Wait(token)</c>, the work is waited for before the function returns.</summary>
            Block,
        }

        private sealed partial class Plan
        {
            /// <summary>The host's mode; for a synchronous host, only when <paramref name="allowBlock"/>.</summary>
            private static HostMode? Mode(SyntaxNode function, IMethodSymbol symbol, KnownTypes types, bool allowBlock)
            {
                if (symbol.IsAsync)
                {
                    return HostMode.Await;
                }

                if (Awaitables.IsTaskLike(symbol.ReturnType, types) && symbol.ReturnType is INamedTypeSymbol)
                {
                    // Only methods, local functions and lambdas without ref/out parameters can be made async.
                    // (No lock in the body: its returns would await inside it.)
                    return function is MethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax
                        && symbol.Parameters.All(p => p.RefKind == RefKind.None)
                        && !FunctionBody(function)!.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax).OfType<LockStatementSyntax>().Any()
                        && FunctionBody(function) is BlockSyntax or ExpressionSyntax
                        ? HostMode.MakeAsync
                        : null;
                }

                return allowBlock ? HostMode.Block : null;
            }

            /// <summary>Adds <c>async</c> to a block-bodied function and makes each of its own <c>return x;</c> await <c>x</c>.</summary>
            private static SyntaxNode MakeBlockAsync(SyntaxNode function, bool returnsValue)
            {
                if (FunctionBody(function) is not BlockSyntax body)
                {
                    return function;
                }

                return AddAsync(function.ReplaceNode(body, AwaitReturns(body, returnsValue)));
            }

            /// <summary>
            /// In a body becoming async: <c>return x;</c> becomes <c>return await x;</c> (a value) or
            /// <c>await x; return;</c> (no value; the <c>return;</c> is dropped when it ends the body).
            /// Returns of nested functions are left alone.
            /// </summary>
            private static BlockSyntax AwaitReturns(BlockSyntax body, bool returnsValue)
            {
                var returns = body.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax)
                    .OfType<ReturnStatementSyntax>()
                    .Where(r => r.Expression != null)
                    .ToList();
                if (returns.Count == 0)
                {
                    return body;
                }

                var rewritten = body.ReplaceNodes(returns, (original, _) =>
                {
                    bool endsBody = original.Parent == body
                        && body.Statements.SkipWhile(st => st != original).Skip(1).All(st => st is LocalFunctionStatementSyntax);
                    var expression = original.Expression!;

                    // return Task.FromResult(x); -> return x;   return Task.CompletedTask; -> return;
                    if (returnsValue && expression is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } fromResult
                        && fromResult.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "FromResult" } access
                        && access.Expression.ToString() is "Task" or "System.Threading.Tasks.Task")
                    {
                        return original.WithExpression(fromResult.ArgumentList.Arguments[0].Expression.WithTriviaFrom(expression));
                    }

                    if (!returnsValue && expression.ToString() is "Task.CompletedTask" or "System.Threading.Tasks.Task.CompletedTask")
                    {
                        var bare = SyntaxFactory.ReturnStatement().WithTriviaFrom(original);
                        return endsBody ? bare.WithAdditionalAnnotations(Removed) : bare;
                    }

                    var awaited = Awaited(expression);
                    if (returnsValue)
                    {
                        return original.WithExpression(awaited);
                    }

                    var await = SyntaxFactory.ExpressionStatement(awaited).WithTriviaFrom(original).WithAdditionalAnnotations(Formatter.Annotation);
                    if (endsBody)
                    {
                        return await;
                    }

                    return SyntaxFactory.Block(await.WithoutTrivia(), SyntaxFactory.ReturnStatement())
                        .WithTriviaFrom(original)
                        .WithAdditionalAnnotations(Formatter.Annotation);
                });

                // A final "return Task.CompletedTask;" says nothing once the body is async.
                return rewritten.RemoveNodes(rewritten.GetAnnotatedNodes(Removed), SyntaxRemoveOptions.KeepNoTrivia) ?? rewritten;
            }

            private static readonly SyntaxAnnotation Removed = new SyntaxAnnotation("BND5001.Removed");

            /// <summary><c>await x</c>, parenthesizing <c>x</c> when it is not a primary expression.</summary>
            private static ExpressionSyntax Awaited(ExpressionSyntax expression)
            {
                var operand = expression.WithoutTrivia();
                if (operand is not (InvocationExpressionSyntax or MemberAccessExpressionSyntax or IdentifierNameSyntax or GenericNameSyntax
                    or ElementAccessExpressionSyntax or ObjectCreationExpressionSyntax or ParenthesizedExpressionSyntax or ThisExpressionSyntax))
                {
                    operand = SyntaxFactory.ParenthesizedExpression(operand);
                }

                return SyntaxFactory.AwaitExpression(SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space), operand).WithTriviaFrom(expression);
            }

            /// <summary><c>throttle.WaitAsync(token)</c> or <c>throttle.Wait(token)</c>, the token added through the shared token API.</summary>
            private static ExpressionSyntax WaitCall(string throttle, TokenCandidate? token, bool isAsync, KnownTypes types)
            {
                string name = isAsync ? "WaitAsync" : "Wait";
                var call = (InvocationExpressionSyntax)SyntaxFactory.ParseExpression($"{throttle}.{name}()");
                var overload = types.SemaphoreSlim?.GetMembers(name).OfType<IMethodSymbol>()
                    .FirstOrDefault(m => m.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, types.CancellationToken));
                if (token == null || overload == null)
                {
                    return call;
                }

                return TokenArguments.AddToken(call, overload, 0, overload.Parameters[0].Name, SyntaxFactory.ParseExpression(token.Expression), calledAsExtension: false);
            }

            /// <summary>The statement that waits for a permit: <c>await throttle.WaitAsync(token);</c> or <c>throttle.Wait(token);</c>.</summary>
            private static string WaitStatement(string throttle, TokenCandidate? token, bool isAsync, KnownTypes types) =>
                (isAsync ? "await " : string.Empty) + WaitCall(throttle, token, isAsync, types).ToFullString() + ";";

            /// <summary>A statement parsed from text, laid out by the formatter, with <c>System.*</c> names simplified (and imported).</summary>
            private static StatementSyntax ParseStatement(string text)
            {
                var statement = SyntaxFactory.ParseStatement(text);
                return ((StatementSyntax)Annotate(statement)).WithTrailingTrivia(SyntaxFactory.ElasticEndOfLine("\n"));
            }

            /// <summary>Marks fully qualified <c>System.*</c> names for the simplifier (which also adds their usings).</summary>
            private static TNode AnnotateNames<TNode>(TNode node)
                where TNode : SyntaxNode
            {
                var names = node.DescendantNodesAndSelf()
                    .Where(n => n is QualifiedNameSyntax or MemberAccessExpressionSyntax && n.ToString().StartsWith("System.", System.StringComparison.Ordinal))
                    .ToList();
                return node.ReplaceNodes(names, (_, rewritten) => rewritten.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation));
            }

            private static SyntaxNode Annotate(SyntaxNode node)
            {
                node = AnnotateNames(node);
                node = node.ReplaceTrivia(
                    node.DescendantTrivia().Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia) || t.IsKind(SyntaxKind.WhitespaceTrivia)),
                    (original, _) => original.IsKind(SyntaxKind.EndOfLineTrivia) ? SyntaxFactory.ElasticEndOfLine("\n") : SyntaxFactory.ElasticWhitespace(original.ToString()));
                return node.WithAdditionalAnnotations(Formatter.Annotation);
            }

            /// <summary>Replaces <paramref name="function"/> with <paramref name="newFunction"/> and adds the <c>MaxConcurrency</c> constant to <paramref name="typeToExtend"/>.</summary>
            private static SyntaxNode ReplaceFunction(SyntaxNode root, SyntaxNode function, SyntaxNode newFunction, TypeDeclarationSyntax? typeToExtend)
            {
                var annotatedFunction = new SyntaxAnnotation();
                var annotatedType = new SyntaxAnnotation();
                var tracked = root.ReplaceNodes(
                    new SyntaxNode?[] { function, typeToExtend }.Where(n => n != null).Cast<SyntaxNode>(),
                    (original, rewritten) => rewritten.WithAdditionalAnnotations(original == function ? annotatedFunction : annotatedType));
                tracked = tracked.ReplaceNode(tracked.GetAnnotatedNodes(annotatedFunction).Single(), newFunction);
                if (typeToExtend != null)
                {
                    var type = (TypeDeclarationSyntax)tracked.GetAnnotatedNodes(annotatedType).Single();
                    tracked = tracked.ReplaceNode(type, type.WithMembers(type.Members.Insert(0, Constant())));
                }

                return tracked;
            }

            /// <summary>Whether <paramref name="node"/> is inside a <c>lock</c> statement of <paramref name="function"/> (no <c>await</c> there).</summary>
            private static bool InLock(SyntaxNode node, SyntaxNode function) =>
                AncestorsInFunction(node, function).Any(a => a is LockStatementSyntax);

            /// <summary>
            /// A name for a generated local function's type parameter that no enclosing type, method or local function
            /// uses: reusing one shadows it (CS8387/CS0693 warnings, errors in builds that treat warnings as errors).
            /// </summary>
            private static string FreeTypeParameterName(SyntaxNode function)
            {
                var used = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal);
                foreach (var node in function.AncestorsAndSelf())
                {
                    TypeParameterListSyntax? list = node switch
                    {
                        TypeDeclarationSyntax type => type.TypeParameterList,
                        MethodDeclarationSyntax method => method.TypeParameterList,
                        LocalFunctionStatementSyntax local => local.TypeParameterList,
                        _ => null,
                    };
                    if (list != null)
                    {
                        foreach (var parameter in list.Parameters)
                        {
                            used.Add(parameter.Identifier.ValueText);
                        }
                    }
                }

                string name = "TResult";
                for (int i = 2; used.Contains(name); i++)
                {
                    name = "TResult" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return name;
            }

            /// <summary>Appends a local function to a body, after a blank line.</summary>
            private static BlockSyntax AppendLocalFunction(BlockSyntax block, StatementSyntax localFunction)
            {
                var last = block.Statements.LastOrDefault();
                if (last != null && !last.GetTrailingTrivia().Any(SyntaxKind.EndOfLineTrivia))
                {
                    block = block.ReplaceNode(last, last.WithTrailingTrivia(last.GetTrailingTrivia().Add(SyntaxFactory.EndOfLine("\n"))));
                }

                return block.AddStatements(localFunction);
            }

            /// <summary>The nodes between <paramref name="node"/> and <paramref name="function"/> (exclusive), innermost first.</summary>
            private static IEnumerable<SyntaxNode> AncestorsInFunction(SyntaxNode node, SyntaxNode function)
            {
                for (var current = node.Parent; current != null && current != function; current = current.Parent)
                {
                    yield return current;
                }
            }
        }
    }
}
