using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Bounded.Analyzers.Common;
using Bounded.Analyzers.Common.Options;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.Analyzers.Concurrency
{
    /// <summary>
    /// BND5001: one concurrent operation started per element of a collection whose size is not a
    /// small constant, with no concurrency limit. Three shapes:
    /// <list type="bullet">
    /// <item><c>Task.WhenAll/WhenAny/WaitAll/WaitAny/WhenEach</c> over <c>source.Select(x =&gt; starts a task)</c>
    /// (directly, after <c>ToList/ToArray</c>, or through a local) — reported at the <c>Select</c>;</item>
    /// <item>a task started in a <c>foreach</c>/<c>for</c> over such a collection and kept in a collection
    /// (<c>tasks.Add</c>, <c>tasks[i] =</c>) or discarded (<c>_ =</c>, a bare call) — reported at the call;</item>
    /// <item><c>Parallel.ForEach/For</c> given an async lambda (async void) — reported at the lambda.</item>
    /// </list>
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnboundedFanOutAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: which shape was found.</summary>
        public const string ShapeKey = "Shape";

        public const string ShapeSelect = "Select";
        public const string ShapeLoop = "Loop";
        public const string ShapeParallel = "Parallel";

        /// <summary>Diagnostic property of the loop shape: which enclosing loop is the fan-out, counted from the innermost (0) outwards.</summary>
        public const string LoopDepthKey = "LoopDepth";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rules.UnboundedFanOut);

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

                start.RegisterOperationAction(c => AnalyzeInvocation(c, types), OperationKind.Invocation);
                start.RegisterOperationAction(c => AnalyzeAssignment(c, types), OperationKind.SimpleAssignment);
            });
        }

        private static int MaxFixedFanOut(OperationAnalysisContext context) =>
            BoundedOptions.For(context.Options, context.Operation.Syntax.SyntaxTree).MaxFixedFanOut;

        private static void AnalyzeInvocation(OperationAnalysisContext context, KnownTypes types)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            var ct = context.CancellationToken;

            if (types.Enumerable != null && FanOut.IsEnumerableMethod(method, types, "Select"))
            {
                AnalyzeSelect(context, invocation, types);
                return;
            }

            if (types.Parallel != null && method.Name is "ForEach" or "For"
                && SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Parallel))
            {
                AnalyzeParallel(context, invocation);
                return;
            }

            if (!FanOut.IsStartingCall(invocation, types))
            {
                return;
            }

            // Cheap first: only a call in a loop body can be a per-element start.
            var loopBody = InnermostLoopBody(invocation);
            if (loopBody == null)
            {
                return;
            }

            // Kept (tasks.Add(...)) or discarded (a bare call); assignments are handled by AnalyzeAssignment.
            if (!IsKeptOrDiscarded(invocation, loopBody, types) || !FanOut.StartsTask(invocation, types, ct))
            {
                return;
            }

            ReportIfInUnboundedLoop(context, invocation, types);
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, KnownTypes types)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            var target = assignment.Target;
            bool keptOrDiscarded = target is IDiscardOperation or IArrayElementReferenceOperation
                || target is IPropertyReferenceOperation { Property.IsIndexer: true };
            if (!keptOrDiscarded || FanOut.Unwrap(assignment.Value) is not IInvocationOperation start
                || InnermostLoopBody(assignment) == null
                || !FanOut.StartsTask(start, types, context.CancellationToken))
            {
                return;
            }

            ReportIfInUnboundedLoop(context, start, types);
        }

        /// <summary><c>tasks.Add(start)</c>, <c>queue.Enqueue(start)</c>, or <c>start;</c> as a statement; or a local assigned start that is then added.</summary>
        /// <summary>The body of the innermost loop around <paramref name="operation"/> in the same function, or null.</summary>
        private static IOperation? InnermostLoopBody(IOperation operation)
        {
            IOperation child = operation;
            for (var parent = operation.Parent; parent != null && !FanOut.IsFunctionBoundary(parent); child = parent, parent = parent.Parent)
            {
                if (parent is ILoopOperation loop && loop.Body == child)
                {
                    return loop.Body;
                }
            }

            return null;
        }

        private static bool IsKeptOrDiscarded(IInvocationOperation start, IOperation loopBody, KnownTypes types)
        {
            IOperation current = start;
            while (current.Parent is IConversionOperation conversion)
            {
                current = conversion;
            }

            switch (current.Parent)
            {
                case IExpressionStatementOperation:
                    return true;
                case IArgumentOperation { Parent: IInvocationOperation add }:
                    return IsAddToCollection(add, types);
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return loopBody.Descendants().OfType<ILocalReferenceOperation>().Any(r =>
                        SymbolEqualityComparer.Default.Equals(r.Local, declarator.Symbol)
                        && SkipConversions(r).Parent is IArgumentOperation { Parent: IInvocationOperation add } && IsAddToCollection(add, types));
                default:
                    return false;
            }
        }

        private static IOperation SkipConversions(IOperation operation)
        {
            while (operation.Parent is IConversionOperation conversion)
            {
                operation = conversion;
            }

            return operation;
        }

        private static bool IsAddToCollection(IInvocationOperation add, KnownTypes types) =>
            add.Instance != null
            && !add.TargetMethod.IsStatic
            && add.TargetMethod.Name is "Add" or "Enqueue" or "Push" or "TryAdd" or "Insert" or "TryEnqueue"
            && !FanOut.IsStartingCall(add, types);

        /// <summary>
        /// From the innermost enclosing loop outwards (within the same function): a loop whose body
        /// awaits or takes a permit paces what it starts (stop, nothing to report); the first loop over a
        /// collection that is not bounded by a constant is the fan-out.
        /// </summary>
        private static void ReportIfInUnboundedLoop(OperationAnalysisContext context, IInvocationOperation start, KnownTypes types)
        {
            var ct = context.CancellationToken;
            int max = -1;
            int depth = 0;
            IOperation child = start;
            for (var parent = start.Parent; parent != null && !FanOut.IsFunctionBoundary(parent); child = parent, parent = parent.Parent)
            {
                if (parent is not ILoopOperation loop || loop.Body != child)
                {
                    continue;
                }

                if (FanOut.IsPaced(loop.Body, types, ct))
                {
                    return;
                }

                if (max < 0)
                {
                    max = MaxFixedFanOut(context);
                }

                var collection = UnboundedCollection(loop, max, types, ct);
                if (collection != null)
                {
                    context.ReportOutsideHiddenCode(Diagnostic.Create(
                        Rules.UnboundedFanOut,
                        start.Syntax.GetLocation(),
                        ImmutableDictionary<string, string?>.Empty.Add(ShapeKey, ShapeLoop)
                            .Add(LoopDepthKey, depth.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        "This loop",
                        collection.Syntax.ToString()));
                    return;
                }

                depth++;
            }
        }

        /// <summary>The collection a loop iterates when its size is not bounded by a constant; null for bounded loops and loops that are not over a collection.</summary>
        private static IOperation? UnboundedCollection(ILoopOperation loop, int max, KnownTypes types, CancellationToken ct)
        {
            switch (loop)
            {
                case IForEachLoopOperation { IsAsynchronous: false } forEach:
                    if (FanOut.HasErrors(forEach.Collection))
                    {
                        return null;
                    }

                    return FanOut.IsBoundedSource(forEach.Collection, max, types, ct) ? null : FanOut.Unwrap(forEach.Collection);
                case IForLoopOperation { Condition: IBinaryOperation condition }:
                    // for (i = 0; i < list.Count; i++): over a collection. for (i = 0; i < workers; i++): a worker pool.
                    foreach (var side in new[] { condition.RightOperand, condition.LeftOperand })
                    {
                        if (FanOut.ConstantInt(side) is int constant)
                        {
                            if (constant > max && condition.OperatorKind is BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.NotEquals
                                && (side == condition.RightOperand ? FanOut.ConstantInt(condition.LeftOperand) == null : FanOut.ConstantInt(condition.RightOperand) == null))
                            {
                                return side;
                            }

                            continue;
                        }

                        if (FanOut.CollectionOfSize(side, types) is { } sized && !FanOut.HasErrors(sized))
                        {
                            return FanOut.IsBoundedSource(sized, max, types, ct) ? null : FanOut.Unwrap(sized);
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }

        private static void AnalyzeSelect(OperationAnalysisContext context, IInvocationOperation select, KnownTypes types)
        {
            var ct = context.CancellationToken;
            // Cheap first: a sequence of tasks, handed to a combinator; then what the selector does.
            if (select.Arguments.Length != 2
                || select.TargetMethod.TypeArguments.Length != 2
                || !Awaitables.IsTaskLike(select.TargetMethod.TypeArguments[1], types))
            {
                return;
            }

            var combinator = FindCombinator(select, types);
            if (combinator == null || !FanOut.SelectorStartsTask(select.Arguments[1].Value, types, ct))
            {
                return;
            }

            var source = FanOut.Source(select);
            if (source == null || FanOut.HasErrors(source) || FanOut.IsBoundedSource(source, MaxFixedFanOut(context), types, ct))
            {
                return;
            }

            // Query syntax: the Select is implicit; report at the query expression.
            var at = select.Parent is ITranslatedQueryOperation query ? query.Syntax : select.Syntax;
            context.ReportOutsideHiddenCode(Diagnostic.Create(
                Rules.UnboundedFanOut,
                at.GetLocation(),
                ImmutableDictionary<string, string?>.Empty.Add(ShapeKey, ShapeSelect),
                "Task." + combinator.TargetMethod.Name,
                FanOut.Unwrap(source).Syntax.ToString()));
        }

        /// <summary>
        /// The <c>Task.WhenAll/WhenAny/WaitAll/WaitAny/WhenEach</c> that receives the sequence a
        /// <c>Select</c> produces: as its argument, after <c>ToList/ToArray</c>, or through a local.
        /// </summary>
        public static IInvocationOperation? FindCombinator(IInvocationOperation select, KnownTypes types)
        {
            IOperation start = select.Parent is ITranslatedQueryOperation query ? query : select;
            var (combinator, local) = Follow(start, types);
            if (combinator != null || local == null)
            {
                return combinator;
            }

            foreach (var reference in FanOut.Root(select).Descendants().OfType<ILocalReferenceOperation>())
            {
                if (SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    var (found, _) = Follow(reference, types);
                    if (found != null)
                    {
                        return found;
                    }
                }
            }

            return null;
        }

        private static (IInvocationOperation? Combinator, ILocalSymbol? Local) Follow(IOperation current, KnownTypes types)
        {
            for (int guard = 0; guard < 8; guard++)
            {
                switch (current.Parent)
                {
                    case IConversionOperation conversion:
                        current = conversion;
                        continue;
                    case IArgumentOperation { Parent: IInvocationOperation invocation }:
                        if (FanOut.IsCombinator(invocation, types))
                        {
                            return (invocation, null);
                        }

                        if (IsMaterializer(invocation, types) && invocation.Arguments[0].Value == current)
                        {
                            current = invocation;
                            continue;
                        }

                        return (null, null);
                    case IInvocationOperation instanceCall when instanceCall.Instance == current && instanceCall.TargetMethod.Name is "ToArray" or "ToList":
                        current = instanceCall;
                        continue;
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        return (null, declarator.Symbol);
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == current:
                        return (null, target.Local);
                    default:
                        return (null, null);
                }
            }

            return (null, null);
        }

        private static bool IsMaterializer(IInvocationOperation invocation, KnownTypes types) =>
            invocation.Arguments.Length == 1
            && invocation.TargetMethod.Name is "ToList" or "ToArray" or "AsEnumerable" or "ToHashSet" or "ToImmutableArray" or "ToImmutableList"
            && (SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, types.Enumerable)
                || invocation.TargetMethod.ContainingType?.Name == "ImmutableArray" || invocation.TargetMethod.ContainingType?.Name == "ImmutableList");

        private static void AnalyzeParallel(OperationAnalysisContext context, IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (FanOut.Unwrap(argument.Value) is IDelegateCreationOperation creation
                    && FanOut.Unwrap(creation.Target) is IAnonymousFunctionOperation { Symbol.IsAsync: true } lambda)
                {
                    string source = invocation.TargetMethod.Name == "For" && invocation.Arguments.Length >= 2
                        ? invocation.Arguments[0].Value.Syntax + ".." + invocation.Arguments[1].Value.Syntax
                        : invocation.Arguments[0].Value.Syntax.ToString();
                    context.ReportOutsideHiddenCode(Diagnostic.Create(
                        Rules.UnboundedFanOut,
                        lambda.Syntax.GetLocation(),
                        ImmutableDictionary<string, string?>.Empty.Add(ShapeKey, ShapeParallel),
                        "Parallel." + invocation.TargetMethod.Name + " with an async lambda (async void)",
                        source));
                }
            }
        }
    }
}
