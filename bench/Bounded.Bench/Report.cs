using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using Bounded.Analyzers;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Bench
{
    /// <summary>One budget check and its verdict.</summary>
    internal sealed record BudgetCheck(string Name, string Value, string Limit, bool Pass);

    /// <summary>Turns the medians into the budget verdicts and the Markdown report.</summary>
    internal sealed class Report
    {
        /// <summary>The whole pack may cost at most this share of the compiler's own time on the largest corpus.</summary>
        public const double PackShareLimit = 0.10;

        /// <summary>Cost on the largest corpus over cost on the middle one may be at most this times the line ratio (5x for 4x the code).</summary>
        public const double GrowthSlack = 1.25;

        /// <summary>Below this share of the compiler's time an analyzer's time is noise on a shared machine: growth and peer checks pass.</summary>
        public const double NoiseFloorShare = 0.0025;

        public const double NoiseFloorMinMs = 1.0;

        private static readonly string[] BudgetedCategories = { Rules.Categories.Cancellation, Rules.Categories.Async };

        private readonly BenchSettings settings;
        private readonly IReadOnlyList<AnalyzerGroup> groups;
        private readonly IReadOnlyList<PeerPackage> peers;
        private readonly IReadOnlyList<CorpusResult> results;
        private readonly IReadOnlyList<string> problems;

        public Report(BenchSettings settings, IReadOnlyList<AnalyzerGroup> groups, IReadOnlyList<PeerPackage> peers, IReadOnlyList<CorpusResult> results, IReadOnlyList<string> problems)
        {
            this.settings = settings;
            this.groups = groups;
            this.peers = peers;
            this.results = results;
            this.problems = problems;
            Checks = EvaluateBudget();
        }

        public List<BudgetCheck> Checks { get; }

        public List<string> Notes { get; } = new();

        private CorpusResult Largest => results[^1];

        private CorpusResult? Middle => results.Count >= 2 ? results[^2] : null;

        private AnalyzerGroup Ours => groups.First(g => g.Ours);

        private IEnumerable<DiagnosticAnalyzer> PeerAnalyzers => groups.Where(g => !g.Ours).SelectMany(g => g.Analyzers);

        /// <summary>What the pack-wide rows and checks cover: the whole pack, or the <c>--analyzers</c> selection of it.</summary>
        private string PackName => settings.Filtered ? "selected analyzers of the pack" : "whole pack";

        private static string TypeName(DiagnosticAnalyzer a) => a.GetType().FullName!;

        private static double NoiseFloor(CorpusResult r) => Math.Max(NoiseFloorMinMs, r.Compiler * NoiseFloorShare);

        private static double Per10k(double ms, CorpusResult r) => ms * 10000.0 / r.Lines;

        /// <summary>The analyzers (ours or enabled peers) that report <paramref name="id"/>, and their summed median on <paramref name="r"/>.</summary>
        private (IReadOnlyList<DiagnosticAnalyzer> Analyzers, double Ms) Cost(string id, CorpusResult r, bool ours)
        {
            var analyzers = (ours ? Ours.Analyzers.AsEnumerable() : PeerAnalyzers)
                .Where(a => a.SupportedDiagnostics.Any(d => d.Id == id))
                .ToList();
            return (analyzers, analyzers.Sum(a => r.Analyzer(TypeName(a))));
        }

        private string? OurCategory(string id) =>
            Ours.Analyzers.SelectMany(a => a.SupportedDiagnostics).FirstOrDefault(d => d.Id == id)?.Category;

        private List<BudgetCheck> EvaluateBudget()
        {
            var checks = new List<BudgetCheck>();
            var largest = Largest;
            double pack = largest.Group(Ours.Name);
            double share = pack / largest.Compiler;
            checks.Add(new BudgetCheck(
                $"{PackName} vs compiler on the {largest.Corpus.Name} corpus",
                $"{pack:F1} ms = {Percent(share)} of {largest.Compiler:F0} ms",
                $"{Percent(PackShareLimit)}",
                share <= PackShareLimit));

            foreach (var row in PeerMap.Rows)
            {
                string? category = OurCategory(row.RuleId);
                if (category is null || !BudgetedCategories.Contains(category))
                {
                    continue;
                }

                var (_, ourMs) = Cost(row.RuleId, largest, ours: true);
                var peerCosts = row.PeerIds
                    .Select(id => (Id: id, Cost: Cost(id, largest, ours: false)))
                    .Where(p => p.Cost.Analyzers.Count > 0)
                    .ToList();
                if (peerCosts.Count == 0)
                {
                    Notes.Add($"{row.RuleId}: no peer rule of the map ({string.Join(", ", row.PeerIds)}) was {(settings.Filtered ? "selected or " : string.Empty)}loaded; not compared");
                    continue;
                }

                var cheapest = peerCosts.OrderBy(p => p.Cost.Ms).First();
                bool belowNoise = ourMs <= NoiseFloor(largest);
                checks.Add(new BudgetCheck(
                    $"{row.RuleId} vs the cheapest peer rule ({cheapest.Id}) on the {largest.Corpus.Name} corpus",
                    $"{ourMs:F1} ms vs {cheapest.Cost.Ms:F1} ms" + (belowNoise ? $" (below the noise floor of {NoiseFloor(largest):F1} ms)" : string.Empty),
                    "no costlier than the cheapest peer",
                    ourMs <= cheapest.Cost.Ms || belowNoise));
            }

            if (Middle is { } middle)
            {
                double lineRatio = (double)largest.Lines / middle.Lines;
                double limit = lineRatio * GrowthSlack;
                foreach (var analyzer in Ours.Analyzers)
                {
                    double big = largest.Analyzer(TypeName(analyzer));
                    double mid = middle.Analyzer(TypeName(analyzer));
                    double growth = big / mid;
                    bool belowNoise = big <= NoiseFloor(largest);
                    checks.Add(new BudgetCheck(
                        $"growth of {analyzer.GetType().Name} from {middle.Corpus.Name} to {largest.Corpus.Name}",
                        $"{Times(growth)} ({mid:F1} -> {big:F1} ms)" + (belowNoise ? $", below the noise floor of {NoiseFloor(largest):F1} ms" : string.Empty),
                        $"{Times(limit)} for {Times(lineRatio)} the lines",
                        growth <= limit || belowNoise));
                }

                double packGrowth = largest.Group(Ours.Name) / middle.Group(Ours.Name);
                bool packBelowNoise = largest.Group(Ours.Name) <= NoiseFloor(largest);
                checks.Add(new BudgetCheck(
                    $"growth of the {PackName} from {middle.Corpus.Name} to {largest.Corpus.Name}",
                    $"{Times(packGrowth)}" + (packBelowNoise ? $", below the noise floor of {NoiseFloor(largest):F1} ms" : string.Empty),
                    $"{Times(limit)} for {Times(lineRatio)} the lines",
                    packGrowth <= limit || packBelowNoise));
            }
            else
            {
                Notes.Add("one corpus only: growth is not checked");
            }

            foreach (var problem in problems.Where(p => Ours.Analyzers.Any(a => p.Contains(TypeName(a), StringComparison.Ordinal))))
            {
                checks.Add(new BudgetCheck("no analyzer exception in the pack", problem, "none", false));
            }

            foreach (var row in PeerMap.Rows.Where(r => OurCategory(r.RuleId) is null))
            {
                Notes.Add(settings.Filtered
                    ? $"{row.RuleId} is not selected by --analyzers: its row of the peer map is skipped"
                    : $"{row.RuleId} has not landed in the pack yet: its row of the peer map is skipped");
            }

            foreach (var analyzer in Ours.Analyzers)
            {
                foreach (var d in analyzer.SupportedDiagnostics.Where(d => d.Id != "BND0001" && !Largest.DiagnosticCounts.ContainsKey(d.Id)))
                {
                    Notes.Add($"{d.Id} reported nothing on the {Largest.Corpus.Name} corpus, which holds violations of every rule");
                }
            }

            return checks;
        }

        public string ToMarkdown()
        {
            var sb = new StringBuilder();
            var largest = Largest;
            var middle = Middle;
            string command = settings.Smoke
                ? "dotnet run --project bench/Bounded.Bench -c Release -- --smoke"
                : "dotnet run --project bench/Bounded.Bench -c Release";
            sb.AppendLine("# Performance");
            sb.AppendLine();
            sb.AppendLine($"Generated by `{command}`{(settings.CommandLine.Length > 0 && !settings.Smoke ? $" (arguments: `{settings.CommandLine}`)" : string.Empty)} on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Do not edit by hand: rerun the command.");
            sb.AppendLine();
            sb.AppendLine("Measured on real repositories (the bench's real-code mode, `--root`): [performance-real.md](performance-real.md).");
            sb.AppendLine();
            sb.AppendLine("**Ratios matter, not absolute times.** The numbers come from a shared, noisy machine; what carries over to");
            sb.AppendLine("yours is each analyzer's cost relative to the compiler's own binding time and to the peer rule that covers the");
            sb.AppendLine("same ground on the same code. Every time is a median over the repetitions. Both the compiler and the analyzers");
            sb.AppendLine("run single-threaded (`concurrentBuild: false`, `concurrentAnalysis: false`) so their times are comparable;");
            sb.AppendLine("an analyzer's time is Roslyn's own execution-time telemetry (`logAnalyzerExecutionTime`), summed over its callbacks.");
            sb.AppendLine("Our pack and each peer package run alone, each in its own `CompilationWithAnalyzers` over a fresh copy of the");
            sb.AppendLine("compilation, as if it were the only package a project added (in one shared run, the driver's per-file work behind");
            sb.AppendLine("the first diagnostic in a file was charged to whichever analyzer reported there first; the compilation's references");
            sb.AppendLine("are bound before the analyzers start, so the first analyzer to touch a symbol is not charged for it). The process");
            sb.AppendLine("uses server GC, as csc and VBCSCompiler do: the telemetry is wall-clock time, so a collection's pause lands in");
            sb.AppendLine("whichever callback is running, and single medians still move by 20-30% from run to run.");
            sb.AppendLine("A peer analyzer's time covers all of its enabled rules: when one peer analyzer reports several rules of the");
            sb.AppendLine("map (Meziantou's MA0042 and MA0045 share one), each of those rules is charged the whole analyzer.");
            sb.AppendLine();

            sb.AppendLine("## Machine");
            sb.AppendLine();
            sb.AppendLine("| Property | Value |");
            sb.AppendLine("|---|---|");
            sb.AppendLine($"| OS | {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture}) |");
            sb.AppendLine($"| CPU | {CpuModel()}, {Environment.ProcessorCount} logical cores (shared with other builds while measuring) |");
            sb.AppendLine($"| .NET | {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC |");
            sb.AppendLine($"| Roslyn | Microsoft.CodeAnalysis {PeerLoader.HostRoslyn} |");
            sb.AppendLine($"| Runs | {settings.Warmup} warm-up, {settings.Repeat} measured per corpus, seed {settings.Seed} |");
            sb.AppendLine();

            sb.AppendLine("## Corpora");
            sb.AppendLine();
            sb.AppendLine("Generated by the runner (deterministic for the seed): a modular monolith of `Shop.Modules.<Module>.<Layer>` namespaces with");
            sb.AppendLine("entities and repository interfaces, services passing tokens and fanning out, EF Core contexts, repositories and");
            sb.AppendLine("configurations, a background worker per module, MVC controllers and minimal APIs, DTOs, and one deliberate");
            sb.AppendLine($"violation of a rule in a fixed rotation of features (every rule at least once per {CorpusGenerator.ViolationPeriod} features).");
            sb.AppendLine();
            sb.AppendLine("| Corpus | Files | Lines | Features | Modules | Compiler (ms) | Compiler per 10k lines (ms) |");
            sb.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var r in results)
            {
                sb.AppendLine($"| {r.Corpus.Name} | {r.Corpus.Files.Length} | {r.Lines} | {r.Corpus.Features} | {r.Corpus.Modules} | {r.Compiler:F0} | {Per10k(r.Compiler, r):F0} |");
            }

            sb.AppendLine();
            sb.AppendLine("## Our analyzers");
            sb.AppendLine();
            sb.AppendLine($"Time per 10k lines on each corpus, share of the compiler's time and diagnostics on the {largest.Corpus.Name} corpus, growth from the {(middle?.Corpus.Name ?? "-")} to the {largest.Corpus.Name} corpus.");
            sb.AppendLine();
            AnalyzerTable(sb, Ours.Analyzers.Select(a => (Group: "Bounded", Analyzer: a)), includeGroup: false);

            sb.AppendLine();
            sb.AppendLine("## Peer rules");
            sb.AppendLine();
            sb.AppendLine("Only the peer rules of the map below are enabled (every other rule of the peer packages is suppressed); an analyzer");
            sb.AppendLine("none of whose rules is enabled does not run.");
            sb.AppendLine();
            AnalyzerTable(sb, groups.Where(g => !g.Ours).SelectMany(g => g.Analyzers.Select(a => (Group: g.Name, Analyzer: a))), includeGroup: true);

            sb.AppendLine();
            sb.AppendLine("## Our rules against the closest peer rules");
            sb.AppendLine();
            sb.AppendLine($"On the {largest.Corpus.Name} corpus. Ratio = our analyzer's time / the peer analyzer's time (below 1 = we are cheaper).");
            sb.AppendLine();
            sb.AppendLine("| Our rule | Same ground | Ours per 10k lines (ms) | Peer rule | Peer per 10k lines (ms) | Ratio |");
            sb.AppendLine("|---|---|---|---|---|---|");
            var pending = new List<string>();
            foreach (var row in PeerMap.Rows)
            {
                if (OurCategory(row.RuleId) is null)
                {
                    pending.Add(row.RuleId);
                    continue;
                }

                var (_, ourMs) = Cost(row.RuleId, largest, ours: true);
                var present = row.PeerIds.Select(id => (Id: id, Cost: Cost(id, largest, ours: false))).ToList();
                double cheapest = present.Where(p => p.Cost.Analyzers.Count > 0).Select(p => p.Cost.Ms).DefaultIfEmpty(double.NaN).Min();
                foreach (var (id, cost) in present)
                {
                    string peerCell = cost.Analyzers.Count == 0 ? (settings.Filtered ? "not selected or not loaded" : "not loaded") : $"{Per10k(cost.Ms, largest):F2}{(cost.Ms == cheapest ? " (cheapest)" : string.Empty)}";
                    string ratio = cost.Analyzers.Count == 0 ? "-" : Times(ourMs / cost.Ms);
                    sb.AppendLine($"| {row.RuleId} | {row.Ground} | {Per10k(ourMs, largest):F2} | {id} | {peerCell} | {ratio} |");
                }
            }

            if (pending.Count > 0 && settings.Filtered)
            {
                sb.AppendLine();
                sb.AppendLine($"Not selected by `--analyzers {string.Join(",", settings.AnalyzerFilters)}`: {string.Join(", ", pending)}.");
            }
            else if (pending.Count > 0)
            {
                sb.AppendLine();
                sb.AppendLine($"Not measured yet (the rule has not landed in the pack): {string.Join(", ", pending.Select(id => $"{id} (peers: {string.Join(", ", PeerMap.Rows.First(r => r.RuleId == id).PeerIds)})"))}. The runner finds");
                sb.AppendLine("rules by reflection, so these rows fill in on the next run after they land.");
            }

            sb.AppendLine();
            sb.AppendLine("## Budget");
            sb.AppendLine();
            sb.AppendLine($"The whole pack at most {Percent(PackShareLimit)} of the compiler's time on the largest corpus; each Cancellation and Async rule no costlier");
            sb.AppendLine($"than the cheapest peer rule covering the same ground; cost growing no faster than linear (largest / middle at most {GrowthSlack:F2} times");
            sb.AppendLine($"the line ratio, i.e. 5x for 4x the code). Times below the noise floor (the larger of {NoiseFloorMinMs:F0} ms and {Percent(NoiseFloorShare)} of the");
            sb.AppendLine("compiler's time) pass the growth and peer checks: they cannot be told apart from timer noise on a shared machine.");
            sb.AppendLine();
            sb.AppendLine("| Check | Measured | Limit | Result |");
            sb.AppendLine("|---|---|---|---|");
            foreach (var check in Checks)
            {
                sb.AppendLine($"| {check.Name} | {check.Value} | {check.Limit} | {(check.Pass ? "PASS" : "**FAIL**")} |");
            }

            if (Notes.Count > 0)
            {
                sb.AppendLine();
                foreach (var note in Notes)
                {
                    sb.AppendLine($"- {note}");
                }
            }

            sb.AppendLine();
            sb.AppendLine("## Peer packages");
            sb.AppendLine();
            sb.AppendLine("Loaded at run time from their NuGet packages with `AnalyzerFileReference` (the C# DLLs a build would pick, the best");
            sb.AppendLine($"`roslynX.Y` folder not newer than the host's Roslyn {PeerLoader.HostRoslyn.ToString(2)}). A package that fails to load is listed here and fails the run.");
            sb.AppendLine();
            sb.AppendLine("| Package | Version | DLLs | Built against Roslyn | Analyzers (enabled / all) | Status |");
            sb.AppendLine("|---|---|---|---|---|---|");
            foreach (var peer in peers)
            {
                int enabled = groups.FirstOrDefault(g => g.Name == peer.Name)?.Analyzers.Length ?? 0;
                string dlls = string.Join(", ", peer.Files.Select(f => Path.GetRelativePath(peer.Root, f).Replace('\\', '/')));
                string status = peer.Loaded ? "loaded" : "**FAILED**: " + string.Join("; ", peer.Errors).Replace("|", "\\|", StringComparison.Ordinal);
                sb.AppendLine($"| {peer.Name} | {peer.Version} | {dlls} | {string.Join(", ", peer.BuiltAgainst)} | {enabled} / {peer.Analyzers.Length} | {status} |");
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

        private void AnalyzerTable(StringBuilder sb, IEnumerable<(string Group, DiagnosticAnalyzer Analyzer)> rows, bool includeGroup)
        {
            var largest = Largest;
            var middle = Middle;
            string corpora = string.Concat(results.Select(r => $" {r.Corpus.Name} per 10k lines (ms) |"));
            sb.AppendLine($"|{(includeGroup ? " Package |" : string.Empty)} Analyzer | Rules | Diagnostics |{corpora} Share of compiler | Growth |");
            sb.AppendLine($"|{(includeGroup ? "---|" : string.Empty)}---|---|---|{string.Concat(results.Select(_ => "---|"))}---|---|");
            var list = rows.ToList();
            foreach (var (group, analyzer) in list)
            {
                string type = TypeName(analyzer);
                var ids = analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct().Where(id => includeGroup ? PeerMap.AllPeerIds.Contains(id) : true).OrderBy(id => id, StringComparer.Ordinal).ToList();
                int diagnostics = ids.Sum(id => largest.DiagnosticCounts.TryGetValue(id, out int n) ? n : 0);
                string perCorpus = string.Concat(results.Select(r => $" {Per10k(r.Analyzer(type), r):F2} |"));
                double share = largest.Analyzer(type) / largest.Compiler;
                string growth = middle is null ? "-" : Times(largest.Analyzer(type) / middle.Analyzer(type));
                sb.AppendLine($"|{(includeGroup ? $" {group} |" : string.Empty)} `{analyzer.GetType().Name}` | {string.Join(", ", ids)} | {diagnostics} |{perCorpus} {Percent(share)} | {growth} |");
            }

            if (!includeGroup)
            {
                string perCorpus = string.Concat(results.Select(r => $" {Per10k(r.Group(Ours.Name), r):F2} |"));
                double share = largest.Group(Ours.Name) / largest.Compiler;
                string growth = middle is null ? "-" : Times(largest.Group(Ours.Name) / middle.Group(Ours.Name));
                int diagnostics = list.SelectMany(r => r.Analyzer.SupportedDiagnostics).Select(d => d.Id).Distinct().Sum(id => largest.DiagnosticCounts.TryGetValue(id, out int n) ? n : 0);
                sb.AppendLine($"| **{PackName}** | {list.Count} analyzers | {diagnostics} |{perCorpus} {Percent(share)} | {growth} |");
            }
        }

        internal static string Percent(double share) => double.IsNaN(share) ? "-" : (share * 100).ToString(share < 0.01 ? "F2" : "F1", CultureInfo.InvariantCulture) + "%";

        internal static string Times(double ratio) => double.IsNaN(ratio) || double.IsInfinity(ratio) ? "-" : ratio.ToString("F2", CultureInfo.InvariantCulture) + "x";

        private static string CpuModel()
        {
            try
            {
                if (File.Exists("/proc/cpuinfo"))
                {
                    string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                    if (line is not null)
                    {
                        return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                    }
                }
            }
            catch (IOException)
            {
            }

            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
