using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Bounded.Tests.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Bounded.Tests.Samples
{
    /// <summary>What compiling and analyzing the sample app produced.</summary>
    internal sealed record SampleAnalysisResult(
        ImmutableArray<string> ProjectsInBuildOrder,
        ImmutableArray<string> CompilerErrors,
        ImmutableArray<string> AnalyzerExceptions,
        ImmutableArray<string> Diagnostics);

    /// <summary>
    /// Compiles every project under <c>samples/</c> the way <c>dotnet build</c> would (one compilation per
    /// project, in dependency order, each referencing the ones before it) against the shared test
    /// references, and runs the given analyzers on each.
    /// </summary>
    internal static class SampleAnalysis
    {
        private static readonly string[] PreprocessorSymbols =
        [
            "DEBUG", "TRACE", "NET", "NET10_0", "NETCOREAPP",
            "NET5_0_OR_GREATER", "NET6_0_OR_GREATER", "NET7_0_OR_GREATER",
            "NET8_0_OR_GREATER", "NET9_0_OR_GREATER", "NET10_0_OR_GREATER", "NETCOREAPP3_1_OR_GREATER",
        ];

        public static async Task<SampleAnalysisResult> RunAsync(
            string repositoryRoot,
            ImmutableArray<DiagnosticAnalyzer> analyzers,
            CancellationToken cancellationToken)
        {
            var projects = SampleProject.LoadInBuildOrder(Path.Combine(repositoryRoot, "samples"));
            var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: PreprocessorSymbols);
            var frameworkReferences = References.For(ReferenceSet.Full);

            // Creating the compilations is cheap (binding is lazy); analysis then runs per project.
            var compilations = new Dictionary<string, (SampleProject Project, CSharpCompilation Compilation, AnalyzerOptions Options)>(StringComparer.Ordinal);
            foreach (var project in projects)
            {
                var sourceFiles = project.SourceFiles();
                var trees = sourceFiles
                    .Select(path => CSharpSyntaxTree.ParseText(Read(path), parseOptions, path, cancellationToken))
                    .Append(CSharpSyntaxTree.ParseText(
                        SourceText.From(project.GlobalUsingsSource(), Encoding.UTF8),
                        parseOptions,
                        Path.Combine(project.Directory, "obj", project.Name + ".GlobalUsings.g.cs"),
                        cancellationToken))
                    .ToImmutableArray();

                var config = SampleAnalyzerConfig.For(project, sourceFiles, repositoryRoot);
                var options = new CSharpCompilationOptions(project.OutputKind)
                    .WithNullableContextOptions(NullableContextOptions.Enable)
                    .WithSyntaxTreeOptionsProvider(config.CreateTreeOptionsProvider(trees));
                var references = frameworkReferences.AddRange(
                    project.ProjectReferences.Select(reference => compilations[reference].Compilation.ToMetadataReference()));

                compilations[project.ProjectFile] = (
                    project,
                    CSharpCompilation.Create(project.Name, trees, references, options),
                    new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, config.CreateOptionsProvider(trees)));
            }

            var analyzerIds = analyzers
                .SelectMany(analyzer => analyzer.SupportedDiagnostics)
                .Select(descriptor => descriptor.Id)
                .ToImmutableHashSet(StringComparer.Ordinal);
            var exceptions = new ConcurrentQueue<string>();

            // A handful of projects: analyze them side by side.
            var perProject = await Task.WhenAll(compilations.Values.Select(entry =>
                Task.Run(() => AnalyzeAsync(entry.Project, entry.Compilation, entry.Options, analyzers, analyzerIds, exceptions, repositoryRoot, cancellationToken), cancellationToken)));

            return new SampleAnalysisResult(
                projects.Select(p => p.Name).ToImmutableArray(),
                perProject.SelectMany(r => r.CompilerErrors).OrderBy(s => s, StringComparer.Ordinal).ToImmutableArray(),
                exceptions.OrderBy(s => s, StringComparer.Ordinal).ToImmutableArray(),
                perProject.SelectMany(r => r.Diagnostics).OrderBy(s => s, StringComparer.Ordinal).ToImmutableArray());
        }

        private static async Task<(IEnumerable<string> CompilerErrors, IEnumerable<string> Diagnostics)> AnalyzeAsync(
            SampleProject project,
            CSharpCompilation compilation,
            AnalyzerOptions options,
            ImmutableArray<DiagnosticAnalyzer> analyzers,
            ImmutableHashSet<string> analyzerIds,
            ConcurrentQueue<string> exceptions,
            string repositoryRoot,
            CancellationToken cancellationToken)
        {
            ImmutableArray<Diagnostic> all;
            if (analyzers.IsEmpty)
            {
                // CompilationWithAnalyzers refuses an empty analyzer list; the compiler's own diagnostics still count.
                all = compilation.GetDiagnostics(cancellationToken);
            }
            else
            {
                var analysisOptions = new CompilationWithAnalyzersOptions(
                    options,
                    onAnalyzerException: (exception, analyzer, _) => exceptions.Enqueue($"{project.Name}: {analyzer.GetType().FullName} threw {exception}"),
                    concurrentAnalysis: true,
                    logAnalyzerExecutionTime: false,
                    reportSuppressedDiagnostics: false);
                all = await compilation.WithAnalyzers(analyzers, analysisOptions).GetAllDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var diagnostic in all.Where(d => d.Id == "AD0001"))
            {
                exceptions.Enqueue($"{project.Name}: {diagnostic}");
            }

            var compilerErrors = all
                .Where(d => d.Severity == DiagnosticSeverity.Error && !analyzerIds.Contains(d.Id) && d.Id != "AD0001")
                .Select(d => $"{project.Name}: {d}");
            var diagnostics = all
                .Where(d => analyzerIds.Contains(d.Id) && !d.IsSuppressed && d.Severity != DiagnosticSeverity.Hidden)
                .Select(d => Format(d, project, repositoryRoot));
            return (compilerErrors.ToList(), diagnostics.ToList());
        }

        /// <summary><c>BNDxxxx samples/path/File.cs:line</c>; a diagnostic with no file location names the project file.</summary>
        internal static string Format(Diagnostic diagnostic, SampleProject project, string repositoryRoot)
        {
            var location = diagnostic.Location;
            if (location.Kind is LocationKind.SourceFile or LocationKind.ExternalFile)
            {
                var span = location.GetLineSpan();
                if (span.IsValid && !string.IsNullOrEmpty(span.Path))
                {
                    return $"{diagnostic.Id} {Relative(span.Path, repositoryRoot)}:{span.StartLinePosition.Line + 1}";
                }
            }

            return $"{diagnostic.Id} {Relative(project.ProjectFile, repositoryRoot)}";
        }

        private static string Relative(string path, string repositoryRoot) =>
            Path.GetRelativePath(repositoryRoot, path).Replace('\\', '/');

        private static SourceText Read(string path)
        {
            using var stream = File.OpenRead(path);
            return SourceText.From(stream, checksumAlgorithm: SourceHashAlgorithm.Sha256);
        }
    }
}
