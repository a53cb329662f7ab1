using System;
using System.Threading;
using System.Threading.Tasks;
using Bounded.Tests.Verification;
using Xunit;

namespace Bounded.Tests.Samples
{
    /// <summary>Compiles and analyzes the sample app once for all the tests in <see cref="SampleDiagnosticsTests"/>.</summary>
    public sealed class SampleAnalysisFixture : IAsyncLifetime
    {
        private SampleAnalysisResult? _result;

        internal SampleAnalysisResult Result =>
            _result ?? throw new InvalidOperationException("The sample has not been analyzed.");

        public async Task InitializeAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            _result = await SampleAnalysis.RunAsync(RepositoryPaths.Root, BoundedAssemblies.CreateAllAnalyzers(), timeout.Token);
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }

    /// <summary>
    /// Pins what Bounded reports on <c>samples/</c>: exactly the lines of
    /// <c>tests/Bounded.Tests/Samples/expected-diagnostics.txt</c>. A rule that adds a deliberate
    /// violation to the sample adds its line(s) there.
    /// </summary>
    public sealed class SampleDiagnosticsTests(SampleAnalysisFixture fixture) : IClassFixture<SampleAnalysisFixture>
    {
        internal const string ExpectedFile = "tests/Bounded.Tests/Samples/expected-diagnostics.txt";

        [Fact]
        public void Sample_ProjectsAreFound()
        {
            Assert.Contains("Shop.Host", fixture.Result.ProjectsInBuildOrder);
            Assert.Equal("Shop.Host", fixture.Result.ProjectsInBuildOrder[^1]);
        }

        [Fact]
        public void Sample_CompilesWithoutErrors()
        {
            Assert.True(
                fixture.Result.CompilerErrors.IsEmpty,
                "The sample does not compile against the test references:" + Environment.NewLine
                + string.Join(Environment.NewLine, fixture.Result.CompilerErrors));
        }

        [Fact]
        public void Analyzers_DoNotThrowOnTheSample()
        {
            Assert.True(
                fixture.Result.AnalyzerExceptions.IsEmpty,
                "Analyzer exceptions (AD0001):" + Environment.NewLine
                + string.Join(Environment.NewLine, fixture.Result.AnalyzerExceptions));
        }

        [Fact]
        public void Sample_ReportsExactlyTheExpectedDiagnostics()
        {
            var expected = ExpectedDiagnostics.Load(RepositoryPaths.Combine(ExpectedFile));
            var actual = fixture.Result.Diagnostics;

            var (missing, unexpected) = ExpectedDiagnostics.Compare(expected, actual);

            Assert.True(
                missing.IsEmpty && unexpected.IsEmpty,
                ExpectedDiagnostics.Describe(missing, unexpected, actual, ExpectedFile));
        }
    }
}
