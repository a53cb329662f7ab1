using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Bounded.CodeFixes.Async
{
    /// <summary>
    /// Fix All for the Async family: the diagnostics' nodes are annotated first, then each is fixed in turn on the
    /// solution the previous fixes produced, with the action of the same equivalence key. Needed because one fix
    /// ("Make 'M' async") edits several documents and projects, and nested sites (a blocking call inside another)
    /// must compose; a site an earlier fix already changed (e.g. its method became async) is fixed if it still
    /// offers the same kind of action, else left for the next round.
    /// </summary>
    internal sealed class SequentialFixAllProvider : FixAllProvider
    {
        public static readonly SequentialFixAllProvider Instance = new();

        private const string AnnotationKind = "Bounded.Async.FixAllSite";

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var diagnostics = new List<Diagnostic>();
            switch (fixAllContext.Scope)
            {
                case FixAllScope.Document when fixAllContext.Document != null:
                    diagnostics.AddRange(await fixAllContext.GetDocumentDiagnosticsAsync(fixAllContext.Document).ConfigureAwait(false));
                    break;
                case FixAllScope.Project:
                    diagnostics.AddRange(await fixAllContext.GetAllDiagnosticsAsync(fixAllContext.Project).ConfigureAwait(false));
                    break;
                case FixAllScope.Solution:
                    foreach (var project in fixAllContext.Solution.Projects)
                    {
                        diagnostics.AddRange(await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                    }

                    break;
            }

            diagnostics.RemoveAll(d => !d.Location.IsInSource);
            if (diagnostics.Count == 0 || fixAllContext.CodeActionEquivalenceKey == null)
            {
                return null;
            }

            var provider = fixAllContext.CodeFixProvider;
            string key = fixAllContext.CodeActionEquivalenceKey;
            var solution = fixAllContext.Solution;
            return CodeAction.Create(
                "Fix all",
                ct => FixSequentiallyAsync(solution, diagnostics, provider, key, ct),
                key);
        }

        private static async Task<Solution> FixSequentiallyAsync(Solution solution, List<Diagnostic> diagnostics, CodeFixProvider provider, string key, CancellationToken cancellationToken)
        {
            var sites = new List<(DocumentId Document, SyntaxAnnotation Annotation, Diagnostic Diagnostic)>();
            foreach (var group in diagnostics.GroupBy(d => d.Location.SourceTree))
            {
                var document = solution.GetDocument(group.Key);
                if (document == null)
                {
                    continue;
                }

                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (root == null)
                {
                    continue;
                }

                var byNode = new Dictionary<SyntaxNode, SyntaxAnnotation>();
                foreach (var diagnostic in group.OrderBy(d => d.Location.SourceSpan.Start))
                {
                    var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                    if (byNode.ContainsKey(node))
                    {
                        continue;
                    }

                    var annotation = new SyntaxAnnotation(AnnotationKind);
                    byNode[node] = annotation;
                    sites.Add((document.Id, annotation, diagnostic));
                }

                root = root.ReplaceNodes(byNode.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(byNode[original]));
                solution = solution.WithDocumentSyntaxRoot(document.Id, root);
            }

            foreach (var (documentId, annotation, original) in sites)
            {
                var document = solution.GetDocument(documentId);
                var root = document == null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var node = root?.GetAnnotatedNodes(annotation).FirstOrDefault();
                if (document == null || node == null)
                {
                    continue;
                }

                var diagnostic = Diagnostic.Create(original.Descriptor, node.GetLocation(), original.Properties, original.Properties.Values.ToArray<object?>());
                CodeAction? selected = null;
                var context = new CodeFixContext(
                    document,
                    diagnostic,
                    (action, _) =>
                    {
                        if (selected == null && action.EquivalenceKey == key)
                        {
                            selected = action;
                        }
                    },
                    cancellationToken);
                await provider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
                if (selected == null)
                {
                    continue;
                }

                var operations = await selected.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
                var apply = operations.OfType<ApplyChangesOperation>().FirstOrDefault();
                if (apply != null)
                {
                    solution = apply.ChangedSolution;
                }
            }

            return solution;
        }
    }
}
