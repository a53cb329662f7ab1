using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Tests.Verification
{
    /// <summary>The shape of Microsoft.CodeAnalysis.Testing's verifier, on our own engine.</summary>
    public static class CSharpAnalyzerVerifier<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        /// <summary>The analyzer's only descriptor (BND0001 aside when it reports more).</summary>
        public static DiagnosticResult Diagnostic() => new(SingleDescriptor(new TAnalyzer()).Id);

        public static DiagnosticResult Diagnostic(string id) => new(id);

        public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor.Id);

        public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        internal static DiagnosticDescriptor SingleDescriptor(DiagnosticAnalyzer analyzer)
        {
            var descriptors = analyzer.SupportedDiagnostics;
            var rules = descriptors.Length == 1 ? descriptors : descriptors.Where(d => d.Id != "BND0001").ToImmutableArray();
            return rules.Length == 1
                ? rules[0]
                : throw new System.InvalidOperationException($"{analyzer.GetType().Name} reports several diagnostics; name one with Diagnostic(id).");
        }

        public sealed class Test : AnalyzerTest
        {
            public Test() => Analyzers.Add(new TAnalyzer());
        }
    }

    public static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider, new()
    {
        public static DiagnosticResult Diagnostic() => CSharpAnalyzerVerifier<TAnalyzer>.Diagnostic();

        public static DiagnosticResult Diagnostic(string id) => new(id);

        public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor.Id);

        public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected) =>
            CSharpAnalyzerVerifier<TAnalyzer>.VerifyAnalyzerAsync(source, expected);

        public static Task VerifyCodeFixAsync(string source, string fixedSource) =>
            VerifyCodeFixAsync(source, System.Array.Empty<DiagnosticResult>(), fixedSource);

        public static Task VerifyCodeFixAsync(string source, DiagnosticResult expected, string fixedSource) =>
            VerifyCodeFixAsync(source, new[] { expected }, fixedSource);

        public static Task VerifyCodeFixAsync(string source, DiagnosticResult[] expected, string fixedSource)
        {
            var test = new Test { TestCode = source, FixedCode = fixedSource };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        public sealed class Test : CodeFixTest
        {
            public Test()
            {
                Analyzers.Add(new TAnalyzer());
                CodeFixes.Add(new TCodeFix());
            }
        }
    }
}
