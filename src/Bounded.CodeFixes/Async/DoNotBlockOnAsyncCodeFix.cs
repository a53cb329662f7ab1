using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bounded.Analyzers;
using Bounded.Analyzers.Async;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bounded.CodeFixes.Async
{
    /// <summary>
    /// BND4001 fixes. In async code: await the task (<c>t.Result</c> -&gt; <c>(await t)</c>, <c>t.Wait();</c> -&gt; <c>await t;</c>,
    /// <c>WaitAll</c>/<c>WaitAny</c> -&gt; <c>await WhenAll</c>/<c>WhenAny</c>). In a sync method: "Make 'M' async", which converts
    /// the method and every caller in the solution (see <see cref="MakeAsyncChain"/>), and the same with the <c>Async</c> suffix.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DoNotBlockOnAsyncCodeFix))]
    [Shared]
    public sealed class DoNotBlockOnAsyncCodeFix : CodeFixProvider
    {
        public const string AwaitKey = "BND4001.Await";
        public const string MakeAsyncKey = "BND4001.MakeAsync";
        public const string MakeAsyncRenameKey = "BND4001.MakeAsyncRename";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Rules.DoNotBlockOnAsyncCode.Id);

        public override FixAllProvider GetFixAllProvider() => SequentialFixAllProvider.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var diagnostic = context.Diagnostics[0];
            if (!diagnostic.Properties.TryGetValue(DoNotBlockOnAsyncCodeAnalyzer.KindProperty, out var kindText)
                || !Enum.TryParse<BlockingKind>(kindText, out var kind))
            {
                return;
            }

            var document = context.Document;
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax site)
            {
                return;
            }

            var operation = model.GetOperation(site, context.CancellationToken);
            if (operation == null || AsyncContext.IsInsideLock(operation) || AsyncContext.IsInExpressionTree(operation))
            {
                return;
            }

            var replacement = AwaitSyntax.AwaitBlockingSite(site, kind, model);
            if (replacement == null)
            {
                return;
            }

            var containing = model.GetEnclosingSymbol(site.SpanStart, context.CancellationToken);
            var function = AsyncContext.EnclosingFunction(operation, containing);
            if (function is { IsAsync: true })
            {
                if (!CanAwaitHere(site))
                {
                    return;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Await the task",
                        _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(site, replacement))),
                        AwaitKey),
                    diagnostic);
                return;
            }

            if (function is not { MethodKind: MethodKind.Ordinary } method || !CanAwaitHere(site))
            {
                return;
            }

            var plan = await MakeAsyncChain.PlanAsync(document.Project.Solution, method, context.CancellationToken).ConfigureAwait(false);
            if (plan == null)
            {
                return;
            }

            var siteLocation = (document.Id, site.Span);
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Make '{method.Name}' async",
                    ct => plan.ApplyAsync(siteLocation.Id, siteLocation.Span, kind, rename: false, ct),
                    MakeAsyncKey),
                diagnostic);
            if (plan.CanRename)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Make '{method.Name}' async and rename it '{method.Name}Async'",
                        ct => plan.ApplyAsync(siteLocation.Id, siteLocation.Span, kind, rename: true, ct),
                        MakeAsyncRenameKey),
                    diagnostic);
            }
        }

        /// <summary>await is not allowed in a catch filter, a query clause (but the first source), or unsafe code; do not offer it there.</summary>
        internal static bool CanAwaitHere(SyntaxNode node)
        {
            foreach (var ancestor in node.Ancestors())
            {
                switch (ancestor)
                {
                    case CatchFilterClauseSyntax:
                    case QueryBodySyntax:
                    case UnsafeStatementSyntax:
                    case LockStatementSyntax:
                        return false;
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax:
                    case BaseMethodDeclarationSyntax:
                        return true;
                }
            }

            return true;
        }
    }
}
