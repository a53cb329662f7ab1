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
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Tests.Robustness
{
    /// <summary>One source to compile alone and analyze: an input as written or mutated.</summary>
    public sealed record Variant(
        RobustnessInput Input,
        string Kind,
        string Description,
        string Text,
        ReferenceSet References)
    {
        public override string ToString() => $"{Input.Name} [{Kind}: {Description}; references {References}]";
    }

    /// <summary>A variant on which an analyzer threw or ran longer than the bound.</summary>
    public sealed record CrashFailure(Variant Variant, string Problem, string? DumpPath)
    {
        public override string ToString() =>
            $"{Variant}{Environment.NewLine}  {Problem.Replace("\n", "\n  ", StringComparison.Ordinal)}"
            + (DumpPath == null ? string.Empty : $"{Environment.NewLine}  source written to {DumpPath}");
    }

    public sealed class CrashReport
    {
        public int Variants { get; set; }

        public int Diagnostics { get; set; }

        public TimeSpan SlowestAnalyzerTime { get; set; }

        public string SlowestVariant { get; set; } = "none";

        public List<CrashFailure> Failures { get; } = new();

        /// <summary>Time-bound overruns of analyzers on <see cref="CrashHarness.KnownSlowAnalyzers"/>: printed every run, not failures.</summary>
        public List<string> KnownIssues { get; } = new();
    }

    /// <summary>
    /// Compiles each variant on its own (with its companion sources) and runs every analyzer over it:
    /// an analyzer exception (AD0001) or an analyzer spending longer than the time bound on one file
    /// is a failure, reported with the variant's text written to a file for reproduction.
    /// </summary>
    public sealed class CrashHarness
    {
        private static readonly ConcurrentDictionary<(ReferenceSet, OutputKind), CSharpCompilation> Empty = new();
        private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

        private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;
        private readonly TimeSpan _timeBound;

        /// <summary>
        /// Analyzers with an open, documented performance bug: their time-bound overruns are printed on every
        /// run as known issues instead of failing the suite; exceptions (AD0001) still fail. Remove an entry as
        /// soon as its bug is fixed.
        /// </summary>
        public static readonly IReadOnlyDictionary<string, string> KnownSlowAnalyzers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // None open. (DomainReferenceAnalyzer was listed until its rewrite onto symbol and operation screens.)
        };

        public CrashHarness(ImmutableArray<DiagnosticAnalyzer> analyzers, TimeSpan timeBound)
        {
            _analyzers = analyzers;
            _timeBound = timeBound;
        }

        /// <summary>Wall-clock limit for compiling and analyzing one variant, compiler included (far above the per-analyzer bound).</summary>
        public TimeSpan VariantTimeout { get; init; } = TimeSpan.FromSeconds(90);

        public static string DumpFolder => Path.Combine(Path.GetTempPath(), "bounded-robustness");

        public async Task<CrashReport> RunAsync(IReadOnlyList<Variant> variants, CancellationToken cancellationToken)
        {
            var report = new CrashReport { Variants = variants.Count };
            var failures = new ConcurrentBag<CrashFailure>();
            int diagnostics = 0;
            long slowestTicks = 0;
            string slowest = "none";
            var gate = new object();

            await Parallel.ForEachAsync(
                variants,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount), CancellationToken = cancellationToken },
                async (variant, ct) =>
                {
                    AnalyzerRunResult result;
                    using var perVariant = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    perVariant.CancelAfter(VariantTimeout);
                    try
                    {
                        result = await AnalyzerRun.RunAsync(Compile(variant), _analyzers, null, concurrent: false, perVariant.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        failures.Add(new CrashFailure(variant, $"compiling and analyzing this one file did not finish within {VariantTimeout.TotalSeconds:0} s (a pathological blowup?)", Dump(variant)));
                        return;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        failures.Add(new CrashFailure(variant, "the analysis itself failed: " + ex, Dump(variant)));
                        return;
                    }

                    Interlocked.Add(ref diagnostics, result.Diagnostics.Length);
                    var (analyzer, time) = result.Slowest;
                    lock (gate)
                    {
                        if (time.Ticks > slowestTicks)
                        {
                            slowestTicks = time.Ticks;
                            slowest = $"{analyzer} {time.TotalMilliseconds:0} ms on {variant}";
                        }
                    }

                    var problems = new List<string>();
                    problems.AddRange(result.Exceptions.Select(e => "AD0001: " + e));
                    foreach (var (name, elapsed) in result.ExecutionTimes.Where(p => p.Value > _timeBound))
                    {
                        string overrun = $"{name} ran {elapsed.TotalMilliseconds:0} ms on one file (bound {_timeBound.TotalMilliseconds:0} ms)";
                        if (KnownSlowAnalyzers.TryGetValue(name, out var reason))
                        {
                            lock (gate)
                            {
                                report.KnownIssues.Add($"{overrun} on {variant} [{reason}]");
                            }
                        }
                        else
                        {
                            problems.Add(overrun);
                        }
                    }
                    if (problems.Count > 0)
                    {
                        failures.Add(new CrashFailure(variant, string.Join(Environment.NewLine, problems), Dump(variant)));
                    }
                }).ConfigureAwait(false);

            report.Diagnostics = diagnostics;
            report.SlowestAnalyzerTime = TimeSpan.FromTicks(slowestTicks);
            report.SlowestVariant = slowest;
            report.Failures.AddRange(failures.OrderBy(f => f.Variant.ToString(), StringComparer.Ordinal));
            return report;
        }

        /// <summary>The variant (and its companions) as a compilation of its own against its reference set.</summary>
        public static Compilation Compile(Variant variant)
        {
            var trees = new List<SyntaxTree> { CSharpSyntaxTree.ParseText(variant.Text, ParseOptions, "/Robustness/" + FileName(variant.Input.Name)) };
            for (int i = 0; i < variant.Input.CompanionSources.Length; i++)
            {
                trees.Add(CSharpSyntaxTree.ParseText(variant.Input.CompanionSources[i], ParseOptions, $"/Robustness/obj/Companion{i}.g.cs"));
            }

            var kind = trees[0].GetRoot().ChildNodes().OfType<GlobalStatementSyntax>().Any() ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
            var empty = Empty.GetOrAdd((variant.References, kind), key => CSharpCompilation.Create(
                "Robustness",
                references: References.For(key.Item1),
                options: new CSharpCompilationOptions(key.Item2, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true)));

            // Adding trees to one empty compilation per reference set reuses its bound references.
            return empty.AddSyntaxTrees(trees);
        }

        private static string Dump(Variant variant)
        {
            try
            {
                Directory.CreateDirectory(DumpFolder);
                var name = new StringBuilder();
                foreach (char c in $"{variant.Input.Name}-{variant.Kind}-{variant.Description}-{variant.References}")
                {
                    name.Append(char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_');
                }

                var path = Path.Combine(DumpFolder, (name.Length > 150 ? name.ToString(0, 150) : name.ToString()) + ".cs");
                File.WriteAllText(path, variant.Text);
                return path;
            }
            catch (IOException)
            {
                return "(could not write the source)";
            }
        }

        private static string FileName(string inputName)
        {
            var name = inputName.Replace(':', '_').Replace('/', '_').Replace('(', '_').Replace(')', '_').Replace(' ', '_');
            return name.EndsWith(".cs", StringComparison.Ordinal) ? name : name + ".cs";
        }
    }
}
