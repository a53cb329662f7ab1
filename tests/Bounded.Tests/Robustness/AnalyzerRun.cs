using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Tests.Robustness
{
    /// <summary>What one analyzer run produced: its diagnostics, every analyzer exception, and each analyzer's own execution time.</summary>
    public sealed record AnalyzerRunResult(
        ImmutableArray<Diagnostic> Diagnostics,
        ImmutableArray<string> Exceptions,
        ImmutableDictionary<string, TimeSpan> ExecutionTimes,
        TimeSpan WallTime)
    {
        public (string Analyzer, TimeSpan Time) Slowest =>
            ExecutionTimes.Count == 0
                ? ("none", TimeSpan.Zero)
                : ExecutionTimes.OrderByDescending(p => p.Value).Select(p => (p.Key, p.Value)).First();
    }

    /// <summary>
    /// Runs analyzers over a compilation the way the compiler does (<see cref="CompilationWithAnalyzers"/>),
    /// with every descriptor enabled, collecting exceptions through <c>onAnalyzerException</c> and AD0001,
    /// and measuring each analyzer's execution time (the compiler's own binding is not counted).
    /// </summary>
    public static class AnalyzerRun
    {
        public static async Task<AnalyzerRunResult> RunAsync(
            Compilation compilation,
            ImmutableArray<DiagnosticAnalyzer> analyzers,
            AnalyzerOptions? options,
            bool concurrent,
            CancellationToken cancellationToken)
        {
            if (analyzers.IsEmpty)
            {
                return new AnalyzerRunResult(ImmutableArray<Diagnostic>.Empty, ImmutableArray<string>.Empty, ImmutableDictionary<string, TimeSpan>.Empty, TimeSpan.Zero);
            }

            compilation = EnableEveryDescriptor(compilation, analyzers);
            var exceptions = new ConcurrentQueue<string>();
            var withAnalyzers = compilation.WithAnalyzers(
                analyzers,
                new CompilationWithAnalyzersOptions(
                    options ?? new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                    onAnalyzerException: (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().FullName} threw {exception}"),
                    concurrentAnalysis: concurrent,
                    logAnalyzerExecutionTime: true,
                    reportSuppressedDiagnostics: false));

            var stopwatch = Stopwatch.StartNew();
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            stopwatch.Stop();

            var times = ImmutableDictionary.CreateBuilder<string, TimeSpan>(StringComparer.Ordinal);
            foreach (var analyzer in analyzers)
            {
                var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, cancellationToken).ConfigureAwait(false);
                var name = analyzer.GetType().Name;
                times[name] = times.TryGetValue(name, out var before) ? before + telemetry.ExecutionTime : telemetry.ExecutionTime;
            }

            foreach (var d in diagnostics.Where(IsAnalyzerFailure))
            {
                exceptions.Enqueue(d.GetMessage(CultureInfo.InvariantCulture));
            }

            return new AnalyzerRunResult(
                diagnostics.Where(d => !IsAnalyzerFailure(d)).ToImmutableArray(),
                exceptions.Distinct().ToImmutableArray(),
                times.ToImmutable(),
                stopwatch.Elapsed);
        }

        public static bool IsAnalyzerFailure(Diagnostic d) => d.Id is "AD0001" or "AD0002";

        /// <summary>Turns on descriptors that are off by default, so every rule runs.</summary>
        public static Compilation EnableEveryDescriptor(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var off = analyzers.SelectMany(a => a.SupportedDiagnostics)
                .Where(d => !d.IsEnabledByDefault)
                .GroupBy(d => d.Id)
                .ToDictionary(g => g.Key, g => g.First().DefaultSeverity switch
                {
                    DiagnosticSeverity.Error => ReportDiagnostic.Error,
                    DiagnosticSeverity.Warning => ReportDiagnostic.Warn,
                    DiagnosticSeverity.Info => ReportDiagnostic.Info,
                    _ => ReportDiagnostic.Hidden,
                });
            return off.Count == 0
                ? compilation
                : compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(compilation.Options.SpecificDiagnosticOptions.SetItems(off)));
        }

        /// <summary>A stable, complete text of a diagnostic: ID, place, severity, message, properties and additional locations.</summary>
        public static string Describe(Diagnostic d)
        {
            var span = d.Location.GetLineSpan();
            var place = d.Location.IsInSource ? $"{span.Path}@{d.Location.SourceSpan.Start}-{d.Location.SourceSpan.End}" : "(no location)";
            var properties = string.Join(";", d.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
            var additional = string.Join(";", d.AdditionalLocations.Select(l => $"{l.GetLineSpan().Path}@{l.SourceSpan.Start}-{l.SourceSpan.End}"));
            return $"{d.Id} {place} {d.Severity} {d.GetMessage(CultureInfo.InvariantCulture)} [{properties}] [{additional}]";
        }

        public static List<string> DescribeSorted(IEnumerable<Diagnostic> diagnostics) =>
            diagnostics.Select(Describe).OrderBy(s => s, StringComparer.Ordinal).ToList();
    }
}
