using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Bounded.Tests.Robustness
{
    /// <summary>How many fix applications one run may make (sampled deterministically beyond that).</summary>
    public sealed record FixBudget(int SingleFixes, int FixAlls, int Seed);

    /// <summary>What applying every offered fix to a solution exercised, and what went wrong.</summary>
    public sealed class FixReport
    {
        public FixReport(string name) => Name = name;

        public string Name { get; }

        public int Diagnostics { get; set; }

        public int FixableDiagnostics { get; set; }

        public int ActionsOffered { get; set; }

        public int SingleFixesApplied { get; set; }

        public int FixAllsApplied { get; set; }

        /// <summary>Lines naming what was applied (and what the budget left out).</summary>
        public List<string> Log { get; } = new();

        public List<string> Failures { get; } = new();

        public override string ToString() =>
            $"{Name}: {Diagnostics} diagnostics, {FixableDiagnostics} with a fix provider, {ActionsOffered} actions offered, "
            + $"{SingleFixesApplied} single fixes and {FixAllsApplied} Fix Alls applied, {Failures.Count} failures";
    }

    /// <summary>
    /// Applies every code action offered for every diagnostic of a solution, one at a time on the
    /// original solution, and Fix All in document scope for each (fix, equivalence key, document),
    /// then in project and solution scope once per (fix, equivalence key). Each result must compile
    /// with no compiler error the original did not have (in every changed project and every project
    /// that depends on it), and the diagnostic the fix was invoked on must no longer be reported at
    /// its place (its span mapped through the fix's text changes).
    /// </summary>
    public sealed class FixHarness
    {
        private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;
        private readonly ImmutableArray<CodeFixProvider> _fixes;
        private readonly FixBudget _budget;

        public FixHarness(ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<CodeFixProvider> fixes, FixBudget budget)
        {
            _analyzers = analyzers;
            _fixes = fixes;
            _budget = budget;
        }

        private sealed record Candidate(Diagnostic Diagnostic, DocumentId DocumentId, CodeFixProvider Provider, CodeAction Action)
        {
            public string Key => $"{Diagnostic.Id}/{Action.EquivalenceKey ?? Action.Title}";

            public string Where => $"{Diagnostic.Id} at {Diagnostic.Location.GetLineSpan().Path}:{Diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1}";
        }

        public async Task<FixReport> RunAsync(string name, Solution solution, CancellationToken cancellationToken)
        {
            var report = new FixReport(name);
            var errors = new OriginalErrors(solution);
            var diagnostics = new List<Diagnostic>();
            foreach (var project in solution.Projects)
            {
                var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
                var run = await AnalyzerRun.RunAsync(compilation, _analyzers, project.AnalyzerOptions, concurrent: true, cancellationToken).ConfigureAwait(false);
                report.Failures.AddRange(run.Exceptions.Select(e => $"{project.Name}: analyzer exception on the original code: {e}"));
                diagnostics.AddRange(run.Diagnostics);
            }

            report.Diagnostics = diagnostics.Count;
            var fixableIds = _fixes.SelectMany(f => f.FixableDiagnosticIds).ToImmutableHashSet(StringComparer.Ordinal);
            var fixable = diagnostics
                .Where(d => d.Location.IsInSource && fixableIds.Contains(d.Id))
                .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .ThenBy(d => d.Id, StringComparer.Ordinal)
                .ToList();
            report.FixableDiagnostics = fixable.Count;

            var candidates = new List<Candidate>();
            foreach (var diagnostic in fixable)
            {
                var document = solution.GetDocument(diagnostic.Location.SourceTree);
                if (document == null)
                {
                    report.Failures.Add($"{diagnostic.Id}: no document holds {diagnostic.Location}");
                    continue;
                }

                foreach (var provider in _fixes.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
                {
                    var offered = new List<CodeAction>();
                    try
                    {
                        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => offered.Add(a), cancellationToken)).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        report.Failures.Add($"{provider.GetType().Name} threw while registering fixes for {Describe(diagnostic)}: {ex}");
                        continue;
                    }

                    candidates.AddRange(offered.SelectMany(Flatten).Select(a => new Candidate(diagnostic, document.Id, provider, a)));
                }
            }

            report.ActionsOffered = candidates.Count;

            // One at a time, each on the original solution.
            var singles = Sample(candidates, _budget.SingleFixes, c => c.Key, _budget.Seed, "single fixes", report);
            foreach (var candidate in singles)
            {
                string what = $"'{candidate.Action.Title}' ({candidate.Provider.GetType().Name}) on {candidate.Where}";
                var problem = await ApplyAndCheckAsync(solution, candidate.Action, candidate.Diagnostic, candidate.DocumentId, errors, cancellationToken).ConfigureAwait(false);
                report.SingleFixesApplied++;
                report.Log.Add("fixed one: " + what);
                if (problem != null)
                {
                    report.Failures.Add($"{name}: {what}: {problem}");
                }
            }

            // Fix All: document scope per (provider, key, document); project and solution scope per (provider, key).
            var fixAlls = new List<(Candidate Candidate, FixAllScope Scope)>();
            foreach (var group in candidates.GroupBy(c => (c.Provider, c.Action.EquivalenceKey, c.DocumentId)))
            {
                fixAlls.Add((group.First(), FixAllScope.Document));
            }

            foreach (var group in candidates.GroupBy(c => (c.Provider, c.Action.EquivalenceKey)))
            {
                fixAlls.Add((group.First(), FixAllScope.Project));
                fixAlls.Add((group.First(), FixAllScope.Solution));
            }

            var diagnosticProvider = new HarnessDiagnosticProvider(_analyzers);
            foreach (var (candidate, scope) in Sample(fixAlls, _budget.FixAlls, f => $"{f.Scope}/{f.Candidate.Key}", _budget.Seed, "Fix Alls", report))
            {
                string what = $"Fix All in {scope} scope of '{candidate.Action.Title}' ({candidate.Provider.GetType().Name}) from {candidate.Where}";
                report.FixAllsApplied++;
                report.Log.Add(what);
                var fixAll = candidate.Provider.GetFixAllProvider();
                if (fixAll == null || !fixAll.GetSupportedFixAllScopes().Contains(scope))
                {
                    report.Failures.Add($"{name}: {what}: the provider does not support Fix All in {scope} scope");
                    continue;
                }

                CodeAction? action;
                try
                {
                    var document = solution.GetDocument(candidate.DocumentId)!;
                    var context = scope == FixAllScope.Document
                        ? new FixAllContext(document, candidate.Provider, scope, candidate.Action.EquivalenceKey, candidate.Provider.FixableDiagnosticIds, diagnosticProvider, cancellationToken)
                        : new FixAllContext(document.Project, candidate.Provider, scope, candidate.Action.EquivalenceKey, candidate.Provider.FixableDiagnosticIds, diagnosticProvider, cancellationToken);
                    action = await fixAll.GetFixAsync(context).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    report.Failures.Add($"{name}: {what}: threw {ex}");
                    continue;
                }

                if (action == null)
                {
                    report.Failures.Add($"{name}: {what}: produced no action");
                    continue;
                }

                var problem = await ApplyAndCheckAsync(solution, action, candidate.Diagnostic, candidate.DocumentId, errors, cancellationToken).ConfigureAwait(false);
                if (problem != null)
                {
                    report.Failures.Add($"{name}: {what}: {problem}");
                }
            }

            return report;
        }

        /// <summary>Applies <paramref name="action"/>; returns what is wrong with the result, or null.</summary>
        private async Task<string?> ApplyAndCheckAsync(
            Solution solution,
            CodeAction action,
            Diagnostic target,
            DocumentId documentId,
            OriginalErrors originalErrors,
            CancellationToken cancellationToken)
        {
            Solution changed;
            try
            {
                var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
                var apply = operations.OfType<ApplyChangesOperation>().SingleOrDefault();
                if (apply == null)
                {
                    return "the action has no ApplyChangesOperation";
                }

                changed = apply.ChangedSolution;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return "computing the fix threw " + ex;
            }

            // Compiles with no new error: every changed or added project and everything depending on it.
            var changes = changed.GetChanges(solution);
            var touched = changes.GetProjectChanges().Select(p => p.ProjectId).Concat(changes.GetAddedProjects().Select(p => p.Id)).ToHashSet();
            var graph = changed.GetProjectDependencyGraph();
            foreach (var id in touched.ToList())
            {
                touched.UnionWith(graph.GetProjectsThatTransitivelyDependOnThisProject(id));
            }

            foreach (var id in touched.OrderBy(i => changed.GetProject(i)!.Name, StringComparer.Ordinal))
            {
                var project = changed.GetProject(id)!;
                var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
                var diagnostics = compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                var before = await originalErrors.ForAsync(id, cancellationToken).ConfigureAwait(false);
                var introduced = diagnostics.Where(d => !before.Remove(ErrorKey(d))).ToList();
                if (introduced.Count > 0)
                {
                    return $"the result does not compile in {project.Name}:{Environment.NewLine}"
                        + string.Join(Environment.NewLine, introduced.Select(d => "  " + d.ToString()))
                        + Environment.NewLine + await ChangedTextAsync(solution, changed, cancellationToken).ConfigureAwait(false);
                }
            }

            // The diagnostic is gone from its (mapped) place.
            var oldDocument = solution.GetDocument(documentId)!;
            var newDocument = changed.GetDocument(documentId);
            if (newDocument == null)
            {
                return null; // its document was removed
            }

            var textChanges = (await newDocument.GetTextChangesAsync(oldDocument, cancellationToken).ConfigureAwait(false)).OrderBy(c => c.Span.Start).ToList();
            var mapped = Map(target.Location.SourceSpan, textChanges);
            var after = await DocumentDiagnosticsAsync(newDocument, target, cancellationToken).ConfigureAwait(false);
            if (after.Exceptions.Length > 0)
            {
                return "analyzer exception on the fixed code: " + string.Join(Environment.NewLine, after.Exceptions);
            }

            string message = target.GetMessage(CultureInfo.InvariantCulture);
            var remaining = after.Diagnostics.FirstOrDefault(d =>
                d.Id == target.Id
                && d.Location.IsInSource
                && d.Location.SourceTree!.FilePath == newDocument.FilePath
                && (d.Location.SourceSpan == mapped
                    || (d.Location.SourceSpan.OverlapsWith(mapped) && d.GetMessage(CultureInfo.InvariantCulture) == message)));
            return remaining == null
                ? null
                : $"the diagnostic is still reported after the fix: {Describe(remaining)}{Environment.NewLine}{await ChangedTextAsync(solution, changed, cancellationToken).ConfigureAwait(false)}";
        }

        private async Task<AnalyzerRunResult> DocumentDiagnosticsAsync(Document document, Diagnostic target, CancellationToken cancellationToken)
        {
            var compilation = (await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
            bool compilationEnd = _analyzers.SelectMany(a => a.SupportedDiagnostics).Any(d => d.Id == target.Id && d.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd));
            if (compilationEnd)
            {
                return await AnalyzerRun.RunAsync(compilation, _analyzers, document.Project.AnalyzerOptions, concurrent: true, cancellationToken).ConfigureAwait(false);
            }

            // Only the fixed document: syntax and semantic actions for its tree.
            var exceptions = new List<string>();
            var withAnalyzers = AnalyzerRun.EnableEveryDescriptor(compilation, _analyzers).WithAnalyzers(
                _analyzers,
                new CompilationWithAnalyzersOptions(
                    document.Project.AnalyzerOptions,
                    onAnalyzerException: (ex, a, _) =>
                    {
                        lock (exceptions)
                        {
                            exceptions.Add($"{a.GetType().FullName} threw {ex}");
                        }
                    },
                    concurrentAnalysis: true,
                    logAnalyzerExecutionTime: false,
                    reportSuppressedDiagnostics: false));
            var tree = (await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false))!;
            var model = withAnalyzers.Compilation.GetSemanticModel(withAnalyzers.Compilation.SyntaxTrees.Single(t => t.FilePath == tree.FilePath));
            var found = (await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(model.SyntaxTree, cancellationToken).ConfigureAwait(false))
                .AddRange(await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, cancellationToken).ConfigureAwait(false));
            exceptions.AddRange(found.Where(AnalyzerRun.IsAnalyzerFailure).Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
            return new AnalyzerRunResult(found.Where(d => !AnalyzerRun.IsAnalyzerFailure(d)).ToImmutableArray(), exceptions.ToImmutableArray(), ImmutableDictionary<string, TimeSpan>.Empty, TimeSpan.Zero);
        }

        /// <summary>A span of the old text mapped into the new text through non-overlapping changes sorted by start.</summary>
        public static TextSpan Map(TextSpan span, IReadOnlyList<TextChange> changes) =>
            TextSpan.FromBounds(MapPosition(span.Start, changes, isEnd: false), Math.Max(MapPosition(span.Start, changes, isEnd: false), MapPosition(span.End, changes, isEnd: true)));

        private static int MapPosition(int position, IReadOnlyList<TextChange> changes, bool isEnd)
        {
            int delta = 0;
            foreach (var change in changes)
            {
                int newLength = change.NewText?.Length ?? 0;
                if (change.Span.End < position || (change.Span.End == position && (change.Span.Length > 0 || !isEnd)))
                {
                    delta += newLength - change.Span.Length;
                }
                else if (change.Span.Start < position)
                {
                    return change.Span.Start + delta + (isEnd ? newLength : 0); // inside a replaced region
                }
                else
                {
                    break;
                }
            }

            return position + delta;
        }

        /// <summary>
        /// At most <paramref name="budget"/> items, taken round-robin over their kinds (so each kind of fix
        /// is exercised before any kind twice), in an order shuffled by <paramref name="seed"/>.
        /// </summary>
        public static List<T> Sample<T>(IReadOnlyList<T> items, int budget, Func<T, string> kind, int seed, string what, FixReport report)
        {
            if (items.Count <= budget)
            {
                return items.ToList();
            }

            var random = new Random(seed);
            var queues = items.GroupBy(kind).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new Queue<T>(g.OrderBy(_ => random.Next()))).ToList();
            var chosen = new List<T>();
            while (chosen.Count < budget && queues.Any(q => q.Count > 0))
            {
                foreach (var queue in queues.Where(q => q.Count > 0))
                {
                    if (chosen.Count == budget)
                    {
                        break;
                    }

                    chosen.Add(queue.Dequeue());
                }
            }

            report.Log.Add($"sampled {chosen.Count} of {items.Count} {what} (seed {seed}; every kind of action at least once while the budget allows)");
            return chosen;
        }

        private static IEnumerable<CodeAction> Flatten(CodeAction action) =>
            action.NestedActions.IsDefaultOrEmpty ? new[] { action } : action.NestedActions.SelectMany(Flatten);

        private static List<string> ErrorKeys(IEnumerable<Diagnostic> diagnostics) =>
            diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(ErrorKey).ToList();

        private static string ErrorKey(Diagnostic d) => d.Id + ": " + d.GetMessage(CultureInfo.InvariantCulture);

        private static string Describe(Diagnostic d) =>
            $"{d.Id} at {d.Location.GetLineSpan().Path}:{d.Location.GetLineSpan().StartLinePosition.Line + 1} '{d.GetMessage(CultureInfo.InvariantCulture)}'";

        private static async Task<string> ChangedTextAsync(Solution before, Solution after, CancellationToken cancellationToken)
        {
            var text = new System.Text.StringBuilder("The changed documents:");
            var changes = after.GetChanges(before);
            foreach (var project in changes.GetProjectChanges())
            {
                foreach (var id in project.GetChangedDocuments(onlyGetDocumentsWithTextChanges: true).Concat(project.GetAddedDocuments()))
                {
                    var document = after.GetDocument(id)!;
                    text.AppendLine().AppendLine($"--- {document.FilePath ?? document.Name}")
                        .Append((await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString());
                }
            }

            return text.ToString();
        }

        /// <summary>The compiler errors of each project of the original solution, computed once and only when a fix is checked.</summary>
        private sealed class OriginalErrors(Solution solution)
        {
            private readonly Dictionary<ProjectId, List<string>> _byProject = new();

            /// <summary>A copy of the project's original error keys (empty for a project the fix added).</summary>
            public async Task<List<string>> ForAsync(ProjectId id, CancellationToken cancellationToken)
            {
                if (!_byProject.TryGetValue(id, out var errors))
                {
                    var project = solution.GetProject(id);
                    errors = project == null
                        ? new List<string>()
                        : ErrorKeys((await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!.GetDiagnostics(cancellationToken));
                    _byProject[id] = errors;
                }

                return new List<string>(errors);
            }
        }

        /// <summary>What Fix All asks for: the analyzers' diagnostics of a document or project.</summary>
        private sealed class HarnessDiagnosticProvider : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;

            public HarnessDiagnosticProvider(ImmutableArray<DiagnosticAnalyzer> analyzers) => _analyzers = analyzers;

            public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            {
                var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
                return (await AnalyzerRun.RunAsync(compilation, _analyzers, project.AnalyzerOptions, concurrent: true, cancellationToken).ConfigureAwait(false)).Diagnostics;
            }

            public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            {
                var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
                return (await GetAllDiagnosticsAsync(document.Project, cancellationToken).ConfigureAwait(false))
                    .Where(d => d.Location.IsInSource && d.Location.SourceTree!.FilePath == tree!.FilePath);
            }

            public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                (await GetAllDiagnosticsAsync(project, cancellationToken).ConfigureAwait(false)).Where(d => !d.Location.IsInSource);
        }
    }
}
