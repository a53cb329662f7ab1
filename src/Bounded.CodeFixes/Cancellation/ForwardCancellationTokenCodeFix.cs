using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bounded.Analyzers;
using Bounded.Analyzers.Cancellation;
using Bounded.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bounded.CodeFixes.Cancellation
{
    /// <summary>
    /// BND3001 fixes: add the token argument (positional when it lands last with nothing skipped, named otherwise),
    /// replace an explicit <c>None</c>/<c>default</c>, or wrap an <c>await foreach</c> source in
    /// <c>.WithCancellation(token)</c> inside any <c>.ConfigureAwait(...)</c>. One equivalence key per kind; Fix All
    /// applies every edit of a document in one pass, so nested calls are fixed together.
    /// </summary>
    [ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(ForwardCancellationTokenCodeFix)), Shared]
    public sealed class ForwardCancellationTokenCodeFix : CodeFixProvider
    {
        public const string KeyPrefix = "BND3001.";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Rules.ForwardCancellationToken.Id);

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
            (context, document, diagnostics) => FixDocumentAsync(
                document,
                diagnostics.Where(d => KeyPrefix + Kind(d) == context.CodeActionEquivalenceKey).ToImmutableArray(),
                context.CancellationToken));

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                string kind = Kind(diagnostic);
                diagnostic.Properties.TryGetValue(ForwardCancellationTokenAnalyzer.TokenProperty, out var token);
                if (token == null)
                {
                    continue;
                }

                string title = kind switch
                {
                    ForwardingSite.KindReplace => $"Pass '{token}' instead",
                    ForwardingSite.KindWithCancellation => $"Add '.WithCancellation({token})'",
                    _ => $"Forward '{token}'",
                };
                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(title, c => FixDocumentAsync(document, ImmutableArray.Create(diagnostic), c)!, KeyPrefix + kind),
                    diagnostic);
            }

            return Task.CompletedTask;
        }

        private static string Kind(Diagnostic diagnostic) =>
            diagnostic.Properties.TryGetValue(ForwardCancellationTokenAnalyzer.KindProperty, out var kind) && kind != null ? kind : ForwardingSite.KindAdd;

        private static async Task<Document?> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return document;
            }

            var types = KnownTypes.For(model.Compilation);
            var edits = new List<TokenEdit>();
            foreach (var diagnostic in diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(ForwardCancellationTokenAnalyzer.TokenProperty, out var token) || token == null)
                {
                    continue;
                }

                var span = diagnostic.Location.SourceSpan;
                var node = root.FindNode(span, getInnermostNodeForTie: true);
                var operationNode = Kind(diagnostic) switch
                {
                    ForwardingSite.KindReplace => node.AncestorsAndSelf().OfType<ArgumentSyntax>().FirstOrDefault(a => a.Span == span)?.Parent?.Parent,
                    ForwardingSite.KindWithCancellation => node.AncestorsAndSelf().OfType<CommonForEachStatementSyntax>().FirstOrDefault(),
                    _ => node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault(i => i.Span == span),
                };
                if (operationNode == null || model.GetOperation(operationNode, cancellationToken) is not { } operation)
                {
                    continue;
                }

                var site = ForwardingSite.Classify(operation, types);
                if (site == null || site.Kind != Kind(diagnostic) || site.Node.Span != span)
                {
                    continue;
                }

                var edit = TokenEdit.Create(site, token, model, types, cancellationToken);
                if (edit != null)
                {
                    edits.Add(edit);
                }
            }

            return edits.Count == 0 ? document : document.WithSyntaxRoot(TokenEdits.Apply(root, edits));
        }
    }
}
