using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Bounded.Tests.Verification
{
    /// <summary>
    /// <c>Verify</c> for analyzer tests: Microsoft.CodeAnalysis.Testing's <see cref="CSharpAnalyzerTest{TAnalyzer, TVerifier}"/>
    /// with Bounded's settings (<see cref="BoundedTestSettings"/>): net10.0 + ASP.NET Core + EF Core references,
    /// nullable enabled, every descriptor enabled, and the checks the library skips for our analyzers.
    /// </summary>
    public static class CSharpAnalyzerVerifier<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        /// <summary>The analyzer's only descriptor (BND0001 aside when it reports more).</summary>
        public static DiagnosticResult Diagnostic() => Expectations.Of(Expectations.SingleDescriptor(new TAnalyzer()));

        /// <summary>A diagnostic by id: the analyzer's descriptor, else any Bounded rule's, else a compiler error.</summary>
        public static DiagnosticResult Diagnostic(string id) => Expectations.ById(id, new TAnalyzer());

        public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => Expectations.Of(descriptor);

        public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            public Test() => BoundedTestSettings.Configure(this, Settings, Analyzers);

            /// <summary>The analyzers run; a test adds one (e.g. InvalidOptionAnalyzer) to see its diagnostics too.</summary>
            public List<DiagnosticAnalyzer> Analyzers { get; } = new() { new TAnalyzer() };

            /// <summary>Lines of a <c>/.editorconfig</c> section <c>[*.cs]</c>, e.g. <c>bounded.layers = A &lt; B</c>.</summary>
            public string? EditorConfig { get => Settings.EditorConfig; set => Settings.EditorConfig = value; }

            /// <summary>Further analyzer config files (path, full text), e.g. <c>("/.globalconfig", "is_global = true\n…")</c>.</summary>
            public List<(string Path, string Text)> AnalyzerConfigFiles => Settings.AnalyzerConfigFiles;

            public ReferenceSet ReferenceSet { get => Settings.ReferenceSet; set => Settings.ReferenceSet = value; }

            public TestTargetFramework TargetFramework { get => Settings.TargetFramework; set => Settings.TargetFramework = value; }

            public LanguageVersion LanguageVersion { get => Settings.LanguageVersion; set => Settings.LanguageVersion = value; }

            internal BoundedTestSettings Settings { get; } = new();

            protected override string DefaultFilePathPrefix => BoundedTestSettings.FilePathPrefix;

            protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Analyzers;

            protected override DiagnosticDescriptor? GetDefaultDiagnostic(DiagnosticAnalyzer[] analyzers) => Expectations.DefaultDescriptor(analyzers);

            protected override CompilationOptions CreateCompilationOptions() => BoundedTestSettings.CompilationOptions();

            protected override ParseOptions CreateParseOptions() => Settings.ParseOptions();

            protected override async Task RunImplAsync(CancellationToken cancellationToken)
            {
                ReferenceAssemblies = Settings.Prepare(TestState, fixedState: null);
                await base.RunImplAsync(cancellationToken).ConfigureAwait(false);
                await Settings.VerifyExclusionsAsync(
                    TestState.WithInheritedValuesApplied(null, ImmutableArray<string>.Empty).WithProcessedMarkup(MarkupOptions, GetDefaultDiagnostic(Analyzers.ToArray()), Analyzers.SelectMany(a => a.SupportedDiagnostics).ToImmutableArray(), ImmutableArray<string>.Empty, DefaultFilePath),
                    new ExclusionContext(TestBehaviors, ReferenceAssemblies, Analyzers, CreateProjectAsync, (solution, ct) => GetSortedDiagnosticsAsync(solution, Analyzers.ToImmutableArray(), ImmutableArray<(Project, Diagnostic)>.Empty, CompilerDiagnostics.None, Verify, ct), Verify),
                    cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// <c>Verify</c> for code-fix tests: <see cref="CSharpCodeFixTest{TAnalyzer, TCodeFix, TVerifier}"/> with the
    /// settings of <see cref="CSharpAnalyzerVerifier{TAnalyzer}"/>; the library applies fixes one by one and by
    /// Fix All in document, project and solution scope, and compares each result with the fixed state.
    /// </summary>
    public static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        public static DiagnosticResult Diagnostic() => CSharpAnalyzerVerifier<TAnalyzer>.Diagnostic();

        public static DiagnosticResult Diagnostic(string id) => CSharpAnalyzerVerifier<TAnalyzer>.Diagnostic(id);

        public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => Expectations.Of(descriptor);

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

        public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            public Test() => BoundedTestSettings.Configure(this, Settings, Analyzers);

            public List<DiagnosticAnalyzer> Analyzers { get; } = new() { new TAnalyzer() };

            public List<CodeFixProvider> CodeFixes { get; } = new() { new TCodeFix() };

            /// <inheritdoc cref="CSharpAnalyzerVerifier{TAnalyzer}.Test.EditorConfig"/>
            public string? EditorConfig { get => Settings.EditorConfig; set => Settings.EditorConfig = value; }

            public List<(string Path, string Text)> AnalyzerConfigFiles => Settings.AnalyzerConfigFiles;

            public ReferenceSet ReferenceSet { get => Settings.ReferenceSet; set => Settings.ReferenceSet = value; }

            public TestTargetFramework TargetFramework { get => Settings.TargetFramework; set => Settings.TargetFramework = value; }

            public LanguageVersion LanguageVersion { get => Settings.LanguageVersion; set => Settings.LanguageVersion = value; }

            internal BoundedTestSettings Settings { get; } = new();

            protected override string DefaultFilePathPrefix => BoundedTestSettings.FilePathPrefix;

            protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Analyzers;

            protected override IEnumerable<CodeFixProvider> GetCodeFixProviders() => CodeFixes;

            protected override DiagnosticDescriptor? GetDefaultDiagnostic(DiagnosticAnalyzer[] analyzers) => Expectations.DefaultDescriptor(analyzers);

            protected override CompilationOptions CreateCompilationOptions() => BoundedTestSettings.CompilationOptions();

            protected override ParseOptions CreateParseOptions() => Settings.ParseOptions();

            protected override async Task RunImplAsync(CancellationToken cancellationToken)
            {
                BoundedTestSettings.AssertFixAllInEveryScope(CodeFixes);
                ReferenceAssemblies = Settings.Prepare(TestState, FixedState);
                var evaluated = TestState.WithInheritedValuesApplied(null, ImmutableArray<string>.Empty).WithProcessedMarkup(MarkupOptions, GetDefaultDiagnostic(Analyzers.ToArray()), Analyzers.SelectMany(a => a.SupportedDiagnostics).ToImmutableArray(), ImmutableArray<string>.Empty, DefaultFilePath);
                NumberOfFixAllIterations ??= BoundedTestSettings.FixAllIterationBound(evaluated, TestState, FixedState, CodeFixes);
                if (BoundedTestSettings.ReportsNonLocalFixableRule(Analyzers))
                {
                    CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
                }

                await base.RunImplAsync(cancellationToken).ConfigureAwait(false);
                await Settings.VerifyExclusionsAsync(
                    evaluated,
                    new ExclusionContext(TestBehaviors, ReferenceAssemblies, Analyzers, CreateProjectAsync, (solution, ct) => GetSortedDiagnosticsAsync(solution, Analyzers.ToImmutableArray(), ImmutableArray<(Project, Diagnostic)>.Empty, CompilerDiagnostics.None, Verify, ct), Verify),
                    cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
