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

              --out <path>        report path (default: docs/performance.md; with --smoke a temp file)
              --repeat <n>        measured repetitions per corpus (default 3; medians are reported)
              --warmup <n>        unmeasured warm-up runs before the first corpus (default 1)
              --sizes <a,b,c>     corpus sizes in lines, smallest first (default 5000,25000,100000)
              --seed <n>          corpus generator seed (default 20260101)
              --enforce           exit 1 when a budget check FAILs (otherwise the verdict is only printed)
              --smoke             CI mode: smallest corpus, 1 repetition, no warm-up; checks the runner
                                  works and the table is produced
              --help              this text
            """;

        public string? Out { get; private set; }

        public int Repeat { get; private set; } = 3;

        public int Warmup { get; private set; } = 1;

        public IReadOnlyList<int> Sizes { get; private set; } = new[] { 5000, 25000, 100000 };

        public int Seed { get; private set; } = 20260101;

        public bool Enforce { get; private set; }

        public bool Smoke { get; private set; }

        public bool Help { get; private set; }

        public string CommandLine { get; private set; } = string.Empty;

        public static string RepositoryRoot =>
            typeof(BenchSettings).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value
            ?? Directory.GetCurrentDirectory();

        public string OutputPath => Out ?? (Smoke
            ? Path.Combine(Path.GetTempPath(), "bounded-bench-smoke.md")
            : Path.Combine(RepositoryRoot, "docs", "performance.md"));

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
                    case "--enforce": settings.Enforce = true; break;
                    case "--smoke": settings.Smoke = true; break;
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
