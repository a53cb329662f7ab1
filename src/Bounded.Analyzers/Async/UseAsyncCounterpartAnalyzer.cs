using System.Collections.Immutable;
using Bounded.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.Analyzers.Async
{
    /// <summary>
    /// BND4002: inside an async method, lambda or local function, a synchronous call that has an equivalent async
    /// counterpart (see <see cref="AsyncCounterparts"/>), <c>Thread.Sleep</c>, or sync materialisation of an EF Core query.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UseAsyncCounterpartAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the counterpart's name.</summary>
        public const string CounterpartProperty = "Counterpart";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rules.UseAsyncCounterpart);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.SkipAnalysisOnly); // and #line hidden checked when reporting
            context.RegisterCompilationStartAction(start =>
            {
                var types = KnownTypes.For(start.Compilation);
                if (types.Task == null || types.TaskOfT == null)
                {
                    return;
                }

                var counterparts = new AsyncCounterparts(types);
                start.RegisterOperationAction(c => Analyze(c, types, counterparts), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownTypes types, AsyncCounterparts counterparts)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (method.ReturnsVoid == false && Awaitables.IsTaskLike(method.ReturnType, types))
            {
                return;
            }

            var function = AsyncContext.EnclosingFunction(invocation, context.ContainingSymbol);
            if (function is not { IsAsync: true } || IsExcluded(invocation, types))
            {
                return;
            }

            var counterpart = counterparts.Find(invocation, context.ContainingSymbol?.ContainingType);
            if (counterpart == null
                || SymbolEqualityComparer.Default.Equals(counterpart.Method.OriginalDefinition, function.OriginalDefinition)
                || AsyncContext.IsInsideLock(invocation)
                || AsyncContext.IsInExpressionTree(invocation)
                || AsyncFlag.IsExempt(invocation, blockedTask: null, context.Options, types))
            {
                return;
            }

            string display = counterpart.Kind == CounterpartKind.Delay ? "Task.Delay" : counterpart.Method.Name;
            var properties = ImmutableDictionary<string, string?>.Empty.Add(CounterpartProperty, counterpart.Method.Name);
            context.ReportOutsideHiddenCode(Diagnostic.Create(
                Rules.UseAsyncCounterpart,
                invocation.Syntax.GetLocation(),
                properties,
                method.ContainingType?.Name + "." + method.Name,
                display));
        }

        /// <summary>What BND4002 never reports, whatever counterpart exists.</summary>
        private static bool IsExcluded(IInvocationOperation invocation, KnownTypes types)
        {
            var method = invocation.TargetMethod;
            var owner = method.ContainingType?.OriginalDefinition;

            // One diagnostic per site: Task.Wait/WaitAll/WaitAny, GetAwaiter().GetResult() are BND4001's.
            if (BlockingSites.Classify(invocation, types, out _) != BlockingKind.None
                || BlockingSites.Same(owner, types.Task) || BlockingSites.Same(owner, types.TaskOfT)
                || BlockingSites.Same(owner, types.ValueTask) || BlockingSites.Same(owner, types.ValueTaskOfT))
            {
                return true;
            }

            // Dispose -> DisposeAsync is `await using`, a separate concern.
            if (method.Name == "Dispose")
            {
                return true;
            }

            // EF Core's guidance: Add/AddRange/Attach/Update are sync (AddAsync exists only for special value generators).
            if (method.Name is "Add" or "AddRange" or "Attach" or "AttachRange" or "Update" or "UpdateRange" && IsDbContextOrDbSet(method.ContainingType, types))
            {
                return true;
            }

            // A zero timeout (semaphore.Wait(0), Thread.Sleep(0)) does not block.
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { Name: "millisecondsTimeout" or "millisecondsDelay" or "millisecondsTimeoutInterval" }
                    && argument.Value.ConstantValue is { HasValue: true, Value: 0 })
                {
                    return true;
                }
            }

            return SynchronouslyCompletingTypes.IsSynchronouslyCompleting(invocation.Instance, types);
        }

        private static bool IsDbContextOrDbSet(INamedTypeSymbol? type, KnownTypes types)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (BlockingSites.Same(current.OriginalDefinition, types.DbContext) || BlockingSites.Same(current.OriginalDefinition, types.DbSetOfT))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
