using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Bounded.Tests.Verification;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace Bounded.Tests.Robustness
{
    /// <summary>
    /// Runs each part of the robustness suite once (lazily, on first use) against every analyzer and
    /// code fix the package ships, so the tests and the summary share the results.
    /// </summary>
    public sealed class RobustnessFixture
    {
        // Budgets at scale 1, sized for CI on 2 cores (see docs/robustness.md).
        private const int TruncationPoints = 6;
        private const int TruncationBudget = 180;
        private const int TokenEditVariants = 3;
        private const int TokenEditBudget = 120;
        private const int ReducedReferenceBudget = 60;
        private const int SampleSingleFixes = 20;
        private const int SampleFixAlls = 8;
        private const int CorpusSingleFixes = 30;
        private const int CorpusFixAlls = 12;
        private const int DeterminismRuns = 3;
        private const int CorpusCopies = 2;
        private const int StressStatements = 2000;
        private const int StressDepth = 200;

        private readonly Lazy<Task<Part<CrashReport>>> _truncations;
        private readonly Lazy<Task<Part<CrashReport>>> _tokenEdits;
        private readonly Lazy<Task<Part<CrashReport>>> _reducedReferences;
        private readonly Lazy<Task<Part<CrashReport>>> _stress;
        private readonly Lazy<Task<Part<FixReport>>> _sampleFixes;
        private readonly Lazy<Task<Part<FixReport>>> _corpusFixes;
        private readonly Lazy<Task<Part<DeterminismReport>>> _determinism;

        public RobustnessFixture()
        {
            Settings = RobustnessSettings.FromEnvironment();
            Analyzers = BoundedAssemblies.CreateAllAnalyzers();
            CodeFixes = BoundedAssemblies.CreateAllCodeFixes();
            var root = RepositoryRoot.Path;
            Samples = RobustnessInputs.Samples(root).Where(Settings.Includes).ToImmutableArray();
            TestLiterals = RobustnessInputs.TestLiterals(root).Where(Settings.Includes).ToImmutableArray();
            Corpus = RobustnessInputs.Corpus().Where(Settings.Includes).ToImmutableArray();
            AllInputs = Samples.AddRange(TestLiterals).AddRange(Corpus);
            SamplesPresent = System.IO.Directory.Exists(System.IO.Path.Combine(root, "samples"));

            var crash = new CrashHarness(Analyzers, Settings.TimeBound);
            _truncations = Start(() => CrashPart(crash, VariantPlan.Truncations(AllInputs, TruncationPoints, Settings.Budget(TruncationBudget), Settings.Seed)));
            _tokenEdits = Start(() => CrashPart(crash, VariantPlan.TokenEdits(AllInputs, TokenEditVariants, Settings.Budget(TokenEditBudget), Settings.Seed)));
            _reducedReferences = Start(() => CrashPart(crash, VariantPlan.ReducedReferences(AllInputs, Settings.Budget(ReducedReferenceBudget), Settings.Seed)));
            _stress = Start(() =>
            {
                var stress = StressSources.All(StressStatements, StressDepth).Where(Settings.Includes).ToList();
                var variants = stress.Select(s => new Variant(s, "stress", "as generated", s.Text, ReferenceSet.Full))
                    .Concat(stress.Take(1).Select(s => new Variant(s, "stress", "as generated", s.Text, ReferenceSet.NetCore)))
                    .ToList();
                return CrashPart(crash, new VariantPlan.Plan(variants, stress.Select(s => s.Name).ToList(), stress.Count, $"stress: {stress.Count} generated sources"));
            });
            _sampleFixes = Start(async () =>
            {
                var solution = SamplesPresent ? RobustnessSolutions.Samples(root) : null;
                if (solution == null)
                {
                    var empty = new FixReport("samples/");
                    empty.Log.Add("samples/ is not present in this checkout: nothing to fix");
                    return new Part<FixReport>(empty, TimeSpan.Zero, "samples/ absent");
                }

                return await FixPart("samples/", solution, new FixBudget(Settings.Budget(SampleSingleFixes), Settings.Budget(SampleFixAlls), Settings.Seed)).ConfigureAwait(false);
            });
            _corpusFixes = Start(() => FixPart("corpus", RobustnessSolutions.Corpus(RobustnessInputs.Corpus()), new FixBudget(Settings.Budget(CorpusSingleFixes), Settings.Budget(CorpusFixAlls), Settings.Seed)));
            _determinism = Start(async () =>
            {
                var compilation = LargeCompilation.Build(RobustnessInputs.Samples(root), RobustnessInputs.Corpus(), CorpusCopies, 500);
                var stopwatch = Stopwatch.StartNew();
                var report = await DeterminismHarness.RunAsync(compilation, BoundedAssemblies.CreateAllAnalyzers, null, DeterminismRuns, Timeout()).ConfigureAwait(false);
                return new Part<DeterminismReport>(report, stopwatch.Elapsed, $"{report.Runs} concurrent runs over one compilation of {report.Trees} files");
            });
        }

        public RobustnessSettings Settings { get; }

        public ImmutableArray<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer> Analyzers { get; }

        public ImmutableArray<Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider> CodeFixes { get; }

        public ImmutableArray<RobustnessInput> Samples { get; }

        public ImmutableArray<RobustnessInput> TestLiterals { get; }

        public ImmutableArray<RobustnessInput> Corpus { get; }

        public ImmutableArray<RobustnessInput> AllInputs { get; }

        public bool SamplesPresent { get; }

        public Task<Part<CrashReport>> Truncations => _truncations.Value;

        public Task<Part<CrashReport>> TokenEdits => _tokenEdits.Value;

        public Task<Part<CrashReport>> ReducedReferences => _reducedReferences.Value;

        public Task<Part<CrashReport>> Stress => _stress.Value;

        public Task<Part<FixReport>> SampleFixes => _sampleFixes.Value;

        public Task<Part<FixReport>> CorpusFixes => _corpusFixes.Value;

        public Task<Part<DeterminismReport>> Determinism => _determinism.Value;

        /// <summary>A part's report, how long it took and what it covered (including what was sampled).</summary>
        public sealed record Part<T>(T Report, TimeSpan Elapsed, string Note, IReadOnlyList<string>? Sampled = null);

        // The parts run one at a time: on 2 cores, running them side by side only makes each slower and the time bound noisy.
        private readonly SemaphoreSlim _oneAtATime = new(1, 1);

        private Lazy<Task<T>> Start<T>(Func<Task<T>> run) => new(
            () => Task.Run(async () =>
            {
                await _oneAtATime.WaitAsync().ConfigureAwait(false);
                try
                {
                    return await run().ConfigureAwait(false);
                }
                finally
                {
                    _oneAtATime.Release();
                }
            }),
            LazyThreadSafetyMode.ExecutionAndPublication);

        private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromMinutes(10)).Token;

        private static async Task<Part<CrashReport>> CrashPart(CrashHarness harness, VariantPlan.Plan plan)
        {
            var stopwatch = Stopwatch.StartNew();
            var report = await harness.RunAsync(plan.Variants, Timeout()).ConfigureAwait(false);
            return new Part<CrashReport>(report, stopwatch.Elapsed, plan.Note, plan.Sampled);
        }

        private async Task<Part<FixReport>> FixPart(string name, Solution solution, FixBudget budget)
        {
            var stopwatch = Stopwatch.StartNew();
            var report = await new FixHarness(Analyzers, CodeFixes, budget).RunAsync(name, solution, Timeout()).ConfigureAwait(false);
            return new Part<FixReport>(report, stopwatch.Elapsed, $"{name}: up to {budget.SingleFixes} single fixes and {budget.FixAlls} Fix Alls");
        }
    }

    /// <summary>
    /// Issue 10: no analyzer exception on any input, bounded time per file, deterministic results,
    /// fixes that never break code — over every analyzer and code fix found by reflection and every
    /// input found in the repository.
    /// </summary>
    public sealed class RobustnessTests(RobustnessFixture fixture, ITestOutputHelper output) : IClassFixture<RobustnessFixture>
    {
        [Fact]
        public void Inputs_AreFound()
        {
            output.WriteLine($"samples: {fixture.Samples.Length}, test literals: {fixture.TestLiterals.Length}, corpus: {fixture.Corpus.Length}");
            if (fixture.Settings.InputFilter == null)
            {
                Assert.NotEmpty(fixture.TestLiterals);
                Assert.NotEmpty(fixture.Corpus);
                Assert.True(!fixture.SamplesPresent || fixture.Samples.Length > 0, "samples/ exists but no C# file was found in it");
            }
        }

        [Fact]
        public Task NoAnalyzerException_OnTruncatedInputs() => AssertCrashPart(fixture.Truncations);

        [Fact]
        public Task NoAnalyzerException_OnRandomTokenDeletionsAndDuplications() => AssertCrashPart(fixture.TokenEdits);

        [Fact]
        public Task NoAnalyzerException_WithoutAspNetCoreOrEntityFrameworkCore() => AssertCrashPart(fixture.ReducedReferences);

        [Fact]
        public Task NoAnalyzerException_OnLargeMethodsAndDeeplyNestedLambdas() => AssertCrashPart(fixture.Stress);

        [Fact]
        public async Task Corpus_CompilesWithoutErrors()
        {
            var solution = RobustnessSolutions.Corpus(RobustnessInputs.Corpus());
            var compilation = (await solution.Projects.Single().GetCompilationAsync())!;
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, "The corpus must compile, or the fix checks lose their meaning:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }

        [Fact]
        public Task Fixes_OnSamples_CompileAndRemoveTheirDiagnostic() => AssertFixPart(fixture.SampleFixes);

        [Fact]
        public Task Fixes_OnCorpus_CompileAndRemoveTheirDiagnostic() => AssertFixPart(fixture.CorpusFixes);

        [Fact]
        public async Task ConcurrentAnalysis_GivesIdenticalDiagnosticsOnEveryRun()
        {
            var part = await fixture.Determinism;
            output.WriteLine($"{part.Note}: {part.Report.Diagnostics} diagnostics per run, {part.Elapsed.TotalSeconds:0.0} s");
            Assert.True(part.Report.Failures.Count == 0, string.Join(Environment.NewLine, part.Report.Failures));
        }

        /// <summary>Assertion-free: what the suite exercised, for the test log (also shown by the console logger at normal verbosity).</summary>
        [Fact]
        public async Task Summary()
        {
            var text = new StringBuilder();
            text.AppendLine($"Robustness summary (seed {fixture.Settings.Seed}, scale {fixture.Settings.Scale}; reproduce with: {fixture.Settings.ReproduceCommand()})");
            text.AppendLine($"  analyzers: {fixture.Analyzers.Length} ({string.Join(", ", fixture.Analyzers.Select(a => a.GetType().Name))}); code fixes: {fixture.CodeFixes.Length} ({string.Join(", ", fixture.CodeFixes.Select(f => f.GetType().Name))})");
            text.AppendLine($"  inputs: {fixture.AllInputs.Length} (samples {fixture.Samples.Length}{(fixture.SamplesPresent ? string.Empty : ", samples/ absent")}, test literals {fixture.TestLiterals.Length}, corpus {fixture.Corpus.Length})");
            await Line("truncations", fixture.Truncations);
            await Line("token edits", fixture.TokenEdits);
            await Line("reduced references", fixture.ReducedReferences);
            await Line("stress", fixture.Stress);
            await FixLine(fixture.SampleFixes);
            await FixLine(fixture.CorpusFixes);
            try
            {
                var d = await fixture.Determinism;
                text.AppendLine($"  determinism: {d.Note}, {d.Report.Diagnostics} diagnostics per run, {d.Report.Failures.Count} failures, {d.Elapsed.TotalSeconds:0.0} s");
            }
            catch (Exception ex)
            {
                text.AppendLine($"  determinism: did not complete: {ex.Message}");
            }

            output.WriteLine(text.ToString());
            Console.WriteLine(text.ToString());

            async Task Line(string name, Task<RobustnessFixture.Part<CrashReport>> task)
            {
                try
                {
                    var p = await task;
                    text.AppendLine($"  {name}: {p.Report.Variants} variants, {p.Report.Diagnostics} diagnostics, {p.Report.Failures.Count} failures, {p.Elapsed.TotalSeconds:0.0} s; slowest analyzer: {p.Report.SlowestVariant}");
                    foreach (var issue in p.Report.KnownIssues)
                    {
                        text.AppendLine("    KNOWN ISSUE (not a failure): " + issue);
                    }
                    text.AppendLine($"    {p.Note}");
                }
                catch (Exception ex)
                {
                    text.AppendLine($"  {name}: did not complete: {ex.Message}");
                }
            }

            async Task FixLine(Task<RobustnessFixture.Part<FixReport>> task)
            {
                try
                {
                    var p = await task;
                    text.AppendLine($"  fixes on {p.Report} ({p.Elapsed.TotalSeconds:0.0} s)");
                }
                catch (Exception ex)
                {
                    text.AppendLine($"  fixes: did not complete: {ex.Message}");
                }
            }
        }

        private async Task AssertCrashPart(Task<RobustnessFixture.Part<CrashReport>> task)
        {
            var part = await task;
            output.WriteLine($"{part.Note}; {part.Report.Variants} variants, {part.Report.Diagnostics} diagnostics, {part.Elapsed.TotalSeconds:0.0} s");
            output.WriteLine($"slowest analyzer on one file: {part.Report.SlowestVariant}");
            foreach (var issue in part.Report.KnownIssues)
            {
                output.WriteLine("KNOWN ISSUE (not a failure): " + issue);
            }
            if (part.Sampled is { } sampled && sampled.Count > 0)
            {
                output.WriteLine("inputs: " + string.Join(", ", sampled));
            }

            if (part.Report.Failures.Count > 0)
            {
                var message = new StringBuilder();
                message.AppendLine($"{part.Report.Failures.Count} of {part.Report.Variants} variants made an analyzer fail (seed {fixture.Settings.Seed}).");
                foreach (var failure in part.Report.Failures.Take(10))
                {
                    message.AppendLine(failure.ToString());
                    message.AppendLine("  reproduce: " + fixture.Settings.ReproduceCommand(failure.Variant.Input.Name));
                }

                Assert.Fail(message.ToString());
            }
        }

        private async Task AssertFixPart(Task<RobustnessFixture.Part<FixReport>> task)
        {
            var part = await task;
            output.WriteLine($"{part.Report} in {part.Elapsed.TotalSeconds:0.0} s");
            foreach (var line in part.Report.Log)
            {
                output.WriteLine("  " + line);
            }

            Assert.True(
                part.Report.Failures.Count == 0,
                $"{part.Report.Failures.Count} fix problem(s) (seed {fixture.Settings.Seed}):" + Environment.NewLine
                + string.Join(Environment.NewLine + Environment.NewLine, part.Report.Failures.Take(10)));
        }
    }
}
