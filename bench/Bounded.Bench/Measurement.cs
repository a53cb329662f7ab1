using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Bench
{
    /// <summary>A group of analyzers run together over one fresh compilation: our pack, or one peer package.</summary>
    /// <param name="Baseline">Another build of our pack (real-code mode's <c>--baseline</c>), measured side by side with this one:
    /// its analyzers' times and diagnostics are recorded under keys of their own (<see cref="Measurement.Key"/>).</param>
    internal sealed record AnalyzerGroup(string Name, bool Ours, ImmutableArray<DiagnosticAnalyzer> Analyzers, bool Baseline = false);

    /// <summary>Medians over the repetitions of one corpus.</summary>
    internal sealed class CorpusResult
    {
        public CorpusResult(Corpus corpus, int lines)
        {
            Corpus = corpus;
            Lines = lines;
        }

        public Corpus Corpus { get; }

        public int Lines { get; }

        public List<double> CompilerMs { get; } = new();

        /// <summary>Per analyzer (keyed by its type's full name): execution time of each repetition.</summary>
        public Dictionary<string, List<double>> AnalyzerMs { get; } = new(StringComparer.Ordinal);

        /// <summary>Per group: the sum of its analyzers' execution times, per repetition.</summary>
        public Dictionary<string, List<double>> GroupMs { get; } = new(StringComparer.Ordinal);

        /// <summary>Diagnostics per ID from the last repetition (the corpus is deterministic, so every repetition agrees).</summary>
        public Dictionary<string, int> DiagnosticCounts { get; } = new(StringComparer.Ordinal);

        /// <summary>Analyzer exceptions (AD0001), by analyzer type.</summary>
        public ConcurrentDictionary<string, string> Exceptions { get; } = new(StringComparer.Ordinal);

        public double Compiler => Median(CompilerMs);

        public double Analyzer(string type) => AnalyzerMs.TryGetValue(type, out var v) ? Median(v) : double.NaN;

        public double Group(string name) => GroupMs.TryGetValue(name, out var v) ? Median(v) : double.NaN;

        public static double Median(IReadOnlyList<double> values)
        {
            if (values.Count == 0)
            {
                return double.NaN;
            }

            var sorted = values.OrderBy(v => v).ToList();
            int mid = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    /// <summary>
    /// Times the compiler alone (<c>GetDiagnostics()</c>, binding everything) and each analyzer group
    /// (<see cref="CompilationWithAnalyzers"/> with execution-time telemetry) over fresh copies of the
    /// same compilation, single-threaded on both sides so the two are comparable.
    /// </summary>
    internal static class Measurement
    {
        public static CSharpCompilation CreateCompilation(Corpus corpus, ImmutableArray<SyntaxTree> trees, ImmutableArray<MetadataReference> references, ImmutableDictionary<string, ReportDiagnostic> severities) =>
            CSharpCompilation.Create(
                "Shop." + corpus.Name,
                trees,
                references,
                new CSharpCompilationOptions(
                    OutputKind.DynamicallyLinkedLibrary,
                    nullableContextOptions: NullableContextOptions.Enable,
                    concurrentBuild: false,
                    specificDiagnosticOptions: severities));

        public static ImmutableArray<SyntaxTree> Parse(Corpus corpus) =>
            corpus.Files
                .Select(f => CSharpSyntaxTree.ParseText(f.Text, new CSharpParseOptions(LanguageVersion.Latest), path: f.Path))
                .ToImmutableArray();

        public static (double Ms, ImmutableArray<Diagnostic> Diagnostics) TimeCompiler(Func<CSharpCompilation> fresh)
        {
            var compilation = fresh();
            Collect();
            var watch = Stopwatch.StartNew();
            var diagnostics = compilation.GetDiagnostics();
            return (watch.Elapsed.TotalMilliseconds, diagnostics);
        }

        /// <summary>
        /// Runs one group's analyzers alone in a <see cref="CompilationWithAnalyzers"/> over a fresh compilation
        /// (sequential callbacks) and records each analyzer's own execution time and the group's sum. Each group
        /// runs alone, as if it were the only package a project added. In one shared run, the driver's per-file
        /// work behind the first diagnostic in a file (its generated-code check scans the file's tokens) was
        /// charged to whichever analyzer reported there first, which was always one of ours: they ran first.
        /// </summary>
        public static async Task<double> RunGroupAsync(Func<CSharpCompilation> fresh, AnalyzerGroup group, AnalyzerOptions options, CorpusResult result, bool record)
        {
            var (times, diagnostics) = await AnalyzeAsync(fresh(), group.Analyzers, options, result.Exceptions).ConfigureAwait(false);
            return Record(result, group, times, diagnostics, record);
        }

        /// <summary>Runs <paramref name="analyzers"/> alone over <paramref name="compilation"/> (sequential callbacks) and returns each one's own execution time and the diagnostics.</summary>
        public static async Task<(Dictionary<DiagnosticAnalyzer, double> Times, ImmutableArray<Diagnostic> Diagnostics)> AnalyzeAsync(
            CSharpCompilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions options, ConcurrentDictionary<string, string> exceptions)
        {
            // Bind the fresh compilation's references (the compiler's own set-up, which its timing includes) before the
            // analyzers start: otherwise whichever analyzer touches a symbol first is charged 10-20 ms for it on the 25k
            // corpus, merely for running first (our pack's first compilation-start action, or the only one in an
            // --analyzers run).
            _ = compilation.GetSpecialType(SpecialType.System_Object);
            var withAnalyzers = compilation.WithAnalyzers(
                analyzers,
                new CompilationWithAnalyzersOptions(
                    options,
                    onAnalyzerException: (ex, analyzer, _) => exceptions.TryAdd(analyzer.GetType().FullName!, ex.GetType().Name + ": " + ex.Message),
                    concurrentAnalysis: false,
                    logAnalyzerExecutionTime: true,
                    reportSuppressedDiagnostics: false));
            Collect();
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);

            var times = new Dictionary<DiagnosticAnalyzer, double>();
            foreach (var analyzer in analyzers)
            {
                var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
                times[analyzer] = telemetry.ExecutionTime.TotalMilliseconds;
            }

            foreach (var d in diagnostics.Where(d => string.Equals(d.Id, "AD0001", StringComparison.Ordinal)))
            {
                exceptions.TryAdd(d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), d.ToString());
            }

            return (times, diagnostics);
        }

        /// <summary>Records one repetition of a group (its analyzers' times and the diagnostics per ID) and returns the group's sum.</summary>
        public static double Record(CorpusResult result, AnalyzerGroup group, IReadOnlyDictionary<DiagnosticAnalyzer, double> times, IEnumerable<Diagnostic> diagnostics, bool record)
        {
            double sum = group.Analyzers.Sum(a => times[a]);
            if (!record)
            {
                return sum;
            }

            foreach (var (analyzer, ms) in times)
            {
                Add(result.AnalyzerMs, Key(group, analyzer.GetType().FullName!), ms);
            }

            Add(result.GroupMs, group.Name, sum);
            foreach (var id in group.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct())
            {
                result.DiagnosticCounts.Remove(Key(group, id));
            }

            foreach (var g in diagnostics.GroupBy(d => d.Id, StringComparer.Ordinal))
            {
                result.DiagnosticCounts[Key(group, g.Key)] = g.Count();
            }

            return sum;
        }

        /// <summary>The key of an analyzer's time or a rule's count: a baseline group's are prefixed, so that they do not mix with ours.</summary>
        public static string Key(AnalyzerGroup group, string typeOrId) => group.Baseline ? "baseline:" + typeOrId : typeOrId;

        private static void Add(Dictionary<string, List<double>> map, string key, double value)
        {
            if (!map.TryGetValue(key, out var list))
            {
                list = new List<double>();
                map.Add(key, list);
            }

            list.Add(value);
        }

        internal static void Collect()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
    }
}
