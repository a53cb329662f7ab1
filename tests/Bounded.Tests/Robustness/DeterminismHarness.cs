using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Tests.Robustness
{
    public sealed class DeterminismReport
    {
        public int Runs { get; set; }

        public int Trees { get; set; }

        /// <summary>Diagnostics of the first run.</summary>
        public int Diagnostics { get; set; }

        public List<string> Failures { get; } = new();
    }

    /// <summary>
    /// Runs the analyzers with concurrent execution over one compilation several times, each run on a
    /// fresh copy of the compilation (so per-compilation caches are rebuilt and raced for) and, every
    /// other run, on fresh analyzer instances; every run must give the same diagnostics (IDs, places,
    /// messages, properties, additional locations) and no analyzer exception.
    /// </summary>
    public static class DeterminismHarness
    {
        public static async Task<DeterminismReport> RunAsync(
            Compilation compilation,
            Func<ImmutableArray<DiagnosticAnalyzer>> createAnalyzers,
            AnalyzerOptions? options,
            int runs,
            CancellationToken cancellationToken)
        {
            var report = new DeterminismReport { Runs = runs, Trees = compilation.SyntaxTrees.Count() };
            var shared = createAnalyzers();
            List<string>? first = null;
            for (int run = 0; run < runs; run++)
            {
                var analyzers = run % 2 == 0 ? shared : createAnalyzers();
                var copy = compilation.WithAssemblyName(compilation.AssemblyName); // a new compilation: nothing bound yet
                var result = await AnalyzerRun.RunAsync(copy, analyzers, options, concurrent: true, cancellationToken).ConfigureAwait(false);
                report.Failures.AddRange(result.Exceptions.Select(e => $"run {run + 1}: analyzer exception: {e}"));
                var described = AnalyzerRun.DescribeSorted(result.Diagnostics);
                if (first == null)
                {
                    first = described;
                    report.Diagnostics = described.Count;
                    continue;
                }

                var missing = Except(first, described);
                var extra = Except(described, first);
                if (missing.Count > 0 || extra.Count > 0)
                {
                    report.Failures.Add(
                        $"run {run + 1} differs from run 1 ({described.Count} vs {first.Count} diagnostics):"
                        + string.Concat(missing.Take(20).Select(m => $"{Environment.NewLine}  only in run 1: {m}"))
                        + string.Concat(extra.Take(20).Select(m => $"{Environment.NewLine}  only in run {run + 1}: {m}")));
                }
            }

            return report;
        }

        /// <summary>Multiset difference a - b.</summary>
        private static List<string> Except(List<string> a, List<string> b)
        {
            var remaining = b.GroupBy(s => s, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var result = new List<string>();
            foreach (var item in a)
            {
                if (remaining.TryGetValue(item, out int n) && n > 0)
                {
                    remaining[item] = n - 1;
                }
                else
                {
                    result.Add(item);
                }
            }

            return result;
        }
    }
}
