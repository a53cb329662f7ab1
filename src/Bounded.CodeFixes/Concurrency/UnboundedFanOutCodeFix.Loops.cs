using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Bounded.Analyzers.Common;
using Bounded.Analyzers.Common.Tokens;
using Bounded.Analyzers.Concurrency;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.CodeFixes.Concurrency
{
    public sealed partial class UnboundedFanOutCodeFix
    {
        private sealed partial class Plan
        {
            private const string HelperName = "ReleaseWhenDoneAsync";

            /// <summary>
            /// A task started per iteration of a loop (kept in a collection, or discarded): the loop takes a
            /// permit before starting each task (<c>await throttle.WaitAsync(token)</c>, or <c>throttle.Wait(token)</c>
            /// in a synchronous function) and the task gives it back when it completes
            /// (<c>ReleaseWhenDoneAsync(throttle, StartAsync(x))</c>, a static local function). Arguments are
            /// still evaluated in their own iteration, the task and its result are kept where they were.
            /// A discarded task is collected, and the work is awaited (or waited for) after the loop, so its
            /// exceptions are observed and the semaphore outlives it.
            /// </summary>
            private static Plan? LoopSemaphore(SyntaxNode node, Site site, SemanticModel model, KnownTypes types, CancellationToken ct)
            {
                if (node is not InvocationExpressionSyntax startSyntax
                    || model.GetOperation(startSyntax, ct) is not IInvocationOperation start
                    || TaskShape(start.Type, types) is not { } shape
                    || EnclosingFunction(startSyntax) is not { } function
                    || FunctionBody(function) is not BlockSyntax body
                    || FunctionSymbol(function, model, ct) is not { } symbol
                    || Mode(function, symbol, types, allowBlock: true) is not { } mode)
                {
                    return null;
                }

                var ancestors = AncestorsInFunction(startSyntax, function).ToList();
                var loops = ancestors.OfType<StatementSyntax>().Where(s => LoopBody(s)?.Span.Contains(startSyntax.Span) == true).ToList();
                var statement = ancestors.OfType<StatementSyntax>().FirstOrDefault();
                if (loops.Count == 0 || statement == null || ancestors.Any(a => a is LockStatementSyntax))
                {
                    return null;
                }

                var loop = loops[System.Math.Min(site.LoopDepth, loops.Count - 1)];
                bool discarded = IsDiscarded(startSyntax, statement, model, ct);
                StatementSyntax anchor;
                if (discarded)
                {
                    anchor = loop;
                }
                else if (shape.IsValueTask || KeptIn(start, loop, function, model, ct) is not { } kept)
                {
                    return null;
                }
                else
                {
                    anchor = kept;
                }

                bool isAsync = mode != HostMode.Block;
                var token = TokenInScope.Find(start, types, ct);
                int position = startSyntax.SpanStart;
                string throttle = UniqueName("throttle", function, model, position);
                string limit = ConstantExpression(startSyntax, model, out var typeToExtend);
                var existingHelper = ExistingHelper(function, shape.HasResult);
                string helper = existingHelper ?? UniqueName(HelperName, function, model, position);
                string tasks = discarded ? UniqueName("tasks", function, model, position) : string.Empty;
                bool returnsValue = symbol.ReturnType is INamedTypeSymbol { IsGenericType: true };

                return new Plan(root =>
                {
                    var editor = new SyntaxEditor(function, site.Services);

                    // Each iteration takes a permit before it starts the task.
                    var wait = ParseStatement(WaitStatement(throttle, token, isAsync, types));
                    if (statement.Parent is BlockSyntax or SwitchSectionSyntax)
                    {
                        editor.InsertBefore(statement, wait);
                    }
                    else
                    {
                        editor.ReplaceNode(statement, (current, _) => SyntaxFactory.Block(wait, (StatementSyntax)current).WithAdditionalAnnotations(Formatter.Annotation));
                    }

                    // The task gives the permit back when it completes.
                    var released = Released(helper, throttle, startSyntax, shape.IsValueTask);
                    if (discarded)
                    {
                        var add = ParseStatement($"{tasks}.Add({Placeholder});");
                        var placeholder = add.DescendantNodes().OfType<IdentifierNameSyntax>().Single(n => n.Identifier.ValueText == Placeholder);
                        editor.ReplaceNode(statement, add.ReplaceNode(placeholder, released).WithTriviaFrom(statement));
                    }
                    else
                    {
                        editor.ReplaceNode(startSyntax, released.WithTriviaFrom(startSyntax));
                    }

                    // One semaphore for the whole loop, disposed when the scope that waits for the work ends.
                    var before = new List<StatementSyntax> { ParseStatement($"using var {throttle} = new System.Threading.SemaphoreSlim({limit});") };
                    var after = new List<StatementSyntax>();
                    if (discarded)
                    {
                        before.Add(ParseStatement($"var {tasks} = new System.Collections.Generic.List<System.Threading.Tasks.Task>();"));
                        after.Add(ParseStatement(isAsync
                            ? $"await System.Threading.Tasks.Task.WhenAll({tasks});"
                            : $"System.Threading.Tasks.Task.WaitAll({tasks}.ToArray());").WithLeadingTrivia(SyntaxFactory.EndOfLine("\n")).WithTrailingTrivia(SyntaxFactory.EndOfLine("\n")));
                    }

                    if (anchor.Parent is BlockSyntax)
                    {
                        editor.InsertBefore(anchor, before.Select((s, i) => i == 0 ? s.WithLeadingTrivia(anchor.GetLeadingTrivia()) : s));
                        if (after.Count > 0)
                        {
                            editor.InsertAfter(anchor, after);
                        }
                    }
                    else
                    {
                        editor.ReplaceNode(anchor, (current, _) => SyntaxFactory.Block(before.Concat(new[] { (StatementSyntax)current }).Concat(after)).WithAdditionalAnnotations(Formatter.Annotation));
                    }

                    if (existingHelper == null)
                    {
                        editor.ReplaceNode(body, (current, _) => AppendLocalFunction((BlockSyntax)current, Helper(helper, shape.HasResult, FreeTypeParameterName(function))));
                    }

                    var newFunction = editor.GetChangedRoot();
                    if (mode == HostMode.MakeAsync)
                    {
                        newFunction = MakeBlockAsync(newFunction, returnsValue);
                    }

                    return ReplaceFunction(root, function, newFunction, typeToExtend);
                });
            }

            /// <summary>Where the released task goes in a statement parsed from text.</summary>
            private const string Placeholder = "__task";

            /// <summary><c>ReleaseWhenDoneAsync(throttle, start)</c> (a ValueTask converted with <c>AsTask()</c>).</summary>
            private static ExpressionSyntax Released(string helper, string throttle, ExpressionSyntax start, bool isValueTask)
            {
                ExpressionSyntax task = start.WithoutTrivia();
                if (isValueTask)
                {
                    task = SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, task, SyntaxFactory.IdentifierName("AsTask")));
                }

                return SyntaxFactory.InvocationExpression(
                    SyntaxFactory.IdentifierName(helper),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(SyntaxFactory.IdentifierName(throttle)), SyntaxFactory.Argument(task) })));
            }

            /// <summary>The static local function that awaits a task and then releases the permit.</summary>
            private static StatementSyntax Helper(string name, bool hasResult, string result)
            {
                string text = hasResult
                    ? $"static async System.Threading.Tasks.Task<{result}> {name}<{result}>(System.Threading.SemaphoreSlim semaphore, System.Threading.Tasks.Task<{result}> task)\n{{\ntry\n{{\nreturn await task.ConfigureAwait(false);\n}}\nfinally\n{{\nsemaphore.Release();\n}}\n}}"
                    : $"static async System.Threading.Tasks.Task {name}(System.Threading.SemaphoreSlim semaphore, System.Threading.Tasks.Task task)\n{{\ntry\n{{\nawait task.ConfigureAwait(false);\n}}\nfinally\n{{\nsemaphore.Release();\n}}\n}}";
                return ParseStatement(text).WithLeadingTrivia(SyntaxFactory.EndOfLine("\n"));
            }

            /// <summary>A helper an earlier fix added to this function, of the same kind (with or without a result).</summary>
            private static string? ExistingHelper(SyntaxNode function, bool hasResult) =>
                FunctionBody(function) is BlockSyntax body
                    ? body.Statements.OfType<LocalFunctionStatementSyntax>()
                        .FirstOrDefault(f => f.Identifier.ValueText.StartsWith(HelperName, System.StringComparison.Ordinal)
                            && f.Modifiers.Any(SyntaxKind.StaticKeyword)
                            && f.ParameterList.Parameters.Count == 2
                            && (f.TypeParameterList?.Parameters.Count ?? 0) == (hasResult ? 1 : 0)
                            && f.ParameterList.Parameters[0].Type?.ToString() is "SemaphoreSlim" or "System.Threading.SemaphoreSlim")
                        ?.Identifier.ValueText
                    : null;

            /// <summary><c>start;</c> or <c>_ = start;</c> as the statement itself.</summary>
            private static bool IsDiscarded(ExpressionSyntax start, StatementSyntax statement, SemanticModel model, CancellationToken ct)
            {
                var expression = WalkUpParentheses(start);
                if (expression.Parent == statement)
                {
                    return statement is ExpressionStatementSyntax;
                }

                return expression.Parent is AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax } assignment
                    && assignment.Right == expression
                    && model.GetOperation(assignment, ct) is ISimpleAssignmentOperation { Target: IDiscardOperation };
            }

            /// <summary>
            /// For a task kept in a local collection declared in this function (<c>tasks.Add(start)</c>,
            /// <c>tasks[i] = start</c>, <c>var t = start; tasks.Add(t);</c>): the statement of the collection's
            /// block that holds the loop, where the semaphore goes, so it lives as long as the collection.
            /// Null when the collection is a field or parameter, or leaves the function.
            /// </summary>
            private static StatementSyntax? KeptIn(IInvocationOperation start, StatementSyntax loop, SyntaxNode function, SemanticModel model, CancellationToken ct)
            {
                var collection = Collection(start, loop, model, ct);
                var declarator = collection?.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct);
                if (declarator?.Parent?.Parent is not LocalDeclarationStatementSyntax { Parent: BlockSyntax block }
                    || !function.Span.Contains(block.Span)
                    || EnclosingFunction(declarator) != function)
                {
                    return null;
                }

                var references = block.DescendantNodes().OfType<IdentifierNameSyntax>().Where(id => id.Identifier.ValueText == collection!.Name).ToList();
                if (references.Any(id => Escapes(id, function)) || !references.Any(IsCombined))
                {
                    return null;
                }

                return loop.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.Parent == block);
            }

            /// <summary>The collection handed to a combinator (<c>Task.WhenAll(tasks)</c>, <c>Task.WaitAll(tasks.ToArray())</c>): the function waits for its tasks.</summary>
            private static bool IsCombined(IdentifierNameSyntax reference)
            {
                var argument = reference.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax materialized } access && access.Expression == reference
                    ? materialized.Parent
                    : reference.Parent;
                return argument is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax call } } }
                    && call.Name.Identifier.ValueText is "WhenAll" or "WhenAny" or "WaitAll" or "WaitAny" or "WhenEach";
            }

            /// <summary>The collection leaves the scope: returned, assigned elsewhere, or captured by a nested function.</summary>
            private static bool Escapes(IdentifierNameSyntax reference, SyntaxNode function)
            {
                var expression = WalkUpParentheses(reference);
                return expression.Parent is ReturnStatementSyntax or ArrowExpressionClauseSyntax or EqualsValueClauseSyntax
                    || (expression.Parent is AssignmentExpressionSyntax assignment && assignment.Right == expression)
                    || EnclosingFunction(reference) != function;
            }

            private static ExpressionSyntax WalkUpParentheses(ExpressionSyntax expression)
            {
                while (expression.Parent is ParenthesizedExpressionSyntax parenthesized)
                {
                    expression = parenthesized;
                }

                return expression;
            }

            private static ILocalSymbol? Collection(IInvocationOperation start, StatementSyntax loop, SemanticModel model, CancellationToken ct)
            {
                IOperation current = start;
                while (current.Parent is IConversionOperation or IParenthesizedOperation)
                {
                    current = current.Parent;
                }

                switch (current.Parent)
                {
                    case IArgumentOperation { Parent: IInvocationOperation add }:
                        return (add.Instance is { } instance ? FanOut.Unwrap(instance) : null) is ILocalReferenceOperation list ? list.Local : null;
                    case ISimpleAssignmentOperation { Target: IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation array } }:
                        return array.Local;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Instance: ILocalReferenceOperation indexed } }:
                        return indexed.Local;
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        foreach (var id in loop.DescendantNodes().OfType<IdentifierNameSyntax>().Where(i => i.Identifier.ValueText == declarator.Symbol.Name))
                        {
                            if (model.GetOperation(id, ct) is ILocalReferenceOperation reference
                                && SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol)
                                && Collection(reference, loop, model, ct) is { } local)
                            {
                                return local;
                            }
                        }

                        return null;
                    default:
                        return null;
                }
            }

            private static ILocalSymbol? Collection(ILocalReferenceOperation reference, StatementSyntax loop, SemanticModel model, CancellationToken ct)
            {
                IOperation current = reference;
                while (current.Parent is IConversionOperation)
                {
                    current = current.Parent;
                }

                return current.Parent is IArgumentOperation { Parent: IInvocationOperation { Instance: { } instance } }
                    && FanOut.Unwrap(instance) is ILocalReferenceOperation list
                    ? list.Local
                    : null;
            }

            private static StatementSyntax? LoopBody(StatementSyntax statement) => statement switch
            {
                CommonForEachStatementSyntax forEach => forEach.Statement,
                ForStatementSyntax @for => @for.Statement,
                WhileStatementSyntax @while => @while.Statement,
                DoStatementSyntax @do => @do.Statement,
                _ => null,
            };

            /// <summary>Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt;: whether it carries a result, and whether it is a ValueTask.</summary>
            private static (bool HasResult, bool IsValueTask)? TaskShape(ITypeSymbol? type, KnownTypes types)
            {
                if (type is not INamedTypeSymbol named)
                {
                    return null;
                }

                var original = named.OriginalDefinition;
                if (SymbolEqualityComparer.Default.Equals(original, types.Task) || SymbolEqualityComparer.Default.Equals(original, types.TaskOfT))
                {
                    return (named.IsGenericType, false);
                }

                if (SymbolEqualityComparer.Default.Equals(original, types.ValueTask) || SymbolEqualityComparer.Default.Equals(original, types.ValueTaskOfT))
                {
                    return (named.IsGenericType, true);
                }

                return null;
            }
        }
    }
}
