using System.Collections.Concurrent;
using System.Collections.Immutable;
using Bounded.Analyzers.Common.Options;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Analyzers.Configuration
{
    /// <summary>
    /// BND0001: a <c>bounded.*</c> key whose value does not parse, or that Bounded does not know.
    /// Reported once per key and value in a compilation, with no source location (the offending line
    /// is in .editorconfig/.globalconfig, which the compiler does not give analyzers as a document).
    /// The rules themselves read the same <see cref="BoundedOptions"/> and fall back to defaults.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class InvalidOptionAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rules.InvalidOption);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var reported = new ConcurrentDictionary<(string Key, string Value), bool>();
                start.RegisterSyntaxTreeAction(tree =>
                {
                    foreach (var problem in BoundedOptions.For(tree.Options, tree.Tree).Problems)
                    {
                        if (reported.TryAdd((problem.Key.ToLowerInvariant(), problem.Value), true))
                        {
                            tree.ReportDiagnostic(Diagnostic.Create(Rules.InvalidOption, Location.None, problem.Key, problem.Value, problem.Reason));
                        }
                    }
                });
            });
        }
    }
}
