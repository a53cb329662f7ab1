using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bounded.Analyzers;
using Bounded.Analyzers.Common;
using Bounded.Analyzers.Common.Tokens;
using Bounded.Analyzers.Concurrency;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace Bounded.CodeFixes.Concurrency
{
    /// <summary>
    /// BND5001 fixes: "Limit concurrency with SemaphoreSlim" (a Select fan-out: each element's work
    /// waits for a permit; results, order and types are kept) and "Use Parallel.ForEachAsync" (results
    /// unused and the framework has it). Fix All applies the fixes one after another per document, so
    /// each sees the constant and semaphore names the previous one introduced.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnboundedFanOutCodeFix))]
    public sealed partial class UnboundedFanOutCodeFix : CodeFixProvider
    {
        public const string SemaphoreKey = "BND5001.SemaphoreSlim";
        public const string ForEachAsyncKey = "BND5001.ParallelForEachAsync";

        private const string ConstantName = "MaxConcurrency";
        private const int DefaultMaxConcurrency = 8;

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Rules.UnboundedFanOut.Id);

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var types = KnownTypes.For(model.Compilation);
                var site = new Site(LoopDepth(diagnostic), context.Document.Project.Solution.Services);
                if (Plan.Semaphore(node, site, model, types, context.CancellationToken) != null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Limit concurrency with SemaphoreSlim",
                            ct => ApplyAsync(context.Document, diagnostic, SemaphoreKey, ct),
                            SemaphoreKey),
                        diagnostic);
                }

                if (Plan.ForEachAsync(node, site, model, types, context.CancellationToken) != null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Use Parallel.ForEachAsync",
                            ct => ApplyAsync(context.Document, diagnostic, ForEachAsyncKey, ct),
                            ForEachAsyncKey),
                        diagnostic);
                }
            }
        }

        /// <summary>Which enclosing loop is the fan-out (loop shape), carried through edits in the site annotation's data.</summary>
        private static int LoopDepth(Diagnostic diagnostic) =>
            diagnostic.Properties.TryGetValue(UnboundedFanOutAnalyzer.LoopDepthKey, out var value)
                && int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int depth)
                ? depth
                : 0;

        private static SyntaxAnnotation SiteAnnotation(Diagnostic diagnostic) =>
            new SyntaxAnnotation(SiteAnnotationKind, LoopDepth(diagnostic).ToString(System.Globalization.CultureInfo.InvariantCulture));

        private const string SiteAnnotationKind = "BND5001.Site";

        private static async Task<Document> ApplyAsync(Document document, Diagnostic diagnostic, string key, CancellationToken ct)
        {
            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            if (root == null)
            {
                return document;
            }

            var span = diagnostic.Location.SourceSpan;
            var annotation = SiteAnnotation(diagnostic);
            var node = root.FindNode(span, getInnermostNodeForTie: true);
            document = document.WithSyntaxRoot(root.ReplaceNode(node, node.WithAdditionalAnnotations(annotation)));
            return await ApplyAnnotatedAsync(document, annotation, key, ct).ConfigureAwait(false);
        }

        private static async Task<Document?> FixAllAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            var ct = context.CancellationToken;
            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            if (root == null || context.CodeActionEquivalenceKey == null)
            {
                return document;
            }

            var annotations = new List<SyntaxAnnotation>();
            var nodes = new Dictionary<SyntaxNode, SyntaxAnnotation>();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (!nodes.ContainsKey(node))
                {
                    var annotation = SiteAnnotation(diagnostic);
                    nodes.Add(node, annotation);
                    annotations.Add(annotation);
                }
            }

            document = document.WithSyntaxRoot(root.ReplaceNodes(nodes.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(nodes[original])));

            // In document order, as one-by-one fixing does, so names (throttle, throttle2) come out the same.
            foreach (var annotation in annotations)
            {
                document = await ApplyAnnotatedAsync(document, annotation, context.CodeActionEquivalenceKey, ct).ConfigureAwait(false);
            }

            return document;
        }

        private static async Task<Document> ApplyAnnotatedAsync(Document document, SyntaxAnnotation annotation, string key, CancellationToken ct)
        {
            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
            var node = root?.GetAnnotatedNodes(annotation).FirstOrDefault();
            if (root == null || model == null || node == null)
            {
                return document;
            }

            var types = KnownTypes.For(model.Compilation);
            int.TryParse(annotation.Data, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int loopDepth);
            var site = new Site(loopDepth, document.Project.Solution.Services);
            SyntaxNode? newRoot = key == SemaphoreKey
                ? Plan.Semaphore(node, site, model, types, ct)?.Apply(root)
                : Plan.ForEachAsync(node, site, model, types, ct)?.Apply(root);
            if (newRoot == null)
            {
                return document;
            }

            document = document.WithSyntaxRoot(newRoot);
            document = await ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: ct).ConfigureAwait(false);
            document = await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: ct).ConfigureAwait(false);
            return await Formatter.FormatAsync(document, Formatter.Annotation, cancellationToken: ct).ConfigureAwait(false);
        }

        /// <summary>A computed rewrite of one diagnostic site; <see cref="Apply"/> builds the new root.</summary>
        private sealed partial class Plan
        {
            private readonly System.Func<SyntaxNode, SyntaxNode> _apply;

            private Plan(System.Func<SyntaxNode, SyntaxNode> apply) => _apply = apply;

            public SyntaxNode Apply(SyntaxNode root) => _apply(root);

            // ------------------------------------------------------------------ SemaphoreSlim

            public static Plan? Semaphore(SyntaxNode node, Site site, SemanticModel model, KnownTypes types, CancellationToken ct)
            {
                if (node is QueryExpressionSyntax query)
                {
                    return QuerySemaphore(query, site, model, types, ct);
                }

                if (ParallelLambda(node, model, types, ct) is { } parallel)
                {
                    return ParallelSemaphore(parallel, site, model, types, ct);
                }

                if (!IsSelect(node, model, types, ct))
                {
                    return LoopSemaphore(node, site, model, types, ct);
                }

                if (!TrySelect(node, model, types, ct, out var selectSyntax, out var select, out var selectorSyntax, out var selectorOp))
                {
                    return null;
                }

                var function = EnclosingFunction(selectSyntax);
                if (function == null)
                {
                    return null;
                }

                var combinator = UnboundedFanOutAnalyzer.FindCombinator(select, types);
                var token = TokenInScope.Find(select, types, ct);
                string throttle = UniqueName("throttle", function, model, selectSyntax.SpanStart);
                string limit = ConstantExpression(selectSyntax, model, out var typeToExtend);

                var newSelector = ThrottledSelector(selectorSyntax, selectorOp, throttle, token, model, types, function, ct);
                if (newSelector == null)
                {
                    return null;
                }

                var functionSymbol = FunctionSymbol(function, model, ct);
                if (functionSymbol == null)
                {
                    return null;
                }

                // The semaphore is disposed when the block ends: the function must await the work (or be made
                // async so it can), or block on it (Task.WaitAll, .Wait(), .Result) before leaving the block.
                var mode = Mode(function, functionSymbol, types, allowBlock: combinator != null && IsBlockedOn(combinator));
                if (mode == null)
                {
                    return null;
                }

                bool makeBlockAsync = mode == HostMode.MakeAsync && FunctionBody(function) is BlockSyntax;
                bool returnsValue = functionSymbol.ReturnType is INamedTypeSymbol { IsGenericType: true };
                return new Plan(root =>
                {
                    var annotatedFunction = new SyntaxAnnotation();
                    var annotatedType = new SyntaxAnnotation();
                    var tracked = root.ReplaceNodes(
                        new SyntaxNode?[] { function, typeToExtend }.Where(n => n != null).Cast<SyntaxNode>(),
                        (original, rewritten) => original == function ? rewritten.WithAdditionalAnnotations(annotatedFunction) : rewritten.WithAdditionalAnnotations(annotatedType));
                    var currentFunction = tracked.GetAnnotatedNodes(annotatedFunction).Single();
                    var selectorInFunction = currentFunction.DescendantNodes().First(n => n.Span.Length == selectorSyntax.Span.Length && n.RawKind == selectorSyntax.RawKind && n.SpanStart - currentFunction.SpanStart == selectorSyntax.SpanStart - function.SpanStart);
                    var newFunction = currentFunction.ReplaceNode(selectorInFunction, newSelector);
                    newFunction = AddThrottleDeclaration(newFunction, selectSyntax.SpanStart - function.SpanStart, throttle, limit, functionSymbol, types);
                    if (makeBlockAsync)
                    {
                        newFunction = MakeBlockAsync(newFunction, returnsValue);
                    }

                    tracked = tracked.ReplaceNode(currentFunction, newFunction);
                    if (typeToExtend != null)
                    {
                        var type = (TypeDeclarationSyntax)tracked.GetAnnotatedNodes(annotatedType).Single();
                        var constant = Constant();
                        tracked = tracked.ReplaceNode(type, type.WithMembers(type.Members.Insert(0, constant)));
                    }

                    return tracked;
                });
            }

            /// <summary>Inserts <c>using var throttle = new SemaphoreSlim(limit);</c> before the statement holding the Select, turning an expression body into a block (and a non-async Task-returning function into an async one).</summary>
            private static SyntaxNode AddThrottleDeclaration(SyntaxNode function, int selectOffset, string throttle, string limit, IMethodSymbol symbol, KnownTypes types)
            {
                int selectStart = function.SpanStart + selectOffset;
                var body = FunctionBody(function);
                string semaphore = $"new System.Threading.SemaphoreSlim({limit})";

                if (body is ExpressionSyntax expression)
                {
                    bool isAsync = symbol.IsAsync;
                    bool returnsTask = Awaitables.IsTaskLike(symbol.ReturnType, types);
                    bool returnsValue = !symbol.ReturnsVoid && (isAsync
                        ? symbol.ReturnType is INamedTypeSymbol { IsGenericType: true }
                        : !returnsTask || symbol.ReturnType is INamedTypeSymbol { IsGenericType: true });
                    bool makeAsync = !isAsync && returnsTask;
                    string text = makeAsync ? "await " + expression.WithoutTrivia().ToFullString() : expression.WithoutTrivia().ToFullString();
                    var block = SyntaxFactory.Block(
                        Declaration(throttle, semaphore, dispose: true),
                        AnnotateNames(returnsValue ? SyntaxFactory.ParseStatement($"return {text};") : SyntaxFactory.ParseStatement(text + ";")))
                        .WithAdditionalAnnotations(Formatter.Annotation);
                    var withBlock = WithBlockBody(function, block);
                    return makeAsync ? AddAsync(withBlock) : withBlock;
                }

                if (body is BlockSyntax)
                {
                    var statement = function.DescendantNodes().OfType<StatementSyntax>()
                        .Where(s => s.Parent is BlockSyntax && s.Span.Contains(selectStart) && EnclosingFunction(s) == function)
                        .OrderByDescending(s => s.SpanStart)
                        .FirstOrDefault();
                    if (statement == null)
                    {
                        return function;
                    }

                    var parent = (BlockSyntax)statement.Parent!;
                    var declaration = Declaration(throttle, semaphore, dispose: true).WithLeadingTrivia(statement.GetLeadingTrivia());
                    int index = parent.Statements.IndexOf(statement);
                    var statements = parent.Statements.Replace(statement, statement.WithAdditionalAnnotations(Formatter.Annotation));
                    var newParent = parent.WithStatements(statements.Insert(index, declaration));
                    return function.ReplaceNode(parent, newParent);
                }

                return function;
            }

            private static MemberDeclarationSyntax Constant() =>
                SyntaxFactory.ParseMemberDeclaration($"private const int {ConstantName} = {DefaultMaxConcurrency};")!
                    .WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"), SyntaxFactory.EndOfLine("\n"))
                    .WithAdditionalAnnotations(Formatter.Annotation);

            private static StatementSyntax Declaration(string throttle, string semaphore, bool dispose)
            {
                var statement = (LocalDeclarationStatementSyntax)SyntaxFactory.ParseStatement($"{(dispose ? "using " : string.Empty)}var {throttle} = {semaphore};\n");
                var name = statement.DescendantNodes().OfType<QualifiedNameSyntax>().First();
                return statement.ReplaceNode(name, name.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation))
                    .WithAdditionalAnnotations(Formatter.Annotation);
            }

            /// <summary>Whether the caller blocks on the combinator (<c>Task.WaitAll/WaitAny</c>, <c>.Wait()</c>, <c>.Result</c>, <c>.GetAwaiter().GetResult()</c>).</summary>
            private static bool IsBlockedOn(IInvocationOperation combinator)
            {
                if (combinator.TargetMethod.Name is "WaitAll" or "WaitAny")
                {
                    return true;
                }

                var parent = combinator.Parent;
                while (parent is IConversionOperation)
                {
                    parent = parent.Parent;
                }

                return parent switch
                {
                    IInvocationOperation { TargetMethod.Name: "Wait" } => true,
                    IPropertyReferenceOperation { Property.Name: "Result" } => true,
                    IInvocationOperation { TargetMethod.Name: "GetAwaiter", Parent: IInvocationOperation { TargetMethod.Name: "GetResult" } } => true,
                    _ => false,
                };
            }

            private static ExpressionSyntax? ThrottledSelector(SyntaxNode selectorSyntax, IOperation selectorOp, string throttle, TokenCandidate? token, SemanticModel model, KnownTypes types, SyntaxNode function, CancellationToken ct)
            {
                string wait = WaitStatement(throttle, token, isAsync: true, types);
                string release = $"{throttle}.Release();";
                string Wrap(string parameters, string inner) =>
                    $"async {parameters} =>\n{{\n{wait}\ntry\n{{\n{inner}\n}}\nfinally\n{{\n{release}\n}}\n}}";

                switch (selectorOp)
                {
                    case IAnonymousFunctionOperation lambda when selectorSyntax is LambdaExpressionSyntax lambdaSyntax:
                        {
                            string parameters = lambdaSyntax is SimpleLambdaExpressionSyntax simple
                                ? simple.Parameter.ToString()
                                : ((ParenthesizedLambdaExpressionSyntax)lambdaSyntax).ParameterList.ToString();
                            bool hasValue = lambda.Symbol.ReturnType is INamedTypeSymbol { IsGenericType: true } ret && Awaitables.IsTaskLike(ret, KnownTypes.For(model.Compilation));
                            string inner;
                            if (lambdaSyntax.Body is BlockSyntax block)
                            {
                                // A block-bodied lambda that returns a task becomes async: each of its returns awaits.
                                var body = lambda.Symbol.IsAsync ? block : AwaitReturns(block, hasValue);
                                inner = string.Concat(body.Statements.Select(s => s.ToFullString()));
                            }
                            else
                            {
                                string body = ((ExpressionSyntax)lambdaSyntax.Body).WithoutTrivia().ToFullString();
                                string awaited = lambda.Symbol.IsAsync ? body : "await " + body;
                                inner = hasValue ? $"return {awaited};" : awaited + ";";
                            }

                            return Parse(Wrap(parameters, inner));
                        }

                    case IMethodReferenceOperation reference:
                        {
                            var method = reference.Method;
                            if (method.Parameters.Length != 1)
                            {
                                return null;
                            }

                            string parameter = UniqueName("item", function, model, selectorSyntax.SpanStart);
                            string call = $"await {((ExpressionSyntax)selectorSyntax).WithoutTrivia()}({parameter})";
                            bool hasValue = method.ReturnType is INamedTypeSymbol { IsGenericType: true };
                            return Parse(Wrap(parameter, hasValue ? $"return {call};" : call + ";"));
                        }

                    default:
                        return null;
                }
            }

            // ------------------------------------------------------------------ Parallel.ForEachAsync

            public static Plan? ForEachAsync(SyntaxNode node, Site site, SemanticModel model, KnownTypes types, CancellationToken ct)
            {
                if (types.Parallel == null || types.Parallel.GetMembers("ForEachAsync").IsEmpty || types.ParallelOptions == null)
                {
                    return null;
                }

                // Parallel.ForEach(source, async x => ...) / Parallel.For(from, to, async i => ...) as a statement.
                if (ParallelLambda(node, model, types, ct) is { } parallel)
                {
                    return ParallelAsync(parallel, model, types, ct);
                }

                if (!TrySelect(node, model, types, ct, out var selectSyntax, out var select, out var selectorSyntax, out var selectorOp)
                    || selectSyntax.Expression is not MemberAccessExpressionSyntax access)
                {
                    return null;
                }

                // Only Task.WhenAll(source.Select(f)) (or .ToList()/.ToArray()) whose result is not used.
                var combinator = UnboundedFanOutAnalyzer.FindCombinator(select, types);
                if (combinator == null || combinator.TargetMethod.Name != "WhenAll" || combinator.Syntax is not InvocationExpressionSyntax combinatorSyntax
                    || !combinatorSyntax.Span.Contains(selectSyntax.Span))
                {
                    return null;
                }

                bool resultUnused = combinator.Type is INamedTypeSymbol { IsGenericType: false }
                    || combinator.Parent is IAwaitOperation { Parent: IExpressionStatementOperation };
                if (!resultUnused || EnclosingFunction(selectSyntax) is not { } function)
                {
                    return null;
                }

                var scopeToken = TokenInScope.Find(combinator, types, ct);
                switch (selectorOp)
                {
                    case IAnonymousFunctionOperation lambda when selectorSyntax is LambdaExpressionSyntax lambdaSyntax && lambda.Symbol.Parameters.Length == 1:
                        {
                            if (lambdaSyntax.Body is BlockSyntax block)
                            {
                                if (!lambda.Symbol.IsAsync || block.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax).OfType<ReturnStatementSyntax>().Any(r => r.Expression != null))
                                {
                                    return null;
                                }

                                return ForEachAsyncPlan(combinatorSyntax, "ForEachAsync", access.Expression.WithoutTrivia().ToFullString(), ParameterName(lambdaSyntax), block.ToFullString(), block, scopeToken, function, model, ct, mode: null);
                            }

                            var expression = (ExpressionSyntax)lambdaSyntax.Body;
                            string text = lambda.Symbol.IsAsync ? expression.ToFullString() : "await " + expression.WithoutTrivia().ToFullString();
                            return ForEachAsyncPlan(combinatorSyntax, "ForEachAsync", access.Expression.WithoutTrivia().ToFullString(), ParameterName(lambdaSyntax), text, expression, scopeToken, function, model, ct, mode: null);
                        }

                    case IMethodReferenceOperation { Method.Parameters.Length: 1 }:
                        {
                            string element = UniqueName("item", function, model, selectSyntax.SpanStart);
                            string text = $"await {((ExpressionSyntax)selectorSyntax).WithoutTrivia()}({element})";
                            return ForEachAsyncPlan(combinatorSyntax, "ForEachAsync", access.Expression.WithoutTrivia().ToFullString(), element, text, null, scopeToken, function, model, ct, mode: null);
                        }

                    default:
                        return null;
                }
            }

            /// <summary>
            /// Replaces <paramref name="replaced"/> with <c>Parallel.{method}({sources}, options, async ({element}, ct) =&gt; body)</c>:
            /// as is (<paramref name="mode"/> null: the value replaces a Task), awaited (the host made async if needed),
            /// or waited for with <c>.GetAwaiter().GetResult()</c> in a synchronous host.
            /// </summary>
            private static Plan ForEachAsyncPlan(
                InvocationExpressionSyntax replaced,
                string method,
                string sources,
                string element,
                string bodyText,
                SyntaxNode? originalBody,
                TokenCandidate? token,
                SyntaxNode function,
                SemanticModel model,
                CancellationToken ct,
                HostMode? mode,
                bool returnsValue = false)
            {
                string ctName = UniqueName("ct", function, model, replaced.SpanStart);

                // Inside the body, the outer token becomes the loop's token (which ForEachAsync links to it).
                if (originalBody != null && token?.Symbol is IParameterSymbol or ILocalSymbol && token.Kind is TokenSourceKind.Parameter or TokenSourceKind.Local)
                {
                    var references = originalBody.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                        .Where(id => id.Identifier.ValueText == token.Symbol!.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(id, ct).Symbol, token.Symbol))
                        .ToList();
                    if (references.Count > 0)
                    {
                        bodyText = originalBody.ReplaceNodes(references, (o, _) => SyntaxFactory.IdentifierName(ctName).WithTriviaFrom(o)).ToFullString();
                        if (originalBody is ExpressionSyntax && bodyText.TrimStart().StartsWith("await", System.StringComparison.Ordinal) == false && !(originalBody.Parent is LambdaExpressionSyntax l && l.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword)))
                        {
                            bodyText = "await " + bodyText.Trim();
                        }
                    }
                }

                string options = token != null
                    ? $"new System.Threading.Tasks.ParallelOptions {{ MaxDegreeOfParallelism = {ConstantExpression(replaced, model, out _)}, CancellationToken = {token.Expression} }}"
                    : $"new System.Threading.Tasks.ParallelOptions {{ MaxDegreeOfParallelism = {ConstantExpression(replaced, model, out _)} }}";
                string call = $"System.Threading.Tasks.Parallel.{method}({sources}, {options}, async ({element}, {ctName}) => {bodyText.Trim()})";
                var newCall = Parse(mode switch
                {
                    null => call,
                    HostMode.Block => call + ".GetAwaiter().GetResult()",
                    _ => "await " + call,
                });
                var typeToExtend = ConstantTypeToAdd(replaced, model);

                return new Plan(root =>
                {
                    var annotatedCall = new SyntaxAnnotation();
                    var annotatedType = new SyntaxAnnotation();
                    var annotatedFunction = new SyntaxAnnotation();
                    var tracked = root.ReplaceNodes(
                        new SyntaxNode?[] { replaced, typeToExtend, function }.Where(n => n != null).Cast<SyntaxNode>(),
                        (original, rewritten) => rewritten.WithAdditionalAnnotations(original == replaced ? annotatedCall : original == function ? annotatedFunction : annotatedType));
                    var current = tracked.GetAnnotatedNodes(annotatedCall).Single();
                    tracked = tracked.ReplaceNode(current, newCall.WithTriviaFrom(current));
                    if (mode == HostMode.MakeAsync)
                    {
                        var host = tracked.GetAnnotatedNodes(annotatedFunction).Single();
                        tracked = tracked.ReplaceNode(host, MakeBlockAsync(host, returnsValue));
                    }
                    if (typeToExtend != null)
                    {
                        var type = (TypeDeclarationSyntax)tracked.GetAnnotatedNodes(annotatedType).Single();
                        var constant = Constant();
                        tracked = tracked.ReplaceNode(type, type.WithMembers(type.Members.Insert(0, constant)));
                    }

                    return tracked;
                });
            }

            // ------------------------------------------------------------------ helpers

            private static bool TrySelect(
                SyntaxNode node,
                SemanticModel model,
                KnownTypes types,
                CancellationToken ct,
                out InvocationExpressionSyntax selectSyntax,
                out IInvocationOperation select,
                out SyntaxNode selectorSyntax,
                out IOperation selectorOp)
            {
                selectSyntax = null!;
                select = null!;
                selectorSyntax = null!;
                selectorOp = null!;
                if (node is not InvocationExpressionSyntax invocation
                    || model.GetOperation(invocation, ct) is not IInvocationOperation operation
                    || types.Enumerable == null
                    || !FanOut.IsEnumerableMethod(operation.TargetMethod, types, "Select")
                    || operation.Arguments.Length != 2
                    || invocation.ArgumentList.Arguments.Count != 1
                    || FanOut.Unwrap(operation.Arguments[1].Value) is not IDelegateCreationOperation creation)
                {
                    return false;
                }

                selectSyntax = invocation;
                select = operation;
                selectorSyntax = invocation.ArgumentList.Arguments[0].Expression;
                selectorOp = FanOut.Unwrap(creation.Target);
                return true;
            }

            private static SyntaxNode? EnclosingFunction(SyntaxNode node)
            {
                for (var current = node.Parent; current != null; current = current.Parent)
                {
                    switch (current)
                    {
                        case AnonymousFunctionExpressionSyntax:
                        case LocalFunctionStatementSyntax:
                        case BaseMethodDeclarationSyntax:
                        case AccessorDeclarationSyntax:
                            return current;
                        case MemberDeclarationSyntax:
                            return null;
                    }
                }

                return null;
            }

            private static IMethodSymbol? FunctionSymbol(SyntaxNode function, SemanticModel model, CancellationToken ct) =>
                function is AnonymousFunctionExpressionSyntax
                    ? model.GetSymbolInfo(function, ct).Symbol as IMethodSymbol
                    : model.GetDeclaredSymbol(function, ct) as IMethodSymbol;

            private static SyntaxNode? FunctionBody(SyntaxNode function) => function switch
            {
                AnonymousFunctionExpressionSyntax lambda => lambda.Body,
                LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody?.Expression,
                BaseMethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody?.Expression,
                AccessorDeclarationSyntax accessor => (SyntaxNode?)accessor.Body ?? accessor.ExpressionBody?.Expression,
                _ => null,
            };

            private static SyntaxNode WithBlockBody(SyntaxNode function, BlockSyntax block) => function switch
            {
                ParenthesizedLambdaExpressionSyntax lambda => lambda.WithExpressionBody(null).WithBlock(block),
                SimpleLambdaExpressionSyntax lambda => lambda.WithExpressionBody(null).WithBlock(block),
                AnonymousMethodExpressionSyntax method => method.WithBlock(block),
                LocalFunctionStatementSyntax local => local.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block),
                BaseMethodDeclarationSyntax method => method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block),
                AccessorDeclarationSyntax accessor => accessor.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block),
                _ => function,
            };

            private static SyntaxNode AddAsync(SyntaxNode function)
            {
                var asyncToken = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
                switch (function)
                {
                    case AnonymousFunctionExpressionSyntax lambda:
                        return lambda.WithoutLeadingTrivia().WithAsyncKeyword(asyncToken).WithLeadingTrivia(lambda.GetLeadingTrivia());
                    case MethodDeclarationSyntax method:
                        return method.WithModifiers(method.Modifiers.Add(asyncToken));
                    case LocalFunctionStatementSyntax local:
                        return local.WithModifiers(local.Modifiers.Add(asyncToken));
                    default:
                        return function;
                }
            }

            private static string ParameterName(LambdaExpressionSyntax lambda) => lambda switch
            {
                SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.Text,
                ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters[0].Identifier.Text,
                _ => "item",
            };

            /// <summary>The limit to use: an existing int constant named MaxConcurrency in scope, else the one this fix adds to the type (null when it exists).</summary>
            private static string ConstantExpression(SyntaxNode site, SemanticModel model, out TypeDeclarationSyntax? typeToAdd)
            {
                typeToAdd = ConstantTypeToAdd(site, model);
                bool hasType = site.FirstAncestorOrSelf<TypeDeclarationSyntax>() != null;
                return hasType ? ConstantName : DefaultMaxConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            private static TypeDeclarationSyntax? ConstantTypeToAdd(SyntaxNode site, SemanticModel model)
            {
                var type = site.FirstAncestorOrSelf<TypeDeclarationSyntax>();
                if (type == null)
                {
                    return null;
                }

                bool exists = model.LookupSymbols(site.SpanStart, name: ConstantName).Any();
                return exists ? null : type;
            }

            /// <summary><paramref name="preferred"/>, or with a number appended, unused in scope and anywhere in the function.</summary>
            private static string UniqueName(string preferred, SyntaxNode function, SemanticModel model, int position)
            {
                var used = new HashSet<string>(function.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));
                for (int i = 1; ; i++)
                {
                    string name = i == 1 ? preferred : preferred + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (!used.Contains(name) && model.LookupSymbols(position, name: name).IsEmpty)
                    {
                        return name;
                    }
                }
            }

            private static ExpressionSyntax Parse(string text) => (ExpressionSyntax)Annotate(SyntaxFactory.ParseExpression(text));
        }
    }
}
