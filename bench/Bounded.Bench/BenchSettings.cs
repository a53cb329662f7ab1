using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Bounded.Bench
{
    /// <summary>Command-line settings (see <see cref="Usage"/>).</summary>
    internal sealed class BenchSettings
    {
        public const string Usage = """
            Bounded.Bench: times every Bounded analyzer and the peer rules covering the same ground on
            generated corpora, against the compiler alone, and writes a Markdown report.

              dotnet run --project bench/Bounded.Bench -c Release -- [options]

              --out <path>        report path (default: docs/performance.md; with --smoke or --analyzers
                                  a temp file, so a partial run never overwrites the committed report)
              --repeat <n>        measured repetitions per corpus (default 3; medians are reported)
              --warmup <n>        unmeasured warm-up runs before the first corpus (default 1)
              --sizes <a,b,c>     corpus sizes in lines, smallest first (default 5000,25000,100000)
              --seed <n>          corpus generator seed (default 20260101)
              --analyzers <a,b>   time only the analyzers (ours and peers) whose type name or one of whose
                                  rule IDs contains one of these case-insensitive substrings, e.g.
                                  --analyzers BND3001,CA2016 or --analyzers ForwardCancellationToken;
                                  the report and the budget then cover that selection only
              --enforce           exit 1 when a budget check FAILs (otherwise the verdict is only printed)
              --smoke             CI mode: smallest corpus, 1 repetition, no warm-up; checks the runner
                                  works and the table is produced

            Real-code mode (bench/README.md): compile every C# project under a folder in memory and time the same
            analyzers on it.
              --root <folder>     a checkout of a solution; repeat for several (one report covers them all)
              --commit <sha>      the commit of the matching --root (same order), when the folder is no git checkout
              --skip-tests        leave out test projects (IsTestProject, MSTest.Sdk, Microsoft.NET.Test.Sdk, or a
                                  name ending in Tests/UnitTests/IntegrationTests/...); by default they are measured
              --restore           only fill the NuGet cache, then exit: a throwaway project referencing every package
                                  id found under the roots is restored (for repositories whose own restore fails)
              --baseline <dll>    also time another build of the pack (e.g. main's Bounded.Analyzers.dll) side by
                                  side, over the same compilations in the same run: before/after ratios
              --no-ide            skip the IDE case (one document at a time)
              --top <n>           slowest documents listed per repository in the IDE case (default 10)
              --diagnostics <path> write our diagnostics (repository, id, file:line, message) to this file
              (the report goes to --out, default a temp file bounded-bench-real.md)
              --help              this text
            """;

        public string? Out { get; private set; }

        public int Repeat { get; private set; } = 3;

        public int Warmup { get; private set; } = 1;

        public IReadOnlyList<int> Sizes { get; private set; } = new[] { 5000, 25000, 100000 };

        public int Seed { get; private set; } = 20260101;

        public bool Enforce { get; private set; }

        /// <summary>Substrings from <c>--analyzers</c>; empty = every analyzer.</summary>
        public IReadOnlyList<string> AnalyzerFilters { get; private set; } = Array.Empty<string>();

        public bool Filtered => AnalyzerFilters.Count > 0;

        public bool Smoke { get; private set; }

        public bool Help { get; private set; }

        /// <summary>Real-code mode: the folders from <c>--root</c>.</summary>
        public List<string> Roots { get; } = new();

        public List<string> Commits { get; } = new();

        public bool RealCode => Roots.Count > 0;

        public bool SkipTests { get; private set; }

        /// <summary>Real-code mode: another build of Bounded.Analyzers.dll to time side by side (<c>--baseline</c>).</summary>
        public string? BaselineDll { get; private set; }

        public bool Restore { get; private set; }

        public bool Ide { get; private set; } = true;

        public int TopDocuments { get; private set; } = 10;

        public string? DiagnosticsOut { get; private set; }

        public string RealOutputPath => Out ?? Path.Combine(Path.GetTempPath(), "bounded-bench-real.md");

        public string CommandLine { get; private set; } = string.Empty;

        public static string RepositoryRoot =>
            typeof(BenchSettings).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value
            ?? Directory.GetCurrentDirectory();

        public string OutputPath => Out ?? (Smoke || Filtered
            ? Path.Combine(Path.GetTempPath(), Smoke ? "bounded-bench-smoke.md" : "bounded-bench-filtered.md")
            : Path.Combine(RepositoryRoot, "docs", "performance.md"));

        /// <summary>
        /// True when no <c>--analyzers</c> filter was given, or the analyzer's type name or one of the given rule
        /// IDs (for a peer, only the IDs the peer map enables) contains one of the filter substrings.
        /// </summary>
        public bool Selects(Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer analyzer, IEnumerable<string> ruleIds)
        {
            if (!Filtered)
            {
                return true;
            }

            string type = analyzer.GetType().FullName ?? analyzer.GetType().Name;
            var ids = ruleIds.ToList();
            return AnalyzerFilters.Any(f => type.Contains(f, StringComparison.OrdinalIgnoreCase)
                || ids.Any(id => id.Contains(f, StringComparison.OrdinalIgnoreCase)));
        }

        public static BenchSettings Parse(string[] args)
        {
            var settings = new BenchSettings { CommandLine = string.Join(' ', args) };
            for (int i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--out": settings.Out = Path.GetFullPath(Next()); break;
                    case "--repeat": settings.Repeat = PositiveInt(Next(), "--repeat"); break;
                    case "--warmup": settings.Warmup = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--sizes": settings.Sizes = Next().Split(',').Select(s => PositiveInt(s.Trim(), "--sizes")).OrderBy(s => s).ToArray(); break;
                    case "--seed": settings.Seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--analyzers":
                        settings.AnalyzerFilters = Next().Split(',').Select(f => f.Trim()).Where(f => f.Length > 0).ToArray();
                        if (settings.AnalyzerFilters.Count == 0)
                        {
                            throw new ArgumentException("--analyzers expects comma-separated substrings of analyzer type names or rule IDs");
                        }

                        break;
                    case "--enforce": settings.Enforce = true; break;
                    case "--smoke": settings.Smoke = true; break;
                    case "--root": settings.Roots.Add(Next()); break;
                    case "--commit": settings.Commits.Add(Next()); break;
                    case "--skip-tests": settings.SkipTests = true; break;
                    case "--baseline": settings.BaselineDll = Path.GetFullPath(Next()); break;
                    case "--restore": settings.Restore = true; break;
                    case "--no-ide": settings.Ide = false; break;
                    case "--top": settings.TopDocuments = PositiveInt(Next(), "--top"); break;
                    case "--diagnostics": settings.DiagnosticsOut = Path.GetFullPath(Next()); break;
                    case "--help" or "-h": settings.Help = true; break;
                    default: throw new ArgumentException($"unknown option '{args[i]}'");
                }
            }

            if (settings.Smoke)
            {
                settings.Sizes = new[] { settings.Sizes.Min() };
                settings.Repeat = 1;
                settings.Warmup = 0;
            }

            return settings;
        }

        private static int PositiveInt(string text, string option)
        {
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < 1)
            {
                throw new ArgumentException($"{option} expects a positive whole number, got '{text}'");
            }

            return value;
        }
    }
}
