using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Tests.Verification
{
    /// <summary>What one run of the analyzers over a solution produced.</summary>
    internal sealed record AnalysisResult(
        ImmutableArray<Diagnostic> AnalyzerDiagnostics,
        ImmutableArray<Diagnostic> CompilerDiagnostics,
        ImmutableArray<string> AnalyzerExceptions)
    {
        public ImmutableArray<Diagnostic> CompilerErrors =>
            CompilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
    }

    /// <summary>Runs analyzers over every project of a solution as the compiler would, with every descriptor enabled.</summary>
    internal sealed class DiagnosticRunner
    {
        private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;
        private readonly ImmutableHashSet<string> _analyzerIds;
        private readonly ImmutableDictionary<string, ReportDiagnostic> _enableAll;

        public DiagnosticRunner(ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            _analyzers = analyzers;
            var descriptors = analyzers.SelectMany(a => a.SupportedDiagnostics).ToList();
            _analyzerIds = descriptors.Select(d => d.Id).ToImmutableHashSet(StringComparer.Ordinal);
            // Check 2: every descriptor is enabled, even one that is off by default.
            _enableAll = descriptors
                .Where(d => !d.IsEnabledByDefault)
                .GroupBy(d => d.Id)
                .ToImmutableDictionary(g => g.Key, g => ToReport(g.First().DefaultSeverity));
        }

        public ImmutableArray<DiagnosticDescriptor> Descriptors =>
            _analyzers.SelectMany(a => a.SupportedDiagnostics).GroupBy(d => d.Id).Select(g => g.First()).ToImmutableArray();

        public bool IsAnalyzerId(string id) => _analyzerIds.Contains(id) || id.StartsWith("AD", StringComparison.Ordinal);

        public async Task<AnalysisResult> AnalyzeAsync(Solution solution, CancellationToken cancellationToken)
        {
            var analyzer = ImmutableArray.CreateBuilder<Diagnostic>();
            var compiler = ImmutableArray.CreateBuilder<Diagnostic>();
            var exceptions = ImmutableArray.CreateBuilder<string>();
            foreach (var projectId in solution.GetProjectDependencyGraph().GetTopologicallySortedProjects(cancellationToken))
            {
                var result = await AnalyzeProjectAsync(solution.GetProject(projectId)!, cancellationToken).ConfigureAwait(false);
                analyzer.AddRange(result.AnalyzerDiagnostics);
                compiler.AddRange(result.CompilerDiagnostics);
                exceptions.AddRange(result.AnalyzerExceptions);
            }

            return new AnalysisResult(analyzer.ToImmutable(), compiler.ToImmutable(), exceptions.ToImmutable());
        }

        public async Task<AnalysisResult> AnalyzeProjectAsync(Project project, CancellationToken cancellationToken)
        {
            var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
            if (!_enableAll.IsEmpty)
            {
                compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
                    compilation.Options.SpecificDiagnosticOptions.SetItems(_enableAll)));
            }

            if (_analyzers.IsEmpty)
            {
                return new AnalysisResult(ImmutableArray<Diagnostic>.Empty, compilation.GetDiagnostics(cancellationToken), ImmutableArray<string>.Empty);
            }

            var exceptions = new ConcurrentQueue<string>();
            var options = new CompilationWithAnalyzersOptions(
                project.AnalyzerOptions,
                onAnalyzerException: (ex, a, d) => exceptions.Enqueue($"{a.GetType().Name} threw {ex.GetType().Name}: {ex.Message}{Environment.NewLine}{ex.StackTrace}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false);
            var all = await compilation.WithAnalyzers(_analyzers, options).GetAllDiagnosticsAsync(cancellationToken).ConfigureAwait(false);

            foreach (var d in all.Where(d => d.Id is "AD0001" or "AD0002"))
            {
                exceptions.Enqueue(d.ToString());
            }

            return new AnalysisResult(
                all.Where(d => IsAnalyzerId(d.Id) && d.Id is not ("AD0001" or "AD0002")).ToImmutableArray(),
                all.Where(d => !IsAnalyzerId(d.Id)).ToImmutableArray(),
                exceptions.Distinct().ToImmutableArray());
        }

        private static ReportDiagnostic ToReport(DiagnosticSeverity severity) => severity switch
        {
            DiagnosticSeverity.Error => ReportDiagnostic.Error,
            DiagnosticSeverity.Warning => ReportDiagnostic.Warn,
            DiagnosticSeverity.Info => ReportDiagnostic.Info,
            _ => ReportDiagnostic.Hidden,
        };
    }
}
