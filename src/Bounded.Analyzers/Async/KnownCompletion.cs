using System;
using System.Linq;
using Bounded.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.Analyzers.Async
{
    /// <summary>
    /// "The task is known to be complete here": sound, cheap checks in the same method. When unsure the answer
    /// is "not known", never a guess — but every check errs towards not reporting (precision over recall).
    /// </summary>
    public static class KnownCompletion
    {
        /// <summary>True when the task expression <paramref name="task"/>, evaluated at its position, is certainly complete.</summary>
        public static bool IsKnownComplete(IOperation task, KnownTypes types)
        {
            var stripped = StripTaskLinks(task, types);
            switch (stripped)
            {
                case IInvocationOperation { TargetMethod: { IsStatic: true, Name: "FromResult" or "FromException" or "FromCanceled" } method }
                    when IsTaskOrValueTask(method.ContainingType, types):
                    return true;
                case IPropertyReferenceOperation { Property: { IsStatic: true, Name: "CompletedTask" } property }
                    when IsTaskOrValueTask(property.ContainingType, types):
                    return true;
                case IDefaultValueOperation { Type: { } type } when IsTaskOrValueTask(type as INamedTypeSymbol, types) && type.IsValueType:
                    return true;
                case IObjectCreationOperation { Constructor: { Parameters.Length: 1 } ctor, Type: { IsValueType: true } type }
                    when IsTaskOrValueTask(type as INamedTypeSymbol, types)
                         && ctor.OriginalDefinition.Parameters[0].Type is ITypeParameterSymbol:
                    // new ValueTask<T>(result)
                    return true;
                case IAwaitOperation awaited when IsWhenAny(StripTaskLinks(awaited.Operation, types), types):
                    // (await Task.WhenAny(...)).Result
                    return true;
            }

            var target = Target.Of(stripped);
            if (target.Symbol == null || stripped == null)
            {
                return false;
            }

            if (IsGuardedByCompletionCheck(stripped, target, types))
            {
                return true;
            }

            var root = Root(stripped);
            switch (target.Kind)
            {
                case TargetKind.Variable:
                    if (IsContinuationAntecedent(stripped, target.Symbol, types, element: false)
                        || IsLocalFromAwaitedWhenAny(target.Symbol, stripped, root, types))
                    {
                        return true;
                    }

                    // Cheap checks first: the whole-member reassignment scan runs only when an await matched.
                    return CanContainAwait(stripped, root)
                        && IsAwaitedBefore(stripped, awaited => AwaitsVariable(awaited, target.Symbol, types))
                        && !IsReassigned(target.Symbol, root);

                case TargetKind.ElementOfCollection:
                    if (IsContinuationAntecedent(stripped, target.Symbol, types, element: true))
                    {
                        return true;
                    }

                    return CanContainAwait(stripped, root)
                        && IsAwaitedBefore(stripped, awaited => AwaitsWhenAllOver(awaited, target.Symbol, types))
                        && !IsReassigned(target.Symbol, root);

                default:
                    return false;
            }
        }

        /// <summary>Strips conversions, parentheses, <c>ConfigureAwait(...)</c> and <c>AsTask()</c>.</summary>
        public static IOperation? StripTaskLinks(IOperation? operation, KnownTypes types)
        {
            while (true)
            {
                operation = AsyncContext.Unwrap(operation);
                if (operation is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "AsTask", Instance: { } instance } && Awaitables.IsTaskLike(instance.Type, types))
                {
                    operation = instance;
                    continue;
                }

                return operation;
            }
        }

        private static bool IsTaskOrValueTask(INamedTypeSymbol? type, KnownTypes types)
        {
            var definition = type?.OriginalDefinition;
            return BlockingSites.Same(definition, types.Task) || BlockingSites.Same(definition, types.TaskOfT)
                || BlockingSites.Same(definition, types.ValueTask) || BlockingSites.Same(definition, types.ValueTaskOfT);
        }

        private enum TargetKind
        {
            None,

            /// <summary>A local, parameter or (for IsCompleted guards only) a field of this instance.</summary>
            Variable,

            /// <summary>An element of a local/parameter collection: <c>tasks[i]</c>, a foreach variable over it, a lambda parameter of a LINQ call on it.</summary>
            ElementOfCollection,
        }

        private readonly struct Target
        {
            private Target(TargetKind kind, ISymbol? symbol)
            {
                Kind = kind;
                Symbol = symbol;
            }

            public TargetKind Kind { get; }

            public ISymbol? Symbol { get; }

            public static Target Of(IOperation? operation)
            {
                switch (operation)
                {
                    case ILocalReferenceOperation local:
                        var collection = ForEachCollection(local);
                        return collection != null ? new Target(TargetKind.ElementOfCollection, collection) : new Target(TargetKind.Variable, local.Local);
                    case IParameterReferenceOperation parameter:
                        var source = LinqSource(parameter.Parameter, operation);
                        return source != null ? new Target(TargetKind.ElementOfCollection, source) : new Target(TargetKind.Variable, parameter.Parameter);
                    case IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field:
                        return new Target(TargetKind.Variable, field.Field);
                    case IArrayElementReferenceOperation { ArrayReference: { } array }:
                        var arraySymbol = VariableSymbol(AsyncContext.Unwrap(array));
                        return arraySymbol != null ? new Target(TargetKind.ElementOfCollection, arraySymbol) : default;
                    case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } list }:
                        var listSymbol = VariableSymbol(AsyncContext.Unwrap(list));
                        return listSymbol != null ? new Target(TargetKind.ElementOfCollection, listSymbol) : default;
                    default:
                        return default;
                }
            }
        }

        private static ISymbol? VariableSymbol(IOperation? operation) => operation switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };

        /// <summary>For <c>foreach (var t in tasks)</c>: the local/parameter <c>tasks</c> when the reference is the iteration variable.</summary>
        private static ISymbol? ForEachCollection(ILocalReferenceOperation reference)
        {
            for (var current = reference.Parent; current != null; current = current.Parent)
            {
                if (current is IForEachLoopOperation loop && loop.Locals.Contains(reference.Local, SymbolEqualityComparer.Default))
                {
                    var collection = AsyncContext.Unwrap(loop.Collection);
                    return VariableSymbol(collection);
                }

                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    continue;
                }
            }

            return null;
        }

        /// <summary>For <c>tasks.Select(t =&gt; t.Result)</c>: the local/parameter <c>tasks</c> when the parameter is the lambda's element parameter.</summary>
        private static ISymbol? LinqSource(IParameterSymbol parameter, IOperation reference)
        {
            if (parameter.Ordinal != 0 || parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.AnonymousFunction })
            {
                return null;
            }

            for (var current = reference.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, parameter.ContainingSymbol))
                {
                    var argument = (lambda.Parent as IDelegateCreationOperation)?.Parent as IArgumentOperation
                        ?? lambda.Parent as IArgumentOperation;
                    if (argument?.Parent is IInvocationOperation { TargetMethod: { IsExtensionMethod: true, ContainingType: { Name: "Enumerable", ContainingNamespace.Name: "Linq" } } } invocation
                        && invocation.Arguments.Length > 0
                        && invocation.Arguments[0] != argument)
                    {
                        return VariableSymbol(AsyncContext.Unwrap(invocation.Arguments[0].Value));
                    }

                    return null;
                }
            }

            return null;
        }

        internal static IOperation Root(IOperation operation)
        {
            var current = operation;
            while (current.Parent != null)
            {
                current = current.Parent;
            }

            return current;
        }

        /// <summary>Any write to the variable in the member other than its declaration: assignment, ref/out argument, element replacement.</summary>
        internal static bool IsReassigned(ISymbol symbol, IOperation root)
        {
            foreach (var operation in root.Descendants())
            {
                switch (operation)
                {
                    case IAssignmentOperation assignment when Refers(assignment.Target, symbol) || IsElementOf(assignment.Target, symbol):
                        return true;
                    case IDeconstructionAssignmentOperation deconstruction when deconstruction.Target.Descendants().Any(d => Refers(d, symbol)):
                        return true;
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument when Refers(argument.Value, symbol):
                        return true;
                    case IAddressOfOperation addressOf when Refers(addressOf.Reference, symbol):
                        return true;
                }
            }

            return false;
        }

        private static bool Refers(IOperation? operation, ISymbol symbol) =>
            SymbolEqualityComparer.Default.Equals(VariableSymbol(AsyncContext.Unwrap(operation)), symbol);

        private static bool IsElementOf(IOperation target, ISymbol symbol) => target switch
        {
            IArrayElementReferenceOperation element => Refers(element.ArrayReference, symbol),
            IPropertyReferenceOperation { Property.IsIndexer: true } indexer => Refers(indexer.Instance, symbol),
            _ => false,
        };

        private static bool SameVariable(IOperation? operation, ISymbol symbol)
        {
            operation = AsyncContext.Unwrap(operation);
            return operation switch
            {
                ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, symbol),
                IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, symbol),
                IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => SymbolEqualityComparer.Default.Equals(field.Field, symbol),
                _ => false,
            };
        }

        // ---- await t / await Task.WhenAll(...) earlier on every path ----

        private static bool AwaitsVariable(IAwaitOperation awaited, ISymbol symbol, KnownTypes types)
        {
            var operand = StripTaskLinks(awaited.Operation, types);
            if (SameVariable(operand, symbol) && symbol is ILocalSymbol or IParameterSymbol)
            {
                return true;
            }

            return IsWhenAll(operand, types, out var invocation) && WhenAllArguments(invocation!).Any(a => SameVariable(StripTaskLinks(a, types), symbol));
        }

        private static bool AwaitsWhenAllOver(IAwaitOperation awaited, ISymbol collection, KnownTypes types)
        {
            var operand = StripTaskLinks(awaited.Operation, types);
            return IsWhenAll(operand, types, out var invocation)
                && invocation!.Arguments.Length == 1
                && invocation.Arguments[0].Value is not IArrayCreationOperation { IsImplicit: true }
                && SameVariable(invocation.Arguments[0].Value, collection);
        }

        private static bool IsWhenAll(IOperation? operation, KnownTypes types, out IInvocationOperation? invocation)
        {
            invocation = operation as IInvocationOperation;
            return invocation is { TargetMethod: { IsStatic: true, Name: "WhenAll" } method } && BlockingSites.Same(method.ContainingType, types.Task);
        }

        private static bool IsWhenAny(IOperation? operation, KnownTypes types) =>
            operation is IInvocationOperation { TargetMethod: { IsStatic: true, Name: "WhenAny" } method } && BlockingSites.Same(method.ContainingType, types.Task);

        /// <summary>The tasks passed to <c>Task.WhenAll(a, b, ...)</c> as individual (params) arguments.</summary>
        private static System.Collections.Generic.IEnumerable<IOperation> WhenAllArguments(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value is IArrayCreationOperation { IsImplicit: true, Initializer: { } initializer })
                {
                    foreach (var element in initializer.ElementValues)
                    {
                        yield return element;
                    }
                }
                else if (argument.Value is ICollectionExpressionOperation collection)
                {
                    foreach (var element in collection.Elements)
                    {
                        yield return element;
                    }
                }
                else
                {
                    yield return argument.Value;
                }
            }
        }

        /// <summary>
        /// Walks from the site up through its enclosing blocks; true when a statement before it in an enclosing block
        /// unconditionally evaluates an <c>await</c> that <paramref name="matches"/> (so every path to the site passed it).
        /// </summary>
        private static bool IsAwaitedBefore(IOperation site, Func<IAwaitOperation, bool> matches)
        {
            var child = site;
            for (var parent = site.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                if (parent is IBlockOperation block)
                {
                    foreach (var statement in block.Operations)
                    {
                        if (statement == child)
                        {
                            break;
                        }

                        if (StatementAwaits(statement, matches))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// True when every path through <paramref name="statement"/> that continues after it evaluates a matching
        /// await: an expression or declaration that awaits unconditionally; a block with such a statement; an
        /// <c>if</c>/<c>else</c> whose condition awaits, or whose two branches each await or leave (return, throw).
        /// <c>if (x) await t; else await t.ConfigureAwait(false);</c> completes <c>t</c>.
        /// </summary>
        private static bool StatementAwaits(IOperation statement, Func<IAwaitOperation, bool> matches, int depth = 0)
        {
            switch (statement)
            {
                case IExpressionStatementOperation or IVariableDeclarationGroupOperation or IUsingDeclarationOperation:
                    return UnconditionallyAwaits(statement, matches);
                case IBlockOperation block when depth < MaxStatementDepth:
                    foreach (var inner in block.Operations)
                    {
                        // A label inside the block could be jumped to past the await.
                        if (inner is ILabeledOperation)
                        {
                            return false;
                        }

                        if (StatementAwaits(inner, matches, depth + 1))
                        {
                            return true;
                        }
                    }

                    return false;
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional when depth < MaxStatementDepth:
                    return UnconditionallyAwaits(conditional.Condition, matches)
                        || (BranchAwaitsOrLeaves(conditional.WhenTrue, matches, depth) && BranchAwaitsOrLeaves(whenFalse, matches, depth));
                case IConditionalOperation { WhenFalse: null } guard:
                    return UnconditionallyAwaits(guard.Condition, matches);
                default:
                    return false;
            }
        }

        private const int MaxStatementDepth = 8;

        private static bool BranchAwaitsOrLeaves(IOperation branch, Func<IAwaitOperation, bool> matches, int depth) =>
            StatementAwaits(branch, matches, depth + 1) || Leaves(branch);

        /// <summary>The branch ends in return or throw: no path through it reaches the statements after its <c>if</c>.</summary>
        private static bool Leaves(IOperation branch) => branch switch
        {
            IReturnOperation => true,
            IThrowOperation => true,
            IExpressionStatementOperation { Operation: IThrowOperation } => true,
            IBlockOperation { Operations.Length: > 0 } block => Leaves(block.Operations[block.Operations.Length - 1]),
            _ => false,
        };

        private static bool UnconditionallyAwaits(IOperation statement, Func<IAwaitOperation, bool> matches)
        {
            foreach (var awaited in statement.Descendants().OfType<IAwaitOperation>())
            {
                if (matches(awaited) && IsUnconditional(awaited, statement))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsUnconditional(IOperation operation, IOperation statement)
        {
            var child = operation;
            for (var parent = operation.Parent; parent != null && child != statement; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation or ILocalFunctionOperation or ISwitchExpressionArmOperation:
                        return false;
                    case IConditionalOperation conditional when conditional.Condition != child:
                        return false;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } binary when binary.RightOperand == child:
                        return false;
                    case ICoalesceOperation coalesce when coalesce.WhenNull == child:
                        return false;
                    case IConditionalAccessOperation access when access.WhenNotNull == child:
                        return false;
                }
            }

            return true;
        }

        // ---- if (t.IsCompleted) / guard clauses ----

        private static bool IsGuardedByCompletionCheck(IOperation site, Target target, KnownTypes types)
        {
            if (target.Kind != TargetKind.Variable)
            {
                return false;
            }

            var symbol = target.Symbol!;
            var child = site;
            for (var parent = site.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IConditionalOperation conditional when conditional.WhenTrue == child:
                        if (Implies(conditional.Condition, symbol, whenTrue: true, types))
                        {
                            return true;
                        }

                        break;
                    case IConditionalOperation conditional when conditional.WhenFalse == child:
                        if (Implies(conditional.Condition, symbol, whenTrue: false, types))
                        {
                            return true;
                        }

                        break;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } andOp when andOp.RightOperand == child:
                        if (Implies(andOp.LeftOperand, symbol, whenTrue: true, types))
                        {
                            return true;
                        }

                        break;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } orOp when orOp.RightOperand == child:
                        if (Implies(orOp.LeftOperand, symbol, whenTrue: false, types))
                        {
                            return true;
                        }

                        break;
                    case IBlockOperation block:
                        foreach (var statement in block.Operations)
                        {
                            if (statement == child)
                            {
                                break;
                            }

                            // if (!t.IsCompleted) return; ... t.Result
                            if (statement is IConditionalOperation { WhenFalse: null } guard
                                && AlwaysExits(guard.WhenTrue)
                                && Implies(guard.Condition, symbol, whenTrue: false, types))
                            {
                                return true;
                            }
                        }

                        break;
                }
            }

            return false;
        }

        /// <summary>The statement leaves the enclosing block on every path (return, break, continue, throw).</summary>
        internal static bool AlwaysExits(IOperation operation) => operation switch
        {
            IReturnOperation => true,
            IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue } => true,
            IExpressionStatementOperation { Operation: IThrowOperation } => true,
            IThrowOperation => true,
            IBlockOperation { Operations.Length: > 0 } block => AlwaysExits(block.Operations[block.Operations.Length - 1]),
            _ => false,
        };

        /// <summary>True when <paramref name="condition"/> evaluating to <paramref name="whenTrue"/> implies the task is complete.</summary>
        private static bool Implies(IOperation condition, ISymbol symbol, bool whenTrue, KnownTypes types)
        {
            condition = AsyncContext.Unwrap(condition)!;
            switch (condition)
            {
                case IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" } property:
                    return whenTrue && Awaitables.IsTaskLike(property.Instance?.Type, types) && SameVariable(StripTaskLinks(property.Instance, types), symbol);
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return Implies(not.Operand, symbol, !whenTrue, types);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } andOp:
                    return whenTrue && (Implies(andOp.LeftOperand, symbol, true, types) || Implies(andOp.RightOperand, symbol, true, types));
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } orOp:
                    return !whenTrue && (Implies(orOp.LeftOperand, symbol, false, types) || Implies(orOp.RightOperand, symbol, false, types));
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                    bool equalsWhen = comparison.OperatorKind == BinaryOperatorKind.Equals ? whenTrue : !whenTrue;
                    return equalsWhen
                        && (IsStatusCheck(comparison.LeftOperand, comparison.RightOperand, symbol, types)
                            || IsStatusCheck(comparison.RightOperand, comparison.LeftOperand, symbol, types));
                case IIsPatternOperation { Value: { } value, Pattern: IConstantPatternOperation { Value: { } constant } }:
                    return whenTrue && IsStatusCheck(value, constant, symbol, types);
                default:
                    return false;
            }
        }

        private static bool IsStatusCheck(IOperation statusSide, IOperation valueSide, ISymbol symbol, KnownTypes types)
        {
            if (AsyncContext.Unwrap(statusSide) is not IPropertyReferenceOperation { Property.Name: "Status" } status
                || !SameVariable(StripTaskLinks(status.Instance, types), symbol))
            {
                return false;
            }

            return AsyncContext.Unwrap(valueSide) is IFieldReferenceOperation { Field: { Name: "RanToCompletion" or "Faulted" or "Canceled" } field }
                && BlockingSites.Same(field.ContainingType, types.TaskStatus);
        }

        // ---- ContinueWith antecedents, WhenAny results ----

        private static bool IsContinuationAntecedent(IOperation reference, ISymbol symbol, KnownTypes types, bool element)
        {
            if (symbol is not IParameterSymbol { Ordinal: 0, ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambdaSymbol })
            {
                return false;
            }

            for (var current = reference.Parent; current != null; current = current.Parent)
            {
                if (current is not IAnonymousFunctionOperation lambda || !SymbolEqualityComparer.Default.Equals(lambda.Symbol, lambdaSymbol))
                {
                    continue;
                }

                var argument = (lambda.Parent as IDelegateCreationOperation)?.Parent as IArgumentOperation ?? lambda.Parent as IArgumentOperation;
                if (argument?.Parent is not IInvocationOperation invocation)
                {
                    return false;
                }

                var method = invocation.TargetMethod;
                var owner = method.ContainingType?.OriginalDefinition;
                switch (method.Name)
                {
                    case "ContinueWith":
                        return !element && (BlockingSites.Same(owner, types.Task) || BlockingSites.Same(owner, types.TaskOfT));
                    case "ContinueWhenAll":
                        return element && owner is { Name: "TaskFactory", ContainingNamespace.Name: "Tasks" };
                    case "ContinueWhenAny":
                        return !element && owner is { Name: "TaskFactory", ContainingNamespace.Name: "Tasks" };
                    default:
                        return false;
                }
            }

            return false;
        }

        private static bool IsLocalFromAwaitedWhenAny(ISymbol symbol, IOperation reference, IOperation root, KnownTypes types)
        {
            if (symbol is not ILocalSymbol local || local.DeclaringSyntaxReferences.Length != 1 || reference.SemanticModel == null)
            {
                return false;
            }

            var syntax = local.DeclaringSyntaxReferences[0].GetSyntax();
            if (syntax.SyntaxTree != reference.Syntax.SyntaxTree
                || reference.SemanticModel.GetOperation(syntax) is not IVariableDeclaratorOperation declarator)
            {
                return false;
            }

            return AsyncContext.Unwrap(declarator.Initializer?.Value) is IAwaitOperation awaited
                && IsWhenAny(StripTaskLinks(awaited.Operation, types), types)
                && !IsReassigned(local, root);
        }

        /// <summary>
        /// An await can precede the site only when the site's function or a function around it is async: in a sync
        /// member with sync lambdas there is nothing to look for (keeps large sync methods linear).
        /// </summary>
        private static bool CanContainAwait(IOperation site, IOperation root)
        {
            for (var current = site.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation { Symbol.IsAsync: true } or ILocalFunctionOperation { Symbol.IsAsync: true })
                {
                    return true;
                }
            }

            return root.SemanticModel?.GetDeclaredSymbol(root.Syntax) is IMethodSymbol { IsAsync: true };
        }
    }
}
