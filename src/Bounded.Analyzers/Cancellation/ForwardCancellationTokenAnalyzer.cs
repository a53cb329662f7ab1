using System.Collections.Immutable;
using Bounded.Analyzers.Common;
using Bounded.Analyzers.Common.Tokens;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Analyzers.Cancellation
{
    /// <summary>
    /// BND3001: with a token in scope (<see cref="TokenInScope"/>), a <see cref="ForwardingSite"/>: a call that
    /// passes no token although it could, a call given <c>CancellationToken.None</c>/<c>default</c> explicitly, or an
    /// <c>await foreach</c> over an <c>IAsyncEnumerable&lt;T&gt;</c> without <c>WithCancellation</c>.
    /// Skipped: <c>finally</c> blocks, <c>catch (OperationCanceledException)</c>, token callbacks, <c>nameof</c>,
    /// expression trees, and the <see cref="UncancellableByDesign"/> methods.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ForwardCancellationTokenAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: what the fix does (a <see cref="ForwardingSite"/> kind).</summary>
        public const string KindProperty = "Kind";

        /// <summary>Diagnostic property: the C# text of the token to pass.</summary>
        public const string TokenProperty = "Token";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rules.ForwardCancellationToken);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.SkipAnalysisOnly); // and #line hidden checked when reporting
            context.RegisterCompilationStartAction(start =>
            {
                var types = KnownTypes.For(start.Compilation);
                if (types.CancellationToken == null)
                {
                    return;
                }

                start.RegisterOperationAction(c => Analyze(c, types), OperationKind.Invocation, OperationKind.Loop);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownTypes types)
        {
            // No token can be in scope (the common case, told from symbols alone): nothing to forward, whatever the callee.
            if (!TokenInScope.MayBeInScope(context.Operation, context.ContainingSymbol, types))
            {
                return;
            }

            var site = ForwardingSite.Classify(context.Operation, types);
            if (site == null || CancellationContext.IsCleanupOrNameof(site.Operation, types))
            {
                return;
            }

            var token = TokenInScope.Find(site.Operation, types, context.CancellationToken);
            if (token == null)
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(KindProperty, site.Kind)
                .Add(TokenProperty, token.Expression);
            context.ReportOutsideHiddenCode(Diagnostic.Create(Rules.ForwardCancellationToken, site.Node.GetLocation(), properties, token.Expression, site.Target));
        }
    }
}
