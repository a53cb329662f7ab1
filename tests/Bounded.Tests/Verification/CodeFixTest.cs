using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Bounded.Tests.Verification
{
    /// <summary>
    /// Verifies diagnostics as <see cref="AnalyzerTest"/> does, then check 5: fixes applied one by one
    /// converge on <see cref="FixedState"/>, and Fix All in document, project and solution scope each
    /// give the same result; a fix that changes nothing or introduces a compiler error fails the test.
    /// </summary>
    public class CodeFixTest : AnalyzerTest
    {
        public List<CodeFixProvider> CodeFixes { get; } = new();

        /// <summary>
        /// The expected solution after fixing. A document not listed here is expected unchanged; a
        /// document listed here that the test state lacks is one the fix must create. Markup here
        /// declares the diagnostics expected to remain.
        /// </summary>
        public SolutionState FixedState { get; } = new();

        public string FixedCode
        {
            set => FixedState.MainProject.Sources.Insert(0, ("Test0.cs", value));
        }

        /// <summary>Diagnostics expected to remain after fixing, besides those the fixed markup declares.</summary>
        public List<DiagnosticResult> FixedExpectedDiagnostics { get; } = new();

        /// <summary>Which offered action to apply: by equivalence key, by index, or else the first.</summary>
        public string? CodeActionEquivalenceKey { get; set; }

        public int? CodeActionIndex { get; set; }

        /// <summary>Upper bound on fix applications before the test calls it non-converging (default: from the diagnostic count).</summary>
        public int? MaxIterations { get; set; }

        public override async Task RunAsync(CancellationToken cancellationToken = default)
        {
            await base.RunAsync(cancellationToken).ConfigureAwait(false);
            if (CodeFixes.Count == 0)
            {
                throw new InvalidOperationException("The test names no code fix.");
            }

            if (FixedState.IsEmpty)
            {
                throw new InvalidOperationException("A code fix test needs FixedCode or FixedState (use the analyzer verifier to assert no fix is offered).");
            }

            var runner = CreateRunner();
            var initial = CreateSolution(TestState);
            var fixedSolution = CreateSolution(FixedState);
            var expectedTexts = ExpectedTexts(initial, fixedSolution);
            var expectedRemaining = AnalyzerExpectations(ExpectedFrom(fixedSolution, runner, FixedExpectedDiagnostics), runner);
            var start = await runner.AnalyzeAsync(initial.Solution, cancellationToken).ConfigureAwait(false);
            var initialErrors = start.CompilerErrors;
            int budget = MaxIterations ?? (2 * start.AnalyzerDiagnostics.Length) + 4;

            var oneByOne = await FixOneByOneAsync(runner, initial.Solution, initialErrors, budget, cancellationToken).ConfigureAwait(false);
            await AssertFinalStateAsync("Fixes applied one by one", runner, oneByOne, expectedTexts, expectedRemaining, cancellationToken).ConfigureAwait(false);

            foreach (var scope in new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution })
            {
                var all = await FixAllAsync(runner, initial.Solution, scope, initialErrors, budget, cancellationToken).ConfigureAwait(false);
                await AssertFinalStateAsync($"Fix All in {scope} scope", runner, all, expectedTexts, expectedRemaining, cancellationToken).ConfigureAwait(false);
            }
        }

        private ImmutableHashSet<string> FixableIds =>
            CodeFixes.SelectMany(f => f.FixableDiagnosticIds).ToImmutableHashSet(StringComparer.Ordinal);

        private async Task<List<Diagnostic>> FixableDiagnosticsAsync(DiagnosticRunner runner, Solution solution, CancellationToken cancellationToken)
        {
            var result = await runner.AnalyzeAsync(solution, cancellationToken).ConfigureAwait(false);
            AssertNoAnalyzerExceptions(result, "analyzing a fixed solution");
            return Sorted(result.AnalyzerDiagnostics.Where(d => FixableIds.Contains(d.Id) && d.Location.IsInSource));
        }

        private static List<Diagnostic> Sorted(IEnumerable<Diagnostic> diagnostics) =>
            diagnostics.OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ToList();

        /// <summary>The action the test selects for a diagnostic, with the provider that offered it; null when none is offered.</summary>
        private async Task<(CodeAction Action, CodeFixProvider Provider)?> SelectActionAsync(Solution solution, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var document = solution.GetDocument(diagnostic.Location.SourceTree)
                ?? throw new VerificationException($"No document holds the diagnostic {DiagnosticComparer.Format(diagnostic)}.");
            var offered = new List<(CodeAction, CodeFixProvider)>();
            foreach (var provider in CodeFixes.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var context = new CodeFixContext(document, diagnostic, (action, _) => offered.Add((action, provider)), cancellationToken);
                await provider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
            }

            var candidates = CodeActionEquivalenceKey == null
                ? offered
                : offered.Where(o => o.Item1.EquivalenceKey == CodeActionEquivalenceKey).ToList();
            int index = CodeActionIndex ?? 0;
            return index < candidates.Count ? candidates[index] : null;
        }

        private async Task<Solution> FixOneByOneAsync(DiagnosticRunner runner, Solution solution, ImmutableArray<Diagnostic> initialErrors, int budget, CancellationToken cancellationToken)
        {
            for (int step = 0; ; step++)
            {
                (CodeAction Action, CodeFixProvider Provider)? selected = null;
                foreach (var diagnostic in await FixableDiagnosticsAsync(runner, solution, cancellationToken).ConfigureAwait(false))
                {
                    selected = await SelectActionAsync(solution, diagnostic, cancellationToken).ConfigureAwait(false);
                    if (selected != null)
                    {
                        break;
                    }
                }

                if (selected == null)
                {
                    return solution;
                }

                if (step >= budget)
                {
                    throw new VerificationException($"Fixes applied one by one did not converge within {budget} applications.");
                }

                solution = await ApplyAsync(runner, solution, selected.Value.Action, $"applying '{selected.Value.Action.Title}'", initialErrors, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<Solution> FixAllAsync(DiagnosticRunner runner, Solution solution, FixAllScope scope, ImmutableArray<Diagnostic> initialErrors, int budget, CancellationToken cancellationToken)
        {
            for (int step = 0; ; step++)
            {
                Diagnostic? first = null;
                (CodeAction Action, CodeFixProvider Provider)? selected = null;
                foreach (var diagnostic in await FixableDiagnosticsAsync(runner, solution, cancellationToken).ConfigureAwait(false))
                {
                    selected = await SelectActionAsync(solution, diagnostic, cancellationToken).ConfigureAwait(false);
                    if (selected != null)
                    {
                        first = diagnostic;
                        break;
                    }
                }

                if (selected == null || first == null)
                {
                    return solution;
                }

                if (step >= budget)
                {
                    throw new VerificationException($"Fix All in {scope} scope did not converge within {budget} applications.");
                }

                var (action, provider) = selected.Value;
                var fixAll = provider.GetFixAllProvider()
                    ?? throw new VerificationException($"{provider.GetType().Name} offers no Fix All provider; every Bounded fix must support Fix All.");
                if (!fixAll.GetSupportedFixAllScopes().Contains(scope))
                {
                    throw new VerificationException($"{provider.GetType().Name}'s Fix All does not support {scope} scope.");
                }

                var document = solution.GetDocument(first.Location.SourceTree)!;
                var diagnosticProvider = new TestDiagnosticProvider(runner, FixableIds);
                var context = scope == FixAllScope.Document
                    ? new FixAllContext(document, provider, scope, action.EquivalenceKey, provider.FixableDiagnosticIds, diagnosticProvider, cancellationToken)
                    : new FixAllContext(document.Project, provider, scope, action.EquivalenceKey, provider.FixableDiagnosticIds, diagnosticProvider, cancellationToken);
                var fixAllAction = await fixAll.GetFixAsync(context).ConfigureAwait(false)
                    ?? throw new VerificationException($"Fix All in {scope} scope produced no action for '{action.Title}'.");
                solution = await ApplyAsync(runner, solution, fixAllAction, $"Fix All in {scope} scope of '{action.Title}'", initialErrors, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Applies an action; fails when it changes nothing or brings a compiler error the sources did not have.</summary>
        private static async Task<Solution> ApplyAsync(DiagnosticRunner runner, Solution solution, CodeAction action, string what, ImmutableArray<Diagnostic> initialErrors, CancellationToken cancellationToken)
        {
            var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
            var apply = operations.OfType<ApplyChangesOperation>().SingleOrDefault()
                ?? throw new VerificationException($"{what}: the action has no ApplyChangesOperation.");
            var changed = apply.ChangedSolution;
            if (!await HasChangesAsync(solution, changed, cancellationToken).ConfigureAwait(false))
            {
                throw new VerificationException($"{what}: the fix changed nothing.");
            }

            var result = await runner.AnalyzeAsync(changed, cancellationToken).ConfigureAwait(false);
            var before = initialErrors.Select(ErrorKey).ToList();
            var introduced = new List<Diagnostic>();
            foreach (var error in result.CompilerErrors)
            {
                if (!before.Remove(ErrorKey(error)))
                {
                    introduced.Add(error);
                }
            }

            if (introduced.Count > 0)
            {
                throw new VerificationException(
                    $"{what} introduced compiler error(s):{Environment.NewLine}{DiagnosticComparer.FormatAll(introduced)}"
                    + $"{Environment.NewLine}The fixed solution:{Environment.NewLine}{await DumpAsync(changed, cancellationToken).ConfigureAwait(false)}");
            }

            return changed;
        }

        private static string ErrorKey(Diagnostic d) => d.Id + ": " + d.GetMessage(CultureInfo.InvariantCulture);

        private static async Task<bool> HasChangesAsync(Solution before, Solution after, CancellationToken cancellationToken)
        {
            var changes = after.GetChanges(before);
            if (changes.GetAddedProjects().Any() || changes.GetRemovedProjects().Any())
            {
                return true;
            }

            foreach (var project in changes.GetProjectChanges())
            {
                if (project.GetAddedDocuments().Any() || project.GetRemovedDocuments().Any())
                {
                    return true;
                }

                foreach (var id in project.GetChangedDocuments(onlyGetDocumentsWithTextChanges: true))
                {
                    var a = await before.GetDocument(id)!.GetTextAsync(cancellationToken).ConfigureAwait(false);
                    var b = await after.GetDocument(id)!.GetTextAsync(cancellationToken).ConfigureAwait(false);
                    if (!a.ContentEquals(b))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Expected document texts by path: the fixed state's, else the original's.</summary>
        private static Dictionary<string, string> ExpectedTexts(TestSolution initial, TestSolution fixedState)
        {
            var texts = initial.MarkupByPath.ToDictionary(p => p.Key, p => p.Value.Text, StringComparer.Ordinal);
            foreach (var (path, markup) in fixedState.MarkupByPath)
            {
                texts[path] = markup.Text;
            }

            return texts;
        }

        private static async Task AssertFinalStateAsync(
            string what,
            DiagnosticRunner runner,
            Solution solution,
            Dictionary<string, string> expectedTexts,
            List<DiagnosticResult> expectedRemaining,
            CancellationToken cancellationToken)
        {
            var actualTexts = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var project in solution.Projects)
            {
                foreach (var document in project.Documents)
                {
                    string path = document.FilePath ?? TestSolution.PathOf(project.Name, document.Name);
                    if (document.FilePath == null || !expectedTexts.ContainsKey(path))
                    {
                        path = TestSolution.PathOf(project.Name, document.Name);
                    }

                    actualTexts[path] = (await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
                }
            }

            foreach (var path in expectedTexts.Keys.Union(actualTexts.Keys).OrderBy(p => p, StringComparer.Ordinal))
            {
                bool hasExpected = expectedTexts.TryGetValue(path, out var expected);
                bool hasActual = actualTexts.TryGetValue(path, out var actual);
                if (!hasExpected)
                {
                    throw new VerificationException($"{what}: the fix created {path}, which the fixed state does not list:{Environment.NewLine}{actual}");
                }

                if (!hasActual)
                {
                    throw new VerificationException($"{what}: expected a document {path} that the fix did not create (or removed).");
                }

                if (Normalize(expected!) != Normalize(actual!))
                {
                    throw new VerificationException($"{what}: {path} differs from the fixed state.{Environment.NewLine}{TextDiff.Describe(Normalize(expected!), Normalize(actual!))}");
                }
            }

            var result = await runner.AnalyzeAsync(solution, cancellationToken).ConfigureAwait(false);
            AssertNoAnalyzerExceptions(result, what);
            DiagnosticComparer.AssertMatch($"{what}: diagnostics remaining", expectedRemaining, result.AnalyzerDiagnostics, runner.Descriptors);
        }

        private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

        private static async Task<string> DumpAsync(Solution solution, CancellationToken cancellationToken)
        {
            var builder = new StringBuilder();
            foreach (var document in solution.Projects.SelectMany(p => p.Documents))
            {
                builder.AppendLine($"--- {document.FilePath ?? document.Name}");
                builder.AppendLine((await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString());
            }

            return builder.ToString();
        }

        /// <summary>Gives Fix All the diagnostics of the current solution, computed as the test computes them.</summary>
        private sealed class TestDiagnosticProvider : FixAllContext.DiagnosticProvider
        {
            private readonly DiagnosticRunner _runner;
            private readonly ImmutableHashSet<string> _ids;

            public TestDiagnosticProvider(DiagnosticRunner runner, ImmutableHashSet<string> ids)
            {
                _runner = runner;
                _ids = ids;
            }

            public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                (await _runner.AnalyzeProjectAsync(project, cancellationToken).ConfigureAwait(false)).AnalyzerDiagnostics.Where(d => _ids.Contains(d.Id));

            public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            {
                var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
                return (await GetAllDiagnosticsAsync(document.Project, cancellationToken).ConfigureAwait(false)).Where(d => d.Location.SourceTree == tree);
            }

            public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                (await GetAllDiagnosticsAsync(project, cancellationToken).ConfigureAwait(false)).Where(d => !d.Location.IsInSource);
        }
    }
}
