using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Bounded.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Bench
{
    internal static class Program
    {
        /// <summary>Exit codes: 0 ok (or budget FAIL without --enforce), 1 budget FAIL with --enforce, 2 the runner could not measure.</summary>
        public static async Task<int> Main(string[] args)
        {
            BenchSettings settings;
            try
            {
                settings = BenchSettings.Parse(args);
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine(ex.Message);
                Console.Error.WriteLine(BenchSettings.Usage);
                return 2;
            }

            if (settings.Help)
            {
                Console.WriteLine(BenchSettings.Usage);
                return 0;
            }

            var ours = OurAnalyzers().Where(a => settings.Selects(a, a.SupportedDiagnostics.Select(d => d.Id))).ToImmutableArray();
            var peers = PeerLoader.LoadAll();
            foreach (var peer in peers)
            {
                Console.WriteLine(peer.Loaded
                    ? $"peer {peer.Name} {peer.Version}: {peer.Analyzers.Length} analyzers from {peer.Files.Length} DLL(s), built against Roslyn {string.Join("/", peer.BuiltAgainst)}"
                    : $"peer {peer.Name} {peer.Version}: FAILED TO LOAD: {string.Join("; ", peer.Errors)}");
            }

            var peerGroups = peers.Where(p => p.Loaded)
                .Select(p => new AnalyzerGroup(p.Name, Ours: false, p.Analyzers
                    .Where(a => a.SupportedDiagnostics.Any(d => PeerMap.AllPeerIds.Contains(d.Id))
                        && settings.Selects(a, a.SupportedDiagnostics.Select(d => d.Id).Where(PeerMap.AllPeerIds.Contains)))
                    .ToImmutableArray()))
                .Where(g => !g.Analyzers.IsEmpty)
                .ToList();
            if (settings.Filtered && ours.IsEmpty && peerGroups.Count == 0)
            {
                Console.Error.WriteLine($"--analyzers {string.Join(",", settings.AnalyzerFilters)} selects no analyzer");
                return 2;
            }

            if (settings.Filtered)
            {
                Console.WriteLine("selected: " + string.Join(", ", ours.Concat(peerGroups.SelectMany(g => g.Analyzers)).Select(a => a.GetType().Name)));
            }

            var groups = new List<AnalyzerGroup> { new("Bounded", Ours: true, ours) };
            groups.AddRange(peerGroups);

            // Our rules at their default severity; of the peers, exactly the rules the map compares against.
            var severities = new Dictionary<string, ReportDiagnostic>(StringComparer.Ordinal);
            foreach (var analyzer in peers.SelectMany(p => p.Analyzers))
            {
                foreach (var d in analyzer.SupportedDiagnostics)
                {
                    severities[d.Id] = PeerMap.AllPeerIds.Contains(d.Id) ? ReportDiagnostic.Warn : ReportDiagnostic.Suppress;
                }
            }

            if (settings.RealCode)
            {
                if (settings.Restore)
                {
                    return RealCode.CacheFiller.Run(settings.Roots);
                }

                if (settings.BaselineDll is not null)
                {
                    var baseline = RealCode.RealCodeBench.LoadBaseline(settings.BaselineDll, settings, ours);
                    if (baseline is null)
                    {
                        return 2;
                    }

                    groups.Insert(1, baseline);
                }

                return await RealCode.RealCodeBench.RunAsync(settings, groups, peers, severities.ToImmutableDictionary()).ConfigureAwait(false);
            }

            var references = BenchReferences.Load();
            var analyzerOptions = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new BenchConfigOptionsProvider(BenchConfig));
            var results = new List<CorpusResult>();
            var problems = new List<string>();

            for (int c = 0; c < settings.Sizes.Count; c++)
            {
                int size = settings.Sizes[c];
                // A corpus is a function of its size and the seed alone, so a run with --sizes or --analyzers measures
                // exactly the code the full run measures (it used the corpus's position in the list).
                var corpus = CorpusGenerator.Generate(SizeName(size), size, unchecked(settings.Seed + size));
                var trees = Measurement.Parse(corpus);
                var severityMap = severities.ToImmutableDictionary();
                Func<Microsoft.CodeAnalysis.CSharp.CSharpCompilation> fresh = () => Measurement.CreateCompilation(corpus, trees, references, severityMap);
                var result = new CorpusResult(corpus, corpus.Lines);
                Console.WriteLine($"corpus {corpus.Name}: {corpus.Files.Length} files, {result.Lines} lines, {corpus.Features} features in {corpus.Modules} modules");

                int warmups = c == 0 ? settings.Warmup : 0;
                for (int run = 0; run < warmups + settings.Repeat; run++)
                {
                    bool record = run >= warmups;
                    var (compiler, compilerDiagnostics) = Measurement.TimeCompiler(fresh);
                    if (run == 0 && !CompilesCleanly(corpus, compilerDiagnostics))
                    {
                        return 2;
                    }

                    if (record)
                    {
                        result.CompilerMs.Add(compiler);
                    }

                    var line = new System.Text.StringBuilder($"  {(record ? "run" : "warm-up")} {run + 1 - (record ? warmups : 0)}: compiler {compiler:F0} ms");
                    foreach (var group in groups)
                    {
                        double ms = await Measurement.RunGroupAsync(fresh, group, analyzerOptions, result, record).ConfigureAwait(false);
                        line.Append($"; {group.Name} {ms:F0} ms");
                    }

                    Console.WriteLine(line.ToString());
                }

                results.Add(result);
            }

            foreach (var r in results)
            {
                foreach (var (analyzer, message) in r.Exceptions)
                {
                    problems.Add($"analyzer exception (AD0001) in {analyzer} on corpus {r.Corpus.Name}: {message}");
                }
            }

            foreach (var peer in peers.Where(p => !p.Loaded))
            {
                problems.Add($"peer {peer.Name} failed to load: {string.Join("; ", peer.Errors)}");
            }

            var report = new Report(settings, groups, peers, results, problems);
            string markdown = report.ToMarkdown();
            Directory.CreateDirectory(Path.GetDirectoryName(settings.OutputPath)!);
            File.WriteAllText(settings.OutputPath, markdown);
            Console.WriteLine();
            Console.WriteLine($"wrote {settings.OutputPath}");
            Console.WriteLine();
            foreach (var check in report.Checks)
            {
                Console.WriteLine($"{(check.Pass ? "PASS" : "FAIL")}  {check.Name}: {check.Value} (limit {check.Limit})");
            }

            foreach (var note in report.Notes)
            {
                Console.WriteLine("note: " + note);
            }

            foreach (var problem in problems)
            {
                Console.Error.WriteLine("problem: " + problem);
            }

            bool budgetFailed = report.Checks.Any(c => !c.Pass);
            Console.WriteLine(budgetFailed ? "budget: FAIL" : "budget: PASS");

            if (settings.Smoke)
            {
                var smokeFailures = SmokeFailures(settings.OutputPath, groups, problems);
                foreach (var failure in smokeFailures)
                {
                    Console.Error.WriteLine("bench smoke: " + failure);
                }

                if (smokeFailures.Count > 0)
                {
                    Console.WriteLine("bench smoke: FAILED");
                    return 2;
                }

                Console.WriteLine($"bench smoke: OK ({groups.Sum(g => g.Analyzers.Length)} analyzers measured)");
                return settings.Enforce && budgetFailed ? 1 : 0;
            }

            if (problems.Count > 0)
            {
                return 2;
            }

            return settings.Enforce && budgetFailed ? 1 : 0;
        }

        /// <summary>The generated corpus must compile: analyzers measured on broken code measure nothing useful.</summary>
        private static bool CompilesCleanly(Corpus corpus, ImmutableArray<Diagnostic> diagnostics)
        {
            var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count == 0)
            {
                return true;
            }

            Console.Error.WriteLine($"the generated corpus '{corpus.Name}' does not compile ({errors.Count} errors); first ones:");
            foreach (var e in errors.Take(15))
            {
                Console.Error.WriteLine("  " + e);
            }

            return false;
        }

        /// <summary>The pack's analyzers, found by reflection as a host finds them: every rule is measured the moment it lands.</summary>
        internal static ImmutableArray<DiagnosticAnalyzer> OurAnalyzers() =>
            typeof(Rules).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() != null)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();

        /// <summary>The corpus's .globalconfig: the defaults written out, as a project adopting Bounded would.</summary>
        internal static readonly IReadOnlyDictionary<string, string> BenchConfig = new Dictionary<string, string>
        {
            ["bounded.domain_patterns"] = "**.Modules.{domain}",
            ["bounded.domain_public_namespaces"] = "Contracts, IntegrationEvents, PublicApi",
            ["bounded.BND5001.max_fixed_fan_out"] = "16",
        };

        private static string SizeName(int lines) => lines >= 1000 ? $"{lines / 1000}k" : lines.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private static List<string> SmokeFailures(string path, IReadOnlyList<AnalyzerGroup> groups, IReadOnlyList<string> problems)
        {
            var failures = new List<string>(problems);
            if (!File.Exists(path))
            {
                failures.Add($"the report {path} was not written");
                return failures;
            }

            string text = File.ReadAllText(path);
            foreach (string heading in new[] { "## Corpora", "## Our analyzers", "## Peer rules", "## Our rules against the closest peer rules", "## Budget" })
            {
                if (!text.Contains(heading, StringComparison.Ordinal))
                {
                    failures.Add($"the report lacks the section '{heading}'");
                }
            }

            foreach (var analyzer in groups.SelectMany(g => g.Analyzers))
            {
                if (!text.Contains($"`{analyzer.GetType().Name}`", StringComparison.Ordinal))
                {
                    failures.Add($"the report has no row for {analyzer.GetType().FullName}");
                }
            }

            if (groups.Count(g => !g.Ours) == 0)
            {
                failures.Add("no peer analyzer was measured");
            }

            return failures;
        }
    }
}
