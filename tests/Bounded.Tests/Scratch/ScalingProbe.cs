using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Bounded.Tests.Robustness;
using Bounded.Tests.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace Bounded.Tests.Scratch
{
    public class ScalingProbe(ITestOutputHelper output)
    {
        [Theory]
        [InlineData("sync")]
        [InlineData("async")]
        public async Task Probe(string kind)
        {
            var refs = References.For(ReferenceSet.Full);
            foreach (var analyzer in BoundedAssemblies.CreateAllAnalyzers())
            {
                var line = analyzer.GetType().Name + ":";
                foreach (var n in new[] { 250, 500, 1000, 2000 })
                {
                    string src = kind == "sync" ? StressSources.LargeSyncMethod(n) : StressSources.LargeAsyncMethod(n);
                    var comp = CSharpCompilation.Create("p", new[] { CSharpSyntaxTree.ParseText(src) }, refs, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
                    var sw = Stopwatch.StartNew();
                    comp.GetDiagnostics();
                    var bind = sw.ElapsedMilliseconds;
                    sw.Restart();
                    var cwa = comp.WithAnalyzers(ImmutableArray.Create(analyzer), new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
                    await cwa.GetAnalyzerDiagnosticsAsync();
                    var tel = await cwa.GetAnalyzerTelemetryInfoAsync(analyzer, default);
                    line += $" n={n}: {tel.ExecutionTime.TotalMilliseconds:F0}ms (bind {bind})";
                }
                output.WriteLine(line);
            }
        }
    }
}
