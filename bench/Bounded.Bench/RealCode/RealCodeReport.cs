using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime;
using System.Text;
using Bounded.Analyzers;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Bench.RealCode
{
    /// <summary>The real-code report: a summary table over the repositories, then per repository the analyzers, rules, compile fidelity and the IDE case.</summary>
    internal sealed class RealCodeReport
    {
        /// <summary>Our rules that the Cancellation+Async peer check covers, and the peer rules they are compared with.</summary>
        public static readonly string[] OurCancellationAsync = { "BND3001", "BND3002", "BND4001", "BND4002" };

        public static readonly string[] PeerCancellationAsync = { "CA2016", "CA1849" };

        private static readonly string[] Families = { Rules.Categories.Domains, Rules.Categories.Api, Rules.Categories.Cancellation, Rules.Categories.Async, Rules.Categories.Concurrency };

        private readonly BenchSettings settings;
        private readonly IReadOnlyList<AnalyzerGroup> groups;
        private readonly IReadOnlyList<PeerPackage> peers;
        private readonly IReadOnlyList<RepositoryResult> results;
        private readonly IReadOnlyList<string> problems;

        public RealCodeReport(BenchSettings settings, IReadOnlyList<AnalyzerGroup> groups, IReadOnlyList<PeerPackage> peers, IReadOnlyList<RepositoryResult> results, IReadOnlyList<string> problems)
        {
            this.settings = settings;
            this.groups = groups;
            this.peers = peers;
            this.results = results;
            this.problems = problems;
            foreach (var r in results)
            {
                double share = Pack(r) / r.Timing.Compiler;
                Checks.Add(new BudgetCheck($"whole pack vs compiler on {r.Name}", $"{Pack(r):F0} ms = {Report.Percent(share)} of {r.Timing.Compiler:F0} ms", Report.Percent(Report.PackShareLimit), share <= Report.PackShareLimit));
                var (ours, peer) = CancellationAsync(r);
                if (!double.IsNaN(peer))
                {
                    Checks.Add(new BudgetCheck($"{string.Join("+", OurCancellationAsync)} vs {string.Join("+", PeerCancellationAsync)} on {r.Name}", $"{ours:F0} ms vs {peer:F0} ms = {Report.Times(ours / peer)}", "1.00x", ours <= peer || ours < Math.Max(Report.NoiseFloorMinMs, r.Timing.Compiler * Report.NoiseFloorShare)));
                }
            }
        }

        public List<BudgetCheck> Checks { get; } = new();

        private AnalyzerGroup Ours => groups.First(g => g.Ours);

        private AnalyzerGroup? Baseline => groups.FirstOrDefault(g => g.Baseline);

        private static string TypeName(DiagnosticAnalyzer a) => a.GetType().FullName!;

        private double Pack(RepositoryResult r) => r.Timing.Group(Ours.Name);

        private double BaselinePack(RepositoryResult r) => Baseline is null ? double.NaN : r.Timing.Group(Baseline.Name);

        private double Time(RepositoryResult r, AnalyzerGroup group, DiagnosticAnalyzer analyzer) => r.Timing.Analyzer(Measurement.Key(group, TypeName(analyzer)));

        private double Family(RepositoryResult r, string category) =>
            Ours.Analyzers.Where(a => a.SupportedDiagnostics.FirstOrDefault()?.Category == category).Sum(a => r.Timing.Analyzer(TypeName(a)));

        /// <summary>Our analyzers reporting BND3001/3002/4001/4002, and the peer analyzers reporting CA2016/CA1849 (NaN when none ran).</summary>
        private (double Ours, double Peer) CancellationAsync(RepositoryResult r)
        {
            double ours = CancellationAsyncOf(r, Ours);
            var peerAnalyzers = groups.Where(g => !g.Ours && !g.Baseline).SelectMany(g => g.Analyzers).Where(a => a.SupportedDiagnostics.Any(d => PeerCancellationAsync.Contains(d.Id))).ToList();
            return (ours, peerAnalyzers.Count == 0 ? double.NaN : peerAnalyzers.Sum(a => r.Timing.Analyzer(TypeName(a))));
        }

        private double CancellationAsyncOf(RepositoryResult r, AnalyzerGroup? group) =>
            group is null ? double.NaN : group.Analyzers.Where(a => a.SupportedDiagnostics.Any(d => OurCancellationAsync.Contains(d.Id))).Sum(a => Time(r, group, a));

        private int Count(RepositoryResult r, string id) => r.Timing.DiagnosticCounts.TryGetValue(id, out int n) ? n : 0;

        public IEnumerable<string> Summary()
        {
            foreach (var r in results)
            {
                var (ours, peer) = CancellationAsync(r);
                yield return $"{r.Name}: compiler {r.Timing.Compiler:F0} ms, pack {Pack(r):F0} ms ({Report.Percent(Pack(r) / r.Timing.Compiler)}), Cancellation+Async {ours:F0} ms vs CA2016+CA1849 {peer:F0} ms ({Report.Times(ours / peer)}), {r.Errors} compiler errors";
                if (Baseline is not null)
                {
                    yield return $"  baseline: pack {BaselinePack(r):F0} ms ({Report.Percent(BaselinePack(r) / r.Timing.Compiler)}), Cancellation+Async {CancellationAsyncOf(r, Baseline):F0} ms; pack now / baseline {Report.Times(Pack(r) / BaselinePack(r))}";
                    yield return "  baseline diagnostics: " + string.Join(", ", Baseline.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal).Select(id => $"{id}={Count(r, "baseline:" + id)}"));
                }

                yield return "  ours: " + string.Join(", ", Ours.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal).Select(id => $"{id}={Count(r, id)}"));
            }

            foreach (var check in Checks)
            {
                yield return $"{(check.Pass ? "PASS" : "FAIL")}  {check.Name}: {check.Value} (limit {check.Limit})";
            }
        }

        public string ToMarkdown()
        {
            var sb = new StringBuilder();
            sb.AppendLine("# Performance on real code");
            sb.AppendLine();
            sb.AppendLine($"Generated by `dotnet run --project bench/Bounded.Bench -c Release -- {settings.CommandLine}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Do not edit by hand: rerun the command.");
            sb.AppendLine("The generated-corpus numbers are in [performance.md](performance.md); how the real-code mode compiles a repository is in `bench/README.md`.");
            sb.AppendLine();
            sb.AppendLine("Each repository's C# projects are compiled in memory, each as its build would (sources, project references, packages from the");
            sb.AppendLine("NuGet cache, framework reference packs, implicit usings, source generators run first). Per repetition, the compiler alone");
            sb.AppendLine("(`GetDiagnostics()`), our pack alone and each peer package alone run over fresh compilations of every project, single-threaded,");
            sb.AppendLine($"and the times are summed over the projects; {settings.Warmup} warm-up pass, then medians of {settings.Repeat}. Our rules run at their defaults with no");
            sb.AppendLine("`bounded.*` option, as for a new user. The machine is shared with other builds: compare ratios measured in the same run, not milliseconds.");
            sb.AppendLine($"Machine: {Environment.ProcessorCount} logical cores, .NET {Environment.Version}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, Roslyn {PeerLoader.HostRoslyn.ToString(3)}.");
            sb.AppendLine();
            sb.AppendLine("## Summary");
            sb.AppendLine();
            sb.AppendLine($"| Repository | Commit | Projects | Files | Lines | Compiler errors | Compiler (ms) | Pack (ms) | Pack share | {string.Join(" | ", Families.Select(f => f + " share"))} | Cancellation+Async (ms) | CA2016+CA1849 (ms) | Ratio |{(Baseline is null ? string.Empty : " Baseline pack (ms) | Baseline share | Baseline Cancellation+Async (ms) |")}");
            sb.AppendLine($"|---|---|---|---|---|---|---|---|---|{string.Concat(Families.Select(_ => "---|"))}---|---|---|{(Baseline is null ? string.Empty : "---|---|---|")}");
            foreach (var r in results)
            {
                var (ours, peer) = CancellationAsync(r);
                string families = string.Join(" | ", Families.Select(f => Report.Percent(Family(r, f) / r.Timing.Compiler)));
                sb.AppendLine($"| {r.Name} | `{Short(r.Commit)}` | {r.Projects.Count} | {r.Files} | {r.Lines} | {r.Errors} | {r.Timing.Compiler:F0} | {Pack(r):F0} | {Report.Percent(Pack(r) / r.Timing.Compiler)} | {families} | {ours:F0} | {peer:F0} | {Report.Times(ours / peer)} |{(Baseline is null ? string.Empty : $" {BaselinePack(r):F0} | {Report.Percent(BaselinePack(r) / r.Timing.Compiler)} | {CancellationAsyncOf(r, Baseline):F0} |")}");
            }

            if (Baseline is not null)
            {
                sb.AppendLine();
                sb.AppendLine($"Baseline: `{settings.BaselineDll}`, timed side by side with this build over the same compilations in the same run.");
            }

            sb.AppendLine();
            sb.AppendLine($"Budget: the whole pack at most {Report.Percent(Report.PackShareLimit)} of the compiler's time on each repository; our {string.Join("+", OurCancellationAsync)} together no costlier than NetAnalyzers' {string.Join("+", PeerCancellationAsync)}.");
            sb.AppendLine();
            sb.AppendLine("| Check | Measured | Limit | Result |");
            sb.AppendLine("|---|---|---|---|");
            foreach (var check in Checks)
            {
                sb.AppendLine($"| {check.Name} | {check.Value} | {check.Limit} | {(check.Pass ? "PASS" : "**FAIL**")} |");
            }

            sb.AppendLine();
            sb.AppendLine("## Diagnostics per rule");
            sb.AppendLine();
            var ids = Ours.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id)
                .Concat(PeerMap.AllPeerIds.Where(id => groups.Any(g => !g.Ours && g.Analyzers.Any(a => a.SupportedDiagnostics.Any(d => d.Id == id)))))
                .Distinct().OrderBy(id => id.StartsWith("BND", StringComparison.Ordinal) ? 0 : 1).ThenBy(id => id, StringComparer.Ordinal).ToList();
            sb.AppendLine($"| Rule | {string.Join(" | ", results.Select(r => r.Name))} |");
            sb.AppendLine($"|---|{string.Concat(results.Select(_ => "---|"))}");
            foreach (string id in ids)
            {
                sb.AppendLine($"| {id} | {string.Join(" | ", results.Select(r => Count(r, id).ToString(CultureInfo.InvariantCulture) + (Baseline is not null && id.StartsWith("BND", StringComparison.Ordinal) && Count(r, "baseline:" + id) != Count(r, id) ? $" (baseline {Count(r, "baseline:" + id)})" : string.Empty)))} |");
            }

            foreach (var r in results)
            {
                Repository(sb, r);
            }

            sb.AppendLine();
            sb.AppendLine("## Peer packages");
            sb.AppendLine();
            foreach (var peer in peers)
            {
                sb.AppendLine($"- {peer.Name} {peer.Version}: {(peer.Loaded ? "loaded" : "FAILED: " + string.Join("; ", peer.Errors))}");
            }

            if (problems.Count > 0)
            {
                sb.AppendLine();
                sb.AppendLine("## Problems");
                sb.AppendLine();
                foreach (var problem in problems)
                {
                    sb.AppendLine($"- {problem}");
                }
            }

            return sb.ToString();
        }

        private void Repository(StringBuilder sb, RepositoryResult r)
        {
            sb.AppendLine();
            sb.AppendLine($"## {r.Name}");
            sb.AppendLine();
            sb.AppendLine($"Commit `{r.Commit}`; {r.Projects.Count} projects, {r.Files} files, {r.Lines} lines; compiler {r.Timing.Compiler:F0} ms (runs: {string.Join(", ", r.Timing.CompilerMs.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)))}).");
            sb.AppendLine();
            sb.AppendLine("| Package | Analyzer | Rules | Diagnostics | Median (ms) | Share of compiler | Runs (ms) |");
            sb.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var group in groups)
            {
                foreach (var analyzer in group.Analyzers.OrderByDescending(a => Time(r, group, a)))
                {
                    var rules = analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct().Where(id => group.Ours || group.Baseline || PeerMap.AllPeerIds.Contains(id)).OrderBy(id => id, StringComparer.Ordinal).ToList();
                    double ms = Time(r, group, analyzer);
                    string runs = r.Timing.AnalyzerMs.TryGetValue(Measurement.Key(group, TypeName(analyzer)), out var list) ? string.Join(", ", list.Select(m => m.ToString("F0", CultureInfo.InvariantCulture))) : "-";
                    sb.AppendLine($"| {group.Name} | `{analyzer.GetType().Name}` | {string.Join(", ", rules)} | {rules.Sum(id => Count(r, Measurement.Key(group, id)))} | {ms:F1} | {Report.Percent(ms / r.Timing.Compiler)} | {runs} |");
                }

                double groupMs = r.Timing.Group(group.Name);
                sb.AppendLine($"| **{group.Name}** | all | | | **{groupMs:F1}** | **{Report.Percent(groupMs / r.Timing.Compiler)}** | |");
            }

            sb.AppendLine();
            sb.AppendLine("Compile fidelity (errors are code binding to error types, mostly from a package the cache lacks or a generator not run):");
            sb.AppendLine();
            sb.AppendLine("| Project | Files | Lines | Generated | Errors | Top error codes | Unresolved packages |");
            sb.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var p in r.Projects)
            {
                sb.AppendLine($"| {p.Spec.Name}{(p.Spec.IsTest ? " (test)" : string.Empty)} | {p.SourceFiles} | {p.Lines} | {p.GeneratedFiles} | {p.Errors} | {string.Join(", ", p.TopErrors.Select(e => $"{e.Code} x{e.Count}"))} | {string.Join(", ", p.UnresolvedPackages)} |");
            }

            if (r.Documents.Count > 0)
            {
                var ordered = r.Documents.OrderByDescending(d => d.OursMs).ToList();
                sb.AppendLine();
                sb.AppendLine($"IDE case: {r.Documents.Count} documents analysed one at a time (`GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null)`). Our pack: total {r.Documents.Sum(d => d.OursMs):F0} ms, median {CorpusResult.Median(r.Documents.Select(d => d.OursMs).ToList()):F2} ms per document;");
                sb.AppendLine($"CA2016+CA1849: total {r.Documents.Sum(d => d.PeerMs):F0} ms, median {CorpusResult.Median(r.Documents.Select(d => d.PeerMs).ToList()):F2} ms; the compiler's diagnostics for the documents: {r.Documents.Sum(d => d.CompilerMs):F0} ms.");
                sb.AppendLine($"The first document also pays the compilation-wide start: ours {r.FirstDocumentOursMs:F0} ms, CA2016+CA1849 {r.FirstDocumentPeerMs:F0} ms.");
                if (Baseline is not null)
                {
                    sb.AppendLine($"Baseline pack: total {r.Documents.Sum(d => d.BaselineMs):F0} ms, median {CorpusResult.Median(r.Documents.Select(d => d.BaselineMs).ToList()):F2} ms per document.");
                }

                sb.AppendLine();
                sb.AppendLine("Slowest documents for our pack:");
                sb.AppendLine();
                sb.AppendLine($"| Document | Lines | Compiler (ms) | Our pack (ms) | CA2016+CA1849 (ms) |{(Baseline is null ? string.Empty : " Baseline pack (ms) |")}");
                sb.AppendLine($"|---|---|---|---|---|{(Baseline is null ? string.Empty : "---|")}");
                foreach (var d in ordered.Take(settings.TopDocuments))
                {
                    sb.AppendLine($"| {d.Path} | {d.Lines} | {d.CompilerMs:F1} | {d.OursMs:F1} | {d.PeerMs:F1} |{(Baseline is null ? string.Empty : $" {d.BaselineMs:F1} |")}");
                }
            }
        }

        private static string Short(string commit) => commit.Length > 12 ? commit[..12] : commit;
    }
}
