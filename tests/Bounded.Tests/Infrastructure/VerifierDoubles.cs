using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

#pragma warning disable RS1001, RS1004, RS1016, RS1017, RS1025, RS1026, RS1033, RS2008

// Analyzers that break one of the checks BoundedTestSettings adds to Microsoft.CodeAnalysis.Testing:
// VerifierSettingsTests feeds them to the Verify aliases to prove each added check can fail.
namespace Bounded.Tests.Infrastructure
{
    /// <summary>Reports "Bad" class names in generated code too: the generated-code check must fail.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ReportsInGeneratedCodeAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(OnlyBadAnalyzer.Bad);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterSymbolAction(
                c =>
                {
                    if (c.Symbol.Name.Contains("Bad"))
                    {
                        c.ReportDiagnostic(Diagnostic.Create(OnlyBadAnalyzer.Bad, c.Symbol.Locations[0], c.Symbol.Name));
                    }
                },
                SymbolKind.NamedType);
        }
    }

    /// <summary>A non-configurable descriptor, which <c>#pragma warning disable</c> cannot silence.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnsuppressibleAnalyzer : DiagnosticAnalyzer
    {
        public static readonly DiagnosticDescriptor Stubborn = new("TST0003", "Stubborn", "Type name '{0}' contains Bad", "Test", DiagnosticSeverity.Warning, true, customTags: WellKnownDiagnosticTags.NotConfigurable);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Stubborn);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSymbolAction(
                c =>
                {
                    if (c.Symbol.Name.Contains("Bad"))
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Stubborn, c.Symbol.Locations[0], c.Symbol.Name));
                    }
                },
                SymbolKind.NamedType);
        }
    }
}
