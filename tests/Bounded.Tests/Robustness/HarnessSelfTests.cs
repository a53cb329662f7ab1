using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bounded.Tests.Verification;
using Bounded.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using Xunit.Abstractions;

namespace Bounded.Tests.Robustness
{
    /// <summary>
    /// The harness proven on deliberately broken analyzers and fixes: each check fails when it should,
    /// and the fix path works end to end on a tiny analyzer and fix pair.
    /// </summary>
    public sealed class HarnessSelfTests(ITestOutputHelper output)
    {
        private const string CleanSource = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Shop.Modules.Ordering.Application
            {
                public sealed class BadOrderService
                {
                    public async Task<int> CountAsync(CancellationToken cancellationToken)
                    {
                        await Task.Delay(1, cancellationToken);
                        return 42;
                    }
                }
            }
            """;

        private static readonly RobustnessInput Clean = new("self-test:clean", InputOrigin.TestLiteral, CleanSource);

        private static ImmutableArray<DiagnosticAnalyzer> Analyzers(params DiagnosticAnalyzer[] analyzers) => analyzers.ToImmutableArray();

        private static CrashHarness Harness(params DiagnosticAnalyzer[] analyzers) => new(Analyzers(analyzers), TimeSpan.FromSeconds(5));

        // ---- inputs ----

        [Fact]
        public void Extraction_FindsRawAndVerbatimCompilationUnits_WithoutMarkup()
        {
            const string file = """"
                class Holder
                {
                    const string Raw = """
                        namespace N { class [|A|] { } }
                        """;
                    const string Verbatim = @"class {|TST0001:B|} { }";
                    const string Plain = "class C { }";
                    const string NotCode = """
                        just words
                        """;
                    const string Broken = @"class [|D { }";
                }
                """";

            var found = RobustnessInputs.ExtractCompilationUnits(file).ToList();

            Assert.Equal(new[] { (3, "namespace N { class A { } }"), (6, "class B { }") }, found);
        }

        [Fact]
        public void Mutations_AreReproducibleFromTheSeed()
        {
            var first = Mutations.TokenEdits(CleanSource, 3, 1234);
            var again = Mutations.TokenEdits(CleanSource, 3, 1234);
            var other = Mutations.TokenEdits(CleanSource, 3, 4321);

            Assert.Equal(first, again);
            Assert.NotEqual(CleanSource, first.Text);
            Assert.NotEqual(first.Text, other.Text);
            Assert.Contains("seed 1234", first.Description);
            Assert.Equal(Mutations.Truncations(CleanSource, 6, 7), Mutations.Truncations(CleanSource, 6, 7));
            Assert.All(Mutations.Truncations(CleanSource, 6, 7), t => Assert.StartsWith(t.Text, CleanSource));
        }

        [Fact]
        public void Seeds_DependOnlyOnSeedAndName() =>
            Assert.Equal(Seeds.Derive(5, "a.cs", "truncation"), Seeds.Derive(5, "a.cs", "truncation"));

        [Fact]
        public void Plan_SamplesDeterministically_AndSaysSo()
        {
            var inputs = Enumerable.Range(0, 20).Select(i => new RobustnessInput($"in{i}.cs", InputOrigin.Corpus, CleanSource)).ToList();

            var plan = VariantPlan.Truncations(inputs, 4, 20, 99);

            Assert.Equal(5, plan.Sampled.Count);
            Assert.Equal(plan.Sampled, VariantPlan.Truncations(inputs, 4, 20, 99).Sampled);
            Assert.Contains("sampled 5 of 20", plan.Note);
        }

        // ---- the crash checks fail when they should ----

        [Fact]
        public async Task CleanInput_PassesTheCrashingAnalyzer_OnlyHalfTypedCodeBreaksIt()
        {
            var harness = Harness(new CrashesOnHalfTypedCodeAnalyzer());
            var asWritten = await harness.RunAsync(new[] { new Variant(Clean, "as-written", "-", CleanSource, ReferenceSet.Full) }, CancellationToken.None);
            var truncated = await harness.RunAsync(VariantPlan.Truncations(new[] { Clean }, 6, 100, 1).Variants, CancellationToken.None);

            Assert.Empty(asWritten.Failures);
            Assert.NotEmpty(truncated.Failures);
            var failure = truncated.Failures[0];
            output.WriteLine(failure.ToString());
            Assert.Contains("AD0001", failure.Problem);
            Assert.Contains("a missing token", failure.Problem);
            Assert.Contains("seed", failure.Variant.Description);
            Assert.True(System.IO.File.Exists(failure.DumpPath), "the failing source is written out for reproduction");
        }

        [Fact]
        public async Task TokenEdits_CatchTheCrashingAnalyzer_WithTheSeedInTheReport()
        {
            var report = await Harness(new CrashesOnHalfTypedCodeAnalyzer()).RunAsync(VariantPlan.TokenEdits(new[] { Clean }, 3, 100, 5).Variants, CancellationToken.None);

            Assert.NotEmpty(report.Failures);
            Assert.All(report.Failures, f => Assert.Matches("seed [0-9]+: (deleted|duplicated)", f.Variant.Description));
        }

        [Fact]
        public async Task ReducedReferences_CatchAnAnalyzerThatAssumesEntityFramework()
        {
            var report = await Harness(new AssumesEntityFrameworkAnalyzer()).RunAsync(VariantPlan.ReducedReferences(new[] { Clean }, 100, 1).Variants, CancellationToken.None);

            Assert.Equal(
                new[] { ReferenceSet.AspNetCore, ReferenceSet.NetCore },
                report.Failures.Select(f => f.Variant.References).OrderBy(r => r.ToString(), StringComparer.Ordinal));
            Assert.All(report.Failures, f => Assert.Contains("NullReferenceException", f.Problem));
        }

        [Fact]
        public async Task Stress_CatchesAWalkerThatCannotTakeDeepNesting()
        {
            var nested = new RobustnessInput("stress:nested", InputOrigin.Stress, StressSources.NestedAsyncLambdas(300));
            var report = await Harness(new RecursesIntoLambdasAnalyzer()).RunAsync(new[] { new Variant(nested, "stress", "-", nested.Text, ReferenceSet.Full) }, CancellationToken.None);

            Assert.Contains(report.Failures, f => f.Problem.Contains("InsufficientExecutionStackException", StringComparison.Ordinal));
        }

        [Fact]
        public async Task TimeBound_CatchesASlowAnalyzer()
        {
            var harness = new CrashHarness(Analyzers(new SlowAnalyzer()), TimeSpan.FromMilliseconds(100));
            var report = await harness.RunAsync(new[] { new Variant(Clean, "as-written", "-", CleanSource, ReferenceSet.NetCore) }, CancellationToken.None);

            var failure = Assert.Single(report.Failures);
            Assert.Contains("SlowAnalyzer ran", failure.Problem);
            Assert.Contains("bound 100 ms", failure.Problem);
        }

        [Fact]
        public async Task Determinism_CatchesAnAnalyzerWithMutableStaticState()
        {
            var compilation = CrashHarness.Compile(new Variant(Clean, "as-written", "-", CleanSource, ReferenceSet.NetCore));

            var broken = await DeterminismHarness.RunAsync(compilation, () => Analyzers(new CountingAnalyzer()), null, 3, CancellationToken.None);
            var fine = await DeterminismHarness.RunAsync(compilation, () => Analyzers(new OnlyBadAnalyzer()), null, 3, CancellationToken.None);

            Assert.NotEmpty(broken.Failures);
            Assert.Contains("differs from run 1", broken.Failures[0]);
            Assert.Empty(fine.Failures);
            Assert.Equal(1, fine.Diagnostics);
        }

        // ---- the fix path ----

        private const string FixSource = """
            namespace Shop.Modules.Ordering.Application
            {
                public sealed class BadOrderService
                {
                    public static BadOrderService Create() => new BadOrderService();
                }

                public sealed class BadInvoiceService
                {
                }

                public sealed class OrderFacade
                {
                    public BadOrderService Orders { get; } = BadOrderService.Create();
                }
            }
            """;

        private static Task<FixReport> RunFixesAsync(params CodeFixProvider[] fixes) =>
            new FixHarness(Analyzers(new OnlyBadAnalyzer()), fixes.ToImmutableArray(), new FixBudget(100, 100, 1))
                .RunAsync("self-test", RobustnessSolutions.Single("Fixes", new[] { ("Services.cs", FixSource), ("Other.cs", "namespace Other { class BadOther { } }") }), CancellationToken.None);

        [Fact]
        public async Task GoodFix_IsAppliedOneByOneAndAsFixAll_AndPasses()
        {
            var report = await RunFixesAsync(new RenameBadFix());
            output.WriteLine(report.ToString());
            report.Log.ForEach(output.WriteLine);

            Assert.Empty(report.Failures);
            Assert.Equal(3, report.FixableDiagnostics);
            Assert.Equal(6, report.ActionsOffered);       // "Rename to Good" and "Rename to Fine" for each class
            Assert.Equal(6, report.SingleFixesApplied);
            Assert.Equal(2 + 2 + 2 + 2, report.FixAllsApplied); // document scope for 2 keys x 2 documents, project and solution scope for 2 keys
        }

        [Fact]
        public async Task FixThatBreaksTheBuild_Fails()
        {
            var report = await RunFixesAsync(new ErrorIntroducingFix());

            Assert.NotEmpty(report.Failures);
            Assert.All(report.Failures, f => Assert.Contains("does not compile", f));
            Assert.Contains(report.Failures, f => f.Contains("CS0246", StringComparison.Ordinal));
        }

        [Fact]
        public async Task FixThatLeavesTheDiagnostic_Fails()
        {
            var report = await RunFixesAsync(new CommentOnlyFix());

            Assert.NotEmpty(report.Failures);
            Assert.All(report.Failures, f => Assert.Contains("still reported", f));
        }

        [Fact]
        public async Task FixThatChangesNothing_Fails()
        {
            var report = await RunFixesAsync(new NoOpFix());

            Assert.Equal(report.SingleFixesApplied, report.Failures.Count(f => !f.Contains("Fix All", StringComparison.Ordinal) && f.Contains("still reported", StringComparison.Ordinal)));
        }

        [Fact]
        public async Task FixWithoutFixAll_Fails()
        {
            var report = await RunFixesAsync(new NoFixAllRenameFix());

            Assert.Contains(report.Failures, f => f.Contains("does not support Fix All", StringComparison.Ordinal));
        }

        [Fact]
        public void FixBudget_SamplesEveryKindFirst()
        {
            var report = new FixReport("sampling");
            var items = new[] { "a1", "a2", "a3", "b1", "c1", "c2" };

            var chosen = FixHarness.Sample(items, 3, s => s.Substring(0, 1), 3, "items", report);

            Assert.Equal(new[] { "a", "b", "c" }, chosen.Select(s => s.Substring(0, 1)).OrderBy(s => s));
            Assert.Contains("sampled 3 of 6 items (seed 3", Assert.Single(report.Log));
        }

        [Theory]
        [InlineData(10, 15, 13, 18)]  // untouched span after an insertion of 3 characters at 2
        [InlineData(0, 2, 0, 2)]      // untouched span before it
        [InlineData(1, 4, 1, 7)]      // a span containing the insertion grows
        public void SpanMapping_FollowsTheChanges(int start, int end, int mappedStart, int mappedEnd)
        {
            var changes = new[] { new TextChange(new TextSpan(2, 0), "xyz") };

            Assert.Equal(TextSpan.FromBounds(mappedStart, mappedEnd), FixHarness.Map(TextSpan.FromBounds(start, end), changes));
        }
    }
}
