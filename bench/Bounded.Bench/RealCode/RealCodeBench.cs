using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Bench.RealCode
{
    /// <summary>One document's cost in the IDE case: the compiler's diagnostics for it, then one package's semantic analysis of it.</summary>
    internal sealed record DocumentTiming(string Path, int Lines, double CompilerMs, double OursMs, double PeerMs, double BaselineMs);

    /// <summary>A repository measured in real-code mode.</summary>
    internal sealed class RepositoryResult
    {
        public RepositoryResult(string root, string name, string commit, IReadOnlyList<CompiledProject> projects)
        {
            Root = root;
            Name = name;
            Commit = commit;
            Projects = projects;
            int lines = projects.Sum(p => p.Lines);
            Timing = new CorpusResult(new Corpus(name, lines, ImmutableArray<CorpusFile>.Empty, 0, projects.Count), lines);
        }

        public string Root { get; }

        public string Name { get; }

        public string Commit { get; }

        public IReadOnlyList<CompiledProject> Projects { get; }

        /// <summary>Per repetition, summed over the projects: the compiler, each analyzer and each group, and the diagnostics of the last one.</summary>
        public CorpusResult Timing { get; }

        public List<DocumentTiming> Documents { get; } = new();

        /// <summary>The first document's analysis in the IDE case also pays the compilation-wide start (compilation-start actions, type lookups).</summary>
        public double FirstDocumentOursMs { get; set; }

        public double FirstDocumentPeerMs { get; set; }

        /// <summary>Our diagnostics of the last repetition, for reading (file:line id message).</summary>
        public List<Diagnostic> OurDiagnostics { get; } = new();

        public int Files => Projects.Sum(p => p.SourceFiles);

        public int Lines => Timing.Lines;

        public int Errors => Projects.Sum(p => p.Errors);
    }

    /// <summary>
    /// The real-code mode (<c>--root</c>): compiles every C# project under each root in memory (<see cref="RepositoryCompiler"/>)
    /// and times, per repetition and summed over the projects, the compiler alone, our pack alone and each peer package alone,
    /// exactly as the generated mode does (<see cref="Measurement"/>); then the IDE case, one document at a time.
    /// </summary>
    internal static class RealCodeBench
    {
        public static async Task<int> RunAsync(BenchSettings settings, IReadOnlyList<AnalyzerGroup> groups, IReadOnlyList<PeerPackage> peers, ImmutableDictionary<string, ReportDiagnostic> severities)
        {
            // A new user's defaults: no bounded.* options (the rules' documented defaults apply).
            var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new BenchConfigOptionsProvider(new Dictionary<string, string>()));
            var nuget = new NuGetCache();
            var results = new List<RepositoryResult>();
            var problems = new List<string>();
            for (int r = 0; r < settings.Roots.Count; r++)
            {
                string root = Path.GetFullPath(settings.Roots[r]);
                string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(root));
                string commit = r < settings.Commits.Count ? settings.Commits[r] : GitCommit(root);
                var specs = ProjectLoader.FindProjects(root).Select(ProjectLoader.Load)
                    .Where(s => !(settings.SkipTests && s.IsTest))
                    .ToList();
                Console.WriteLine($"repository {name} ({commit}): {specs.Count} projects{(settings.SkipTests ? " (test projects skipped)" : string.Empty)}");
                var compiler = new RepositoryCompiler(nuget, severities);
                var projects = compiler.CompileAll(specs, Console.Out)
                    .Where(p => p.SourceFiles > 0 && (!settings.SkipTests || !p.Spec.IsTest))
                    .ToList();
                foreach (string error in compiler.GeneratorLoadErrors.Distinct())
                {
                    Console.WriteLine("  generator not loaded: " + error);
                }

                var result = new RepositoryResult(root, name, commit, projects);
                Console.WriteLine($"  {projects.Count} projects, {result.Files} files, {result.Lines} lines, {result.Errors} compiler errors");
                await MeasureAsync(result, groups, options, settings).ConfigureAwait(false);
                if (settings.Ide)
                {
                    await MeasureIdeAsync(result, groups, options).ConfigureAwait(false);
                }

                foreach (var (analyzer, message) in result.Timing.Exceptions)
                {
                    problems.Add($"analyzer exception (AD0001) in {analyzer} on {name}: {message}");
                }

                results.Add(result);
            }

            var report = new RealCodeReport(settings, groups, peers, results, problems);
            string markdown = report.ToMarkdown();
            Directory.CreateDirectory(Path.GetDirectoryName(settings.RealOutputPath)!);
            File.WriteAllText(settings.RealOutputPath, markdown);
            Console.WriteLine();
            Console.WriteLine($"wrote {settings.RealOutputPath}");
            if (settings.DiagnosticsOut is not null)
            {
                File.WriteAllLines(settings.DiagnosticsOut, results.SelectMany(r => r.OurDiagnostics
                    .Select(d => (Repo: r, Span: d.Location.GetLineSpan(), Diagnostic: d))
                    .OrderBy(x => x.Span.Path, StringComparer.Ordinal).ThenBy(x => x.Span.StartLinePosition.Line)
                    .Select(x => $"{x.Repo.Name}\t{x.Diagnostic.Id}\t{Path.GetRelativePath(x.Repo.Root, x.Span.Path)}:{x.Span.StartLinePosition.Line + 1}\t{x.Diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")));
                Console.WriteLine($"wrote {settings.DiagnosticsOut}");
            }

            foreach (string line in report.Summary())
            {
                Console.WriteLine(line);
            }

            foreach (var problem in problems)
            {
                Console.Error.WriteLine("problem: " + problem);
            }

            bool failed = report.Checks.Any(c => !c.Pass);
            Console.WriteLine(failed ? "budget: FAIL" : "budget: PASS");
            return problems.Count > 0 ? 2 : settings.Enforce && failed ? 1 : 0;
        }

        /// <summary>
        /// Our analyzers as another build has them (<c>--baseline</c>, e.g. main's DLL), loaded in a load context of their own,
        /// with the same <c>--analyzers</c> selection; null (after a message) when the DLL gives none.
        /// </summary>
        public static AnalyzerGroup? LoadBaseline(string dll, BenchSettings settings, ImmutableArray<DiagnosticAnalyzer> ours)
        {
            var reference = new AnalyzerFileReference(dll, new PeerLoader.PackageAssemblyLoader("baseline:" + dll));
            var errors = new List<string>();
            reference.AnalyzerLoadFailed += (_, e) => errors.Add($"{e.ErrorCode} {e.TypeName} {e.Message}");
            var ourTypes = ours.Select(a => a.GetType().FullName).ToHashSet(StringComparer.Ordinal);
            var analyzers = reference.GetAnalyzers(LanguageNames.CSharp)
                .Where(a => settings.Selects(a, a.SupportedDiagnostics.Select(d => d.Id)) && (!settings.Filtered || ourTypes.Contains(a.GetType().FullName)))
                .OrderBy(a => a.GetType().FullName, StringComparer.Ordinal)
                .ToImmutableArray();
            if (analyzers.IsEmpty || errors.Count > 0)
            {
                Console.Error.WriteLine($"--baseline {dll}: no analyzer loaded{(errors.Count > 0 ? ": " + string.Join("; ", errors) : string.Empty)}");
                return null;
            }

            Console.WriteLine($"baseline: {analyzers.Length} analyzers from {dll}");
            return new AnalyzerGroup("Bounded (baseline)", Ours: false, analyzers, Baseline: true);
        }

        /// <summary>
        /// Per repetition and per project: the compiler alone, then each group alone, each over a fresh compilation of that
        /// project (interleaved, so that a burst of load from other processes hits every group of a project alike; the groups'
        /// order rotates per repetition), summed over the projects.
        /// </summary>
        private static async Task MeasureAsync(RepositoryResult repository, IReadOnlyList<AnalyzerGroup> groups, AnalyzerOptions options, BenchSettings settings)
        {
            var timing = repository.Timing;
            for (int run = 0; run < settings.Warmup + settings.Repeat; run++)
            {
                bool record = run >= settings.Warmup;
                double compiler = 0;
                var times = groups.ToDictionary(g => g, g => g.Analyzers.ToDictionary(a => a, _ => 0.0));
                var diagnostics = groups.ToDictionary(g => g, _ => new List<Diagnostic>());
                foreach (var project in repository.Projects)
                {
                    compiler += Measurement.TimeCompiler(project.Fresh).Ms;

                    // The groups' order turns from one repetition to the next: none is always the first after the compiler.
                    foreach (var group in groups.Skip(run % groups.Count).Concat(groups.Take(run % groups.Count)))
                    {
                        var (projectTimes, projectDiagnostics) = await Measurement.AnalyzeAsync(project.Fresh(), group.Analyzers, options, timing.Exceptions).ConfigureAwait(false);
                        foreach (var (analyzer, ms) in projectTimes)
                        {
                            times[group][analyzer] += ms;
                        }

                        diagnostics[group].AddRange(projectDiagnostics.Where(d => d.Id != "AD0001"));
                    }
                }

                if (record)
                {
                    timing.CompilerMs.Add(compiler);
                }

                var line = new System.Text.StringBuilder($"  {(record ? "run" : "warm-up")} {run + 1 - (record ? settings.Warmup : 0)}: compiler {compiler:F0} ms");
                foreach (var group in groups)
                {
                    double sum = Measurement.Record(timing, group, times[group], diagnostics[group], record);
                    if (record && group.Ours)
                    {
                        repository.OurDiagnostics.Clear();
                        repository.OurDiagnostics.AddRange(diagnostics[group]);
                    }

                    line.Append($"; {group.Name} {sum:F0} ms");
                }

                Console.WriteLine(line.ToString());
            }
        }

        /// <summary>
        /// The IDE case: as an editor asks on a pause in typing, one document's semantic analysis at a time
        /// (<c>GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null)</c>), after the compiler's own diagnostics for that
        /// document (the squiggles the editor computes anyway), for our pack and for NetAnalyzers' CA2016+CA1849, each over a
        /// fresh compilation of the project. Generated documents are not opened in an editor and are skipped.
        /// </summary>
        private static async Task MeasureIdeAsync(RepositoryResult repository, IReadOnlyList<AnalyzerGroup> groups, AnalyzerOptions options)
        {
            var ours = groups.First(g => g.Ours);
            var peer = groups.FirstOrDefault(g => g.Name == "Microsoft.CodeAnalysis.NetAnalyzers");
            var baseline = groups.FirstOrDefault(g => g.Baseline);
            var exceptions = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            bool first = true;
            foreach (var project in repository.Projects)
            {
                var documents = project.Trees.Take(project.SourceFiles).ToList();
                var oursTimes = await TimeDocumentsAsync(project, documents, ours.Analyzers, options, exceptions).ConfigureAwait(false);
                var peerTimes = peer is null ? null : await TimeDocumentsAsync(project, documents, peer.Analyzers, options, exceptions).ConfigureAwait(false);
                var baselineTimes = baseline is null ? null : await TimeDocumentsAsync(project, documents, baseline.Analyzers, options, exceptions).ConfigureAwait(false);
                for (int i = 0; i < documents.Count; i++)
                {
                    if (first && i == 0)
                    {
                        repository.FirstDocumentOursMs = oursTimes[i].Analyzer;
                        repository.FirstDocumentPeerMs = peerTimes?[i].Analyzer ?? double.NaN;
                    }

                    repository.Documents.Add(new DocumentTiming(
                        Path.GetRelativePath(repository.Root, documents[i].FilePath),
                        documents[i].GetText().Lines.Count,
                        oursTimes[i].Compiler,
                        oursTimes[i].Analyzer,
                        peerTimes?[i].Analyzer ?? double.NaN,
                        baselineTimes?[i].Analyzer ?? double.NaN));
                }

                first = false;
            }

            foreach (var (analyzer, message) in exceptions)
            {
                repository.Timing.Exceptions.TryAdd(analyzer, "(IDE case) " + message);
            }
        }

        private static async Task<List<(double Compiler, double Analyzer)>> TimeDocumentsAsync(CompiledProject project, List<SyntaxTree> documents, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions options, ConcurrentDictionary<string, string> exceptions)
        {
            var compilation = project.Fresh();
            _ = compilation.GetSpecialType(SpecialType.System_Object);
            var withAnalyzers = compilation.WithAnalyzers(
                analyzers,
                new CompilationWithAnalyzersOptions(
                    options,
                    onAnalyzerException: (ex, analyzer, _) => exceptions.TryAdd(analyzer.GetType().FullName!, ex.GetType().Name + ": " + ex.Message),
                    concurrentAnalysis: false,
                    logAnalyzerExecutionTime: false,
                    reportSuppressedDiagnostics: false));
            Measurement.Collect();
            var times = new List<(double, double)>();
            foreach (var document in documents)
            {
                var model = withAnalyzers.Compilation.GetSemanticModel(document);
                var watch = Stopwatch.StartNew();
                _ = model.GetDiagnostics();
                double compiler = watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                _ = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, CancellationToken.None).ConfigureAwait(false);
                times.Add((compiler, watch.Elapsed.TotalMilliseconds));
            }

            return times;
        }

        private static string GitCommit(string root)
        {
            try
            {
                var info = new ProcessStartInfo("git", $"-C \"{root}\" rev-parse HEAD") { RedirectStandardOutput = true, RedirectStandardError = true };
                using var process = Process.Start(info)!;
                string output = process.StandardOutput.ReadToEnd().Trim();
                process.WaitForExit();
                return process.ExitCode == 0 && output.Length >= 7 ? output : "unknown";
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return "unknown";
            }
        }
    }
}
