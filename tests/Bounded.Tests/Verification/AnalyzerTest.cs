using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Tests.Verification
{
    /// <summary>Opt-outs from the automatic checks, for the rare test that needs one (say why at the use).</summary>
    [Flags]
    public enum TestBehaviors
    {
        None = 0,
        SkipGeneratedCodeCheck = 1,
        SkipSuppressionCheck = 2,
    }

    /// <summary>
    /// Runs analyzers over a test solution and verifies the diagnostics. Besides what the test
    /// expects, every run checks without being asked:
    /// 1. the source compiles with no compiler errors (unless the test declares them, e.g. <c>{|CS0103:x|}</c>);
    /// 2. every descriptor is enabled, and an analyzer exception (AD0001) fails the test;
    /// 3. the same sources marked <c>// &lt;auto-generated/&gt;</c> yield no diagnostics;
    /// 4. <c>#pragma warning disable &lt;id&gt;</c> suppresses each diagnostic.
    /// </summary>
    public class AnalyzerTest
    {
        public SolutionState TestState { get; } = new();

        /// <summary>The first document (<c>Test0.cs</c>) of the test project.</summary>
        public string TestCode
        {
            set => TestState.MainProject.Sources.Insert(0, ("Test0.cs", value));
        }

        public List<DiagnosticResult> ExpectedDiagnostics { get; } = new();

        public List<DiagnosticAnalyzer> Analyzers { get; } = new();

        /// <summary>Lines of a <c>/.editorconfig</c> section <c>[*.cs]</c>, e.g. <c>bounded.layers = A &lt; B</c>.</summary>
        public string? EditorConfig { get; set; }

        /// <summary>Further analyzer config files (path, full text), e.g. <c>("/.globalconfig", "is_global = true\n…")</c>.</summary>
        public List<(string Path, string Text)> AnalyzerConfigFiles { get; } = new();

        public ReferenceSet ReferenceSet { get; set; } = ReferenceSet.Full;

        public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;

        public TestBehaviors TestBehaviors { get; set; }

        internal DiagnosticRunner CreateRunner() => new(Analyzers.ToImmutableArray());

        internal List<(string Path, string Text)> AllAnalyzerConfigFiles()
        {
            var files = new List<(string, string)>();
            if (EditorConfig != null)
            {
                files.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + EditorConfig + "\n"));
            }

            files.AddRange(AnalyzerConfigFiles);
            return files;
        }

        internal TestSolution CreateSolution(SolutionState state) =>
            TestSolution.Create(state, ReferenceSet, LanguageVersion, AllAnalyzerConfigFiles());

        public virtual async Task RunAsync(CancellationToken cancellationToken = default)
        {
            if (Analyzers.Count == 0)
            {
                throw new InvalidOperationException("The test names no analyzer.");
            }

            var runner = CreateRunner();
            var solution = CreateSolution(TestState);
            var expected = ExpectedFrom(solution, runner, ExpectedDiagnostics);
            var result = await runner.AnalyzeAsync(solution.Solution, cancellationToken).ConfigureAwait(false);

            AssertNoAnalyzerExceptions(result, "analyzing the test sources");
            AssertCompilerDiagnostics(expected, result);
            DiagnosticComparer.AssertMatch("Analyzer diagnostics", AnalyzerExpectations(expected, runner), result.AnalyzerDiagnostics, runner.Descriptors);

            var located = result.AnalyzerDiagnostics.Where(d => d.Location.IsInSource).ToList();
            if (located.Count > 0 && !TestBehaviors.HasFlag(TestBehaviors.SkipGeneratedCodeCheck))
            {
                await AssertSilentInGeneratedCodeAsync(runner, solution.Solution, cancellationToken).ConfigureAwait(false);
            }

            if (located.Count > 0 && !TestBehaviors.HasFlag(TestBehaviors.SkipSuppressionCheck))
            {
                await AssertPragmaSuppressesAsync(runner, solution.Solution, located, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Expected diagnostics of a solution: those its markup declares plus the listed ones, locations resolved.</summary>
        internal static List<DiagnosticResult> ExpectedFrom(TestSolution solution, DiagnosticRunner runner, IEnumerable<DiagnosticResult> listed)
        {
            var result = new List<DiagnosticResult>();
            var markers = new Dictionary<int, (string Path, FileLinePositionSpan Span)>();
            foreach (var (path, markup) in solution.MarkupByPath.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var text = Microsoft.CodeAnalysis.Text.SourceText.From(markup.Text);
                foreach (var span in markup.Spans)
                {
                    var lines = new FileLinePositionSpan(path, text.Lines.GetLinePosition(span.Span.Start), text.Lines.GetLinePosition(span.Span.End));
                    if (span.IsLocationMarker)
                    {
                        if (!markers.TryAdd(span.LocationKey, (path, lines)))
                        {
                            throw new ArgumentException($"Markup location {{|#{span.LocationKey}:…|}} is declared twice.");
                        }
                    }
                    else
                    {
                        string id = span.Name ?? DefaultId(runner);
                        result.Add(new DiagnosticResult(id).WithResolvedSpan(path, lines));
                    }
                }
            }

            foreach (var e in listed)
            {
                if (e.MarkupKey is { } key)
                {
                    if (!markers.TryGetValue(key, out var marker))
                    {
                        throw new ArgumentException($"Expected diagnostic {e.Id} points at {{|#{key}:…|}}, which no source declares.");
                    }

                    result.Add(e.WithResolvedSpan(marker.Path, marker.Span));
                }
                else if (e.Start != null && e.Path == null)
                {
                    result.Add(e with { Path = solution.FirstDocumentPath });
                }
                else if (e.Start != null && e.Path != null && !e.Path.StartsWith("/", StringComparison.Ordinal))
                {
                    result.Add(e with { Path = e.Path.Contains('/') ? "/" + e.Path : TestSolution.PathOf(SolutionState.DefaultProjectName, e.Path) });
                }
                else
                {
                    result.Add(e);
                }
            }

            return result;
        }

        internal static List<DiagnosticResult> AnalyzerExpectations(IEnumerable<DiagnosticResult> expected, DiagnosticRunner runner) =>
            expected.Where(e => runner.IsAnalyzerId(e.Id)).ToList();

        internal static void AssertNoAnalyzerExceptions(AnalysisResult result, string when)
        {
            if (result.AnalyzerExceptions.Length > 0)
            {
                throw new VerificationException($"An analyzer threw (AD0001) while {when}:{Environment.NewLine}{string.Join(Environment.NewLine, result.AnalyzerExceptions)}");
            }
        }

        /// <summary>Check 1: compiler errors (and any compiler diagnostic the test names) are exactly those declared.</summary>
        internal static void AssertCompilerDiagnostics(IReadOnlyList<DiagnosticResult> expected, AnalysisResult result)
        {
            var compilerExpected = expected.Where(e => e.Id.StartsWith("CS", StringComparison.Ordinal)).ToList();
            var namedIds = compilerExpected.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            var actual = result.CompilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || namedIds.Contains(d.Id));
            DiagnosticComparer.AssertMatch("Compiler diagnostics (test sources must compile unless the test declares errors)", compilerExpected, actual, ImmutableArray<DiagnosticDescriptor>.Empty);
        }

        private static string DefaultId(DiagnosticRunner runner)
        {
            var ids = runner.Descriptors.Select(d => d.Id).ToList();
            if (ids.Count == 1)
            {
                return ids[0];
            }

            var ruleIds = ids.Where(id => id != "BND0001").ToList();
            return ruleIds.Count == 1
                ? ruleIds[0]
                : throw new ArgumentException($"[|…|] is ambiguous: the analyzers report {string.Join(", ", ids)}; use {{|ID:…|}}.");
        }

        /// <summary>Check 3: generated code is not analyzed.</summary>
        private static async Task AssertSilentInGeneratedCodeAsync(DiagnosticRunner runner, Solution solution, CancellationToken cancellationToken)
        {
            var generated = TestSolution.WithPrefixOnEveryDocument(solution, "// <auto-generated/>\n");
            var result = await runner.AnalyzeAsync(generated, cancellationToken).ConfigureAwait(false);
            AssertNoAnalyzerExceptions(result, "analyzing the sources marked <auto-generated/>");
            var reported = result.AnalyzerDiagnostics.Where(d => d.Location.IsInSource).ToList();
            if (reported.Count > 0)
            {
                throw new VerificationException(
                    "Diagnostics were reported in generated code (every source prefixed with // <auto-generated/>; lines shift by one):"
                    + Environment.NewLine + DiagnosticComparer.FormatAll(reported));
            }
        }

        /// <summary>Check 4: <c>#pragma warning disable</c> silences every diagnostic reported.</summary>
        private static async Task AssertPragmaSuppressesAsync(DiagnosticRunner runner, Solution solution, IReadOnlyList<Diagnostic> reported, CancellationToken cancellationToken)
        {
            string ids = string.Join(", ", reported.Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal));
            var suppressed = TestSolution.WithPrefixOnEveryDocument(solution, $"#pragma warning disable {ids}\n");
            var result = await runner.AnalyzeAsync(suppressed, cancellationToken).ConfigureAwait(false);
            AssertNoAnalyzerExceptions(result, "analyzing the sources under #pragma warning disable");
            var survivors = result.AnalyzerDiagnostics.Where(d => d.Location.IsInSource).ToList();
            if (survivors.Count > 0)
            {
                throw new VerificationException(
                    $"Diagnostics survived '#pragma warning disable {ids}' (lines shift by one):"
                    + Environment.NewLine + DiagnosticComparer.FormatAll(survivors));
            }
        }
    }
}
