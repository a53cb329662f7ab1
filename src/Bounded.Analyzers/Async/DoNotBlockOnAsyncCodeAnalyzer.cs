using System.Collections.Immutable;
using System.Linq;
using Bounded.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.Analyzers.Async
{
    /// <summary>
    /// BND4001: <c>.Result</c>, <c>.Wait()</c>, <c>.GetAwaiter().GetResult()</c>, <c>Task.WaitAll</c>, <c>Task.WaitAny</c>
    /// on tasks not known to be complete. Chains are reported once, at the outermost site.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DoNotBlockOnAsyncCodeAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the <see cref="BlockingKind"/> of the site.</summary>
        public const string KindProperty = "Kind";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rules.DoNotBlockOnAsyncCode);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.SkipAnalysisOnly); // and #line hidden checked when reporting
            context.RegisterCompilationStartAction(start =>
            {
                var types = KnownTypes.For(start.Compilation);
                if (types.Task == null)
                {
                    return;
                }

                start.RegisterOperationAction(c => Analyze(c, types), OperationKind.PropertyReference, OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownTypes types)
        {
            var operation = context.Operation;
            if (operation is IPropertyReferenceOperation { Property.Name: not "Result" })
            {
                return;
            }

            if (operation is IInvocationOperation { TargetMethod.Name: not ("Wait" or "WaitAll" or "WaitAny" or "GetResult") })
            {
                return;
            }

            var kind = BlockingSites.Classify(operation, types, out var receiver);
            if (kind == BlockingKind.None
                || AsyncContext.IsInExpressionTree(operation)
                || BlockingSites.IsReceiverOfOuterSite(operation, types))
            {
                return;
            }

            if (receiver != null && KnownCompletion.IsKnownComplete(receiver, types))
            {
                return;
            }

            if (kind is BlockingKind.WaitAll or BlockingKind.WaitAny && AllArgumentsComplete((IInvocationOperation)operation, types))
            {
                return;
            }

            // The async-flag pattern: the sync entry point's wait, or a wait on the flag's sync branch (checked last: reads options).
            if (AsyncFlag.IsExempt(operation, receiver, context.Options, types))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind.ToString());
            context.ReportOutsideHiddenCode(Diagnostic.Create(Rules.DoNotBlockOnAsyncCode, operation.Syntax.GetLocation(), properties, BlockingSites.Describe(kind)));
        }

        /// <summary>True when every task passed to WaitAll/WaitAny (as individual params arguments) is known complete.</summary>
        private static bool AllArgumentsComplete(IInvocationOperation invocation, KnownTypes types)
        {
            int count = 0;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type is not { } parameterType
                    || parameterType.SpecialType == SpecialType.System_Int32
                    || parameterType.Name is "TimeSpan" or "CancellationToken")
                {
                    continue;
                }

                var value = AsyncContext.Unwrap(argument.Value);
                var elements = value switch
                {
                    IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
                    ICollectionExpressionOperation collection => collection.Elements,
                    _ => default,
                };
                if (elements.IsDefault || !elements.All(e => KnownCompletion.IsKnownComplete(e, types)))
                {
                    return false;
                }

                count += elements.Length;
            }

            return count > 0;
        }
    }
}
