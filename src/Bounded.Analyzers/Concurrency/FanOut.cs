using System.Linq;
using System.Threading;
using Bounded.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.Analyzers.Concurrency
{
    /// <summary>
    /// The Concurrency family's model of fan-out: what starts a task, what limits concurrency, and
    /// which sources are bounded by a small constant. Shared by the analyzer and the code fixes.
    /// </summary>
    internal static class FanOut
    {
        private const int MaxDepth = 4;

        /// <summary>Static methods of <c>Task</c> that wait for a set of already started tasks.</summary>
        public static bool IsCombinator(IInvocationOperation? invocation, KnownTypes types) =>
            invocation != null
            && invocation.TargetMethod.IsStatic
            && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, types.Task)
            && invocation.TargetMethod.Name is "WhenAll" or "WhenAny" or "WaitAll" or "WaitAny" or "WhenEach";

        public static bool IsEnumerableMethod(IMethodSymbol method, KnownTypes types, string name) =>
            method.Name == name && SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Enumerable);

        public static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>Half-typed code: the operation's (unwrapped) type is missing or an error type.</summary>
        public static bool HasErrors(IOperation operation)
        {
            var type = Unwrap(operation).Type ?? operation.Type;
            return type == null || type.TypeKind == TypeKind.Error
                || (type is INamedTypeSymbol named && named.TypeArguments.Any(a => a.TypeKind == TypeKind.Error));
        }

        public static bool IsFunctionBoundary(IOperation operation) =>
            operation is IAnonymousFunctionOperation or ILocalFunctionOperation;

        /// <summary>The first argument of an extension call in reduced or static form (the source of a LINQ operator).</summary>
        public static IOperation? Source(IInvocationOperation invocation) =>
            invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod || invocation.TargetMethod.IsStatic ? invocation.Arguments.FirstOrDefault()?.Value : null);

        // ------------------------------------------------------------------ starts a task

        /// <summary>
        /// A call that starts work and returns its task: any call returning Task/ValueTask(&lt;T&gt;),
        /// including <c>Task.Run</c>, <c>Task.Factory.StartNew</c> and delegate invocations, except
        /// factories of completed tasks, timers, and hand-offs to a bounded consumer (channels, Dataflow).
        /// </summary>
        public static bool IsStartingCall(IInvocationOperation invocation, KnownTypes types)
        {
            var method = invocation.TargetMethod;
            if (!Awaitables.IsTaskLike(method.ReturnType, types))
            {
                return false;
            }

            var containing = method.ContainingType?.OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(containing, types.Task)
                || SymbolEqualityComparer.Default.Equals(containing, types.ValueTask)
                || SymbolEqualityComparer.Default.Equals(containing, types.ValueTaskOfT))
            {
                if (method.Name is "FromResult" or "FromException" or "FromCanceled" or "Delay")
                {
                    return false;
                }
            }

            if (IsAcquire(invocation, types))
            {
                return false;
            }

            // t.ContinueWith(...), t.WaitAsync(...): a continuation of a task that already exists, not new work.
            if (!method.IsStatic && invocation.Instance != null && Awaitables.IsTaskLike(invocation.Instance.Type, types))
            {
                return false;
            }

            // Hand-offs to a consumer that bounds itself: Channel writers, Dataflow blocks.
            if (SymbolEqualityComparer.Default.Equals(containing, types.ChannelWriterOfT)
                || SymbolEqualityComparer.Default.Equals(containing, types.DataflowBlock)
                || (types.TargetBlockOfT != null && containing != null && ImplementsOriginal(containing, types.TargetBlockOfT)))
            {
                return false;
            }

            return true;
        }

        /// <summary>Whether the value of <paramref name="expression"/> is a task started by this expression.</summary>
        public static bool StartsTask(IOperation? expression, KnownTypes types, CancellationToken ct, int depth = 0)
        {
            if (expression == null || depth > MaxDepth)
            {
                return false;
            }

            expression = Unwrap(expression);
            switch (expression)
            {
                case IInvocationOperation invocation:
                    if (!IsStartingCall(invocation, types))
                    {
                        return false;
                    }

                    // Task.Run(() => ...) / Task.Factory.StartNew(...) whose delegate first takes a permit is bounded.
                    if (IsTaskRunOrStartNew(invocation, types))
                    {
                        foreach (var argument in invocation.Arguments)
                        {
                            if (Unwrap(argument.Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
                                && IsThrottled(lambda.Body, types, ct))
                            {
                                return false;
                            }
                        }

                        return true;
                    }

                    return !CalleeIsThrottled(invocation.TargetMethod, invocation, types, ct);
                case IConditionalOperation conditional:
                    return StartsTask(conditional.WhenTrue, types, ct, depth + 1) || StartsTask(conditional.WhenFalse, types, ct, depth + 1);
                case ICoalesceOperation coalesce:
                    return StartsTask(coalesce.Value, types, ct, depth + 1) || StartsTask(coalesce.WhenNull, types, ct, depth + 1);
                default:
                    return false;
            }
        }

        public static bool IsTaskRunOrStartNew(IInvocationOperation invocation, KnownTypes types)
        {
            var method = invocation.TargetMethod;
            return (method.Name == "Run" && SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Task))
                || (method.Name == "StartNew" && types.TaskFactory != null && DerivesFromOriginal(method.ContainingType, types.TaskFactory));
        }

        /// <summary>Whether a selector delegate (lambda, method group or delegate value) starts a task per invocation, with no limit inside.</summary>
        public static bool SelectorStartsTask(IOperation selector, KnownTypes types, CancellationToken ct)
        {
            selector = Unwrap(selector);
            if (selector is not IDelegateCreationOperation creation)
            {
                return false;
            }

            switch (Unwrap(creation.Target))
            {
                case IAnonymousFunctionOperation lambda:
                    if (lambda.Symbol.IsAsync)
                    {
                        return Awaitables.IsTaskLike(lambda.Symbol.ReturnType, types) && !IsThrottled(lambda.Body, types, ct);
                    }

                    return !IsThrottled(lambda.Body, types, ct)
                        && Returns(lambda.Body).Any(r => StartsTask(r.ReturnedValue, types, ct));
                case IMethodReferenceOperation reference:
                    return Awaitables.IsTaskLike(reference.Method.ReturnType, types)
                        && !CalleeIsThrottled(reference.Method, reference, types, ct);
                default:
                    return false;
            }
        }

        /// <summary>Return statements of a body, not those of nested functions.</summary>
        public static System.Collections.Generic.IEnumerable<IReturnOperation> Returns(IOperation body) =>
            SameFunction(body).OfType<IReturnOperation>();

        /// <summary>The descendants of <paramref name="root"/> in the same function (nested lambdas and local functions are skipped).</summary>
        public static System.Collections.Generic.IEnumerable<IOperation> SameFunction(IOperation root)
        {
            var stack = new System.Collections.Generic.Stack<IOperation>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                yield return current;
                foreach (var child in current.ChildOperations)
                {
                    if (!IsFunctionBoundary(child))
                    {
                        stack.Push(child);
                    }
                }
            }
        }

        // ------------------------------------------------------------------ limits

        /// <summary><c>SemaphoreSlim.Wait/WaitAsync</c>, a rate limiter's <c>AcquireAsync/AttemptAcquire</c>.</summary>
        public static bool IsAcquire(IInvocationOperation invocation, KnownTypes types)
        {
            var method = invocation.TargetMethod;
            var containing = method.ContainingType?.OriginalDefinition;
            if (containing == null)
            {
                return false;
            }

            if (method.Name is "WaitAsync" or "Wait" && types.SemaphoreSlim != null && DerivesFromOriginal(containing, types.SemaphoreSlim))
            {
                return true;
            }

            return method.Name is "AcquireAsync" or "AttemptAcquire"
                && ((types.RateLimiter != null && DerivesFromOriginal(containing, types.RateLimiter))
                    || (types.PartitionedRateLimiterOfT != null && DerivesFromOriginal(containing, types.PartitionedRateLimiterOfT)));
        }

        /// <summary>A Polly bulkhead (v7) or resilience pipeline (v8, which may hold a concurrency limiter) executing the work.</summary>
        public static bool IsBulkheadExecute(IInvocationOperation invocation, KnownTypes types)
        {
            var method = invocation.TargetMethod;
            if (!method.Name.StartsWith("Execute", System.StringComparison.Ordinal))
            {
                return false;
            }

            var containing = method.ContainingType?.OriginalDefinition;
            return containing != null
                && ((types.PollyAsyncBulkheadPolicy != null && DerivesFromOriginal(containing, types.PollyAsyncBulkheadPolicy))
                    || (types.PollyAsyncBulkheadPolicyOfT != null && DerivesFromOriginal(containing, types.PollyAsyncBulkheadPolicyOfT))
                    || (types.PollyResiliencePipeline != null && DerivesFromOriginal(containing, types.PollyResiliencePipeline))
                    || (types.PollyResiliencePipelineOfT != null && DerivesFromOriginal(containing, types.PollyResiliencePipelineOfT)));
        }

        /// <summary>
        /// Whether a body (of the per-element work) takes a permit (semaphore, rate-limiter lease or bulkhead) before
        /// its first await. Every element runs synchronously up to its first await, all at once: work awaited before
        /// the permit (<c>var page = await http.GetAsync(url); await gate.WaitAsync();</c>) is not bounded by it.
        /// </summary>
        public static bool IsThrottled(IOperation? body, KnownTypes types, CancellationToken ct)
        {
            if (body == null)
            {
                return false;
            }

            System.Collections.Generic.List<IOperation>? acquires = null;
            System.Collections.Generic.List<IOperation>? awaits = null;
            foreach (var operation in SameFunction(body))
            {
                ct.ThrowIfCancellationRequested();
                switch (operation)
                {
                    case IInvocationOperation invocation when IsAcquire(invocation, types) || IsBulkheadExecute(invocation, types):
                        (acquires ??= new System.Collections.Generic.List<IOperation>()).Add(operation);
                        break;
                    case IAwaitOperation:
                    case IForEachLoopOperation { IsAsynchronous: true }:
                    case IUsingOperation { IsAsynchronous: true }:
                    case IUsingDeclarationOperation { IsAsynchronous: true }:
                        (awaits ??= new System.Collections.Generic.List<IOperation>()).Add(operation);
                        break;
                }
            }

            if (acquires == null)
            {
                return false;
            }

            return awaits == null || acquires.Any(acquire => !awaits.Any(awaited => AwaitsBefore(awaited, acquire)));
        }

        /// <summary>
        /// Whether <paramref name="awaited"/> suspends before <paramref name="acquire"/> runs: it ends before it in
        /// the text, or it is an <c>await foreach</c>/<c>await using</c> whose body holds it (the first MoveNextAsync
        /// or the resource's acquisition comes first). <c>await gate.WaitAsync()</c> holds its acquire: not before.
        /// </summary>
        private static bool AwaitsBefore(IOperation awaited, IOperation acquire)
        {
            var span = acquire.Syntax.Span;
            if (awaited.Syntax.SyntaxTree != acquire.Syntax.SyntaxTree)
            {
                return false;
            }

            if (awaited.Syntax.Span.End <= span.Start)
            {
                return true;
            }

            IOperation? body = awaited switch
            {
                IForEachLoopOperation loop => loop.Body,
                IUsingOperation usingOperation => usingOperation.Body,
                _ => null,
            };
            return body != null && body.Syntax.Span.Contains(span);
        }

        /// <summary>A source method in the same file whose body takes a permit (a throttled helper called per element).</summary>
        private static bool CalleeIsThrottled(IMethodSymbol method, IOperation site, KnownTypes types, CancellationToken ct)
        {
            var model = site.SemanticModel;
            if (model == null)
            {
                return false;
            }

            foreach (var reference in method.OriginalDefinition.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree != model.SyntaxTree)
                {
                    continue;
                }

                var syntax = reference.GetSyntax(ct);
                if (syntax is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax
                    && model.GetOperation(syntax, ct) is { } body
                    && IsThrottled(body, types, ct))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the body of a loop waits (an <c>await</c>, a permit) on every iteration: such a loop paces what it starts.</summary>
        public static bool IsPaced(IOperation body, KnownTypes types, CancellationToken ct)
        {
            foreach (var operation in SameFunction(body))
            {
                ct.ThrowIfCancellationRequested();
                switch (operation)
                {
                    case IAwaitOperation:
                    case IForEachLoopOperation { IsAsynchronous: true }:
                    case IUsingOperation { IsAsynchronous: true }:
                    case IUsingDeclarationOperation { IsAsynchronous: true }:
                        return true;
                    case IInvocationOperation invocation when IsAcquire(invocation, types) || IsBulkheadExecute(invocation, types):
                        return true;
                }
            }

            return false;
        }

        // ------------------------------------------------------------------ bounded sources

        /// <summary>Whether the number of elements of <paramref name="source"/> is at most <paramref name="max"/> by construction.</summary>
        public static bool IsBoundedSource(IOperation? source, int max, KnownTypes types, CancellationToken ct, int depth = 0)
        {
            if (source == null || depth > MaxDepth)
            {
                return false;
            }

            source = Unwrap(source);
            switch (source)
            {
                case IArrayCreationOperation array:
                    if (array.Initializer != null)
                    {
                        return array.Initializer.ElementValues.Length <= max;
                    }

                    return array.DimensionSizes.Length == 1 && ConstantInt(array.DimensionSizes[0]) is int size && size <= max;
                case ICollectionExpressionOperation collection:
                    return collection.Elements.Length <= max && !collection.Elements.Any(e => e is ISpreadOperation);
                case IObjectCreationOperation creation:
                    return creation.Initializer is IObjectOrCollectionInitializerOperation initializer
                        && initializer.Initializers.Length <= max
                        && initializer.Initializers.All(i => i is IInvocationOperation)
                        && creation.Arguments.All(a => ConstantInt(a.Value) != null);
                case IInvocationOperation invocation:
                    return IsBoundedInvocation(invocation, max, types, ct, depth);
                case ILocalReferenceOperation local:
                    return IsBoundedLocal(local, max, types, ct, depth);
                case IParameterReferenceOperation parameter:
                    return IsChunkElement(parameter.Parameter, parameter.SemanticModel, max, types, ct);
                case IFieldReferenceOperation field:
                    return (field.Field.IsReadOnly || field.Field.IsConst) && InitializerCount(field.Field, ct) is int fieldCount && fieldCount <= max;
                case IPropertyReferenceOperation property:
                    return property.Property.SetMethod == null && !property.Property.IsIndexer
                        && InitializerCount(property.Property, ct) is int propertyCount && propertyCount <= max;
                default:
                    return false;
            }
        }

        private static bool IsBoundedInvocation(IInvocationOperation invocation, int max, KnownTypes types, CancellationToken ct, int depth)
        {
            var method = invocation.TargetMethod;
            if (SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Enum)
                && method.Name is "GetValues" or "GetNames" or "GetValuesAsUnderlyingType")
            {
                var enumType = method.TypeArguments.FirstOrDefault()
                    ?? (invocation.Arguments.FirstOrDefault()?.Value is ITypeOfOperation typeOf ? typeOf.TypeOperand : null);
                return enumType is INamedTypeSymbol { TypeKind: TypeKind.Enum } e
                    && e.GetMembers().Count(m => m is IFieldSymbol { IsConst: true }) <= max;
            }

            if (!SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Enumerable))
            {
                // Instance materializers of a bounded collection (list.ToArray()).
                return method.Name is "ToArray" or "ToList" or "ToImmutableArray" or "ToImmutableList"
                    && invocation.Instance != null
                    && IsBoundedSource(invocation.Instance, max, types, ct, depth + 1);
            }

            var source = Source(invocation);
            switch (method.Name)
            {
                case "Range":
                case "Repeat":
                    var count = invocation.Arguments.Length == 2 ? invocation.Arguments[1].Value : null;
                    if (count == null)
                    {
                        return false;
                    }

                    return IsBoundedCount(count, max, types, ct, depth);
                case "Take":
                    var take = invocation.Arguments.Length == 2 ? invocation.Arguments[1].Value : null;
                    return (take != null && ConstantInt(take) is int taken && taken <= max)
                        || IsBoundedSource(source, max, types, ct, depth + 1);
                case "Where":
                case "Select":
                case "OrderBy":
                case "OrderByDescending":
                case "ThenBy":
                case "ThenByDescending":
                case "Order":
                case "OrderDescending":
                case "Distinct":
                case "DistinctBy":
                case "Skip":
                case "SkipWhile":
                case "TakeWhile":
                case "Reverse":
                case "ToList":
                case "ToArray":
                case "ToHashSet":
                case "AsEnumerable":
                case "Cast":
                case "OfType":
                case "Chunk":
                    return IsBoundedSource(source, max, types, ct, depth + 1);
                default:
                    return false;
            }
        }

        /// <summary>
        /// The count of <c>Enumerable.Range(start, count)</c>/<c>Repeat(x, count)</c> is bounded: a constant at most
        /// <paramref name="max"/>, <c>Environment.ProcessorCount</c> (a worker pool sized to the machine), the size of
        /// a bounded collection, or <c>Math.Min</c> with a bounded side. Any other value (a parameter, a field, a
        /// request's page size) can be as large as the data: unbounded.
        /// </summary>
        private static bool IsBoundedCount(IOperation count, int max, KnownTypes types, CancellationToken ct, int depth)
        {
            if (depth > MaxDepth)
            {
                return false;
            }

            if (ConstantInt(count) is int constant)
            {
                return constant <= max;
            }

            switch (Unwrap(count))
            {
                case IPropertyReferenceOperation { Property: { Name: "ProcessorCount", IsStatic: true, ContainingType: { Name: "Environment", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } }:
                    return true;
                case IInvocationOperation { TargetMethod: { Name: "Min", IsStatic: true, ContainingType: { Name: "Math", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } } min
                    when min.Arguments.Length == 2:
                    return IsBoundedCount(min.Arguments[0].Value, max, types, ct, depth + 1)
                        || IsBoundedCount(min.Arguments[1].Value, max, types, ct, depth + 1);
                default:
                    return CollectionOfSize(count, types) is { } sized && IsBoundedSource(sized, max, types, ct, depth + 1);
            }
        }

        /// <summary>
        /// A local holding a bounded collection (declared with a bounded initializer and not grown
        /// afterwards), or the element of a <c>foreach</c> over <c>.Chunk(c)</c>.
        /// </summary>
        private static bool IsBoundedLocal(ILocalReferenceOperation reference, int max, KnownTypes types, CancellationToken ct, int depth)
        {
            var model = reference.SemanticModel;
            var declaring = reference.Local.DeclaringSyntaxReferences.FirstOrDefault();
            if (model == null || declaring == null || declaring.SyntaxTree != model.SyntaxTree)
            {
                return false;
            }

            var syntax = declaring.GetSyntax(ct);
            if (syntax is ForEachStatementSyntax forEach)
            {
                return model.GetOperation(forEach.Expression, ct) is { } collection && IsChunkOf(collection, max, types);
            }

            if (syntax is not VariableDeclaratorSyntax { Initializer: { } initializer }
                || model.GetOperation(initializer.Value, ct) is not { } value
                || !IsBoundedSource(value, max, types, ct, depth + 1))
            {
                return false;
            }

            // Not grown later: no Add/Insert/Push/Enqueue/AddRange on the local, no reassignment.
            var root = Root(reference);
            foreach (var other in root.Descendants().OfType<ILocalReferenceOperation>())
            {
                if (!SymbolEqualityComparer.Default.Equals(other.Local, reference.Local))
                {
                    continue;
                }

                if (other.Parent is IInvocationOperation grow && grow.Instance == other
                    && (grow.TargetMethod.Name.StartsWith("Add", System.StringComparison.Ordinal)
                        || grow.TargetMethod.Name.StartsWith("Insert", System.StringComparison.Ordinal)
                        || grow.TargetMethod.Name is "Push" or "Enqueue" or "UnionWith"))
                {
                    return false;
                }

                if (other.Parent is IAssignmentOperation assignment && assignment.Target == other)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A lambda parameter that receives the chunks of <c>.Chunk(c)</c> (<c>items.Chunk(10).Select(batch => ...)</c>'s <c>batch</c>).</summary>
        private static bool IsChunkElement(IParameterSymbol parameter, SemanticModel? model, int max, KnownTypes types, CancellationToken ct)
        {
            if (model == null || parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda)
            {
                return false;
            }

            var syntax = lambda.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct);
            if (syntax?.SyntaxTree != model.SyntaxTree || syntax.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } })
            {
                return false;
            }

            return model.GetOperation(call, ct) is IInvocationOperation invocation
                && Source(invocation) is { } source
                && IsChunkOf(source, max, types);
        }

        private static bool IsChunkOf(IOperation collection, int max, KnownTypes types) =>
            Unwrap(collection) is IInvocationOperation chunk
            && IsEnumerableMethod(chunk.TargetMethod, types, "Chunk")
            && chunk.Arguments.Length == 2
            && ConstantInt(chunk.Arguments[1].Value) is int size
            && size <= max;

        /// <summary>The number of elements a field's or get-only property's initializer spells out, or null.</summary>
        private static int? InitializerCount(ISymbol member, CancellationToken ct)
        {
            var syntax = member.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct);
            ExpressionSyntax? value = syntax switch
            {
                VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                PropertyDeclarationSyntax property when property.AccessorList?.Accessors.All(a => a.Keyword.Text == "get") != false => property.Initializer?.Value,
                _ => null,
            };

            switch (value)
            {
                case InitializerExpressionSyntax initializer:
                    return initializer.Expressions.Count;
                case ArrayCreationExpressionSyntax { Initializer: { } arrayInitializer }:
                    return arrayInitializer.Expressions.Count;
                case ImplicitArrayCreationExpressionSyntax implicitArray:
                    return implicitArray.Initializer.Expressions.Count;
                case CollectionExpressionSyntax collection when collection.Elements.All(e => e is ExpressionElementSyntax):
                    return collection.Elements.Count;
                case BaseObjectCreationExpressionSyntax { Initializer: { } objectInitializer } creation
                    when creation.ArgumentList == null || creation.ArgumentList.Arguments.Count == 0:
                    return objectInitializer.Expressions.Count;
                default:
                    return null;
            }
        }

        /// <summary>For <c>x.Count</c>, <c>x.Length</c>, <c>x.Count()</c>: the collection <c>x</c>; otherwise null.</summary>
        public static IOperation? CollectionOfSize(IOperation size, KnownTypes types)
        {
            size = Unwrap(size);
            return size switch
            {
                IPropertyReferenceOperation { Property.Name: "Count" or "Length" or "LongLength", Instance: { } instance } => instance,
                IInvocationOperation invocation when (IsEnumerableMethod(invocation.TargetMethod, types, "Count") || IsEnumerableMethod(invocation.TargetMethod, types, "LongCount"))
                    && invocation.Arguments.Length == 1 => invocation.Arguments[0].Value,
                _ => null,
            };
        }

        public static int? ConstantInt(IOperation? operation)
        {
            if (operation?.ConstantValue is { HasValue: true, Value: { } value })
            {
                switch (value)
                {
                    case int i:
                        return i;
                    case long l when l <= int.MaxValue && l >= int.MinValue:
                        return (int)l;
                }
            }

            return null;
        }

        public static IOperation Root(IOperation operation)
        {
            while (operation.Parent != null)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        private static bool DerivesFromOriginal(INamedTypeSymbol? type, INamedTypeSymbol baseType)
        {
            for (var t = type; t != null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ImplementsOriginal(INamedTypeSymbol type, INamedTypeSymbol @interface) =>
            SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, @interface)
            || type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, @interface));
    }
}
