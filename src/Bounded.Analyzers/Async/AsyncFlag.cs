using Bounded.Analyzers.Common;
using Bounded.Analyzers.Common.Options;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.Analyzers.Async
{
    /// <summary>
    /// The async-flag pattern (npgsql, Azure SDK, SqlClient): one implementation serves the sync and the async API,
    /// switched by a <c>bool async</c> parameter.
    /// <code>
    /// async Task ReadCore(bool async, CancellationToken ct) { if (async) await s.ReadAsync(buf, ct); else s.Read(buf); }
    /// public void Read() =&gt; ReadCore(async: false, CancellationToken.None).GetAwaiter().GetResult();
    /// </code>
    /// The sync branch and the sync entry point's wait are sync by design: the task completes synchronously when the
    /// flag is false. BND4001 and BND4002 skip both (option <c>bounded.async_flag_exemption</c>, default true).
    /// </summary>
    public static class AsyncFlag
    {
        /// <summary>True when the option is on for the site's tree and the site is the sync half of the pattern.</summary>
        public static bool IsExempt(IOperation site, IOperation? blockedTask, AnalyzerOptions options, KnownTypes types) =>
            BoundedOptions.For(options, site.Syntax.SyntaxTree).AsyncFlagExemption
            && (IsOnSyncPath(site) || (blockedTask != null && IsSyncCall(blockedTask, types)));

        /// <summary><c>async</c>, <c>isAsync</c>, <c>useAsync</c> in any case, with or without underscores (<c>is_async</c>).</summary>
        public static bool IsFlagName(string name)
        {
            string bare = name.Replace("_", string.Empty).ToLowerInvariant();
            return bare is "async" or "isasync" or "useasync";
        }

        public static bool IsFlagParameter(IParameterSymbol? parameter) =>
            parameter != null && parameter.Type.SpecialType == SpecialType.System_Boolean && IsFlagName(parameter.Name);

        /// <summary>
        /// True when every path to <paramref name="site"/> has a flag parameter false: the site is in the false branch
        /// of <c>if (async)</c> / <c>async ? a : b</c>, the true branch of <c>if (!async)</c>, the right of
        /// <c>!async &amp;&amp; ...</c>, or after a guard <c>if (async) { ...; return; }</c> in an enclosing block.
        /// Guards of enclosing functions count: a lambda or local function written on the sync branch runs on it.
        /// </summary>
        public static bool IsOnSyncPath(IOperation site)
        {
            var child = site;
            for (var parent = site.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IConditionalOperation conditional when conditional.WhenTrue == child:
                        if (FlagValue(conditional.Condition, conditionValue: true) == false)
                        {
                            return true;
                        }

                        break;
                    case IConditionalOperation conditional when conditional.WhenFalse == child:
                        if (FlagValue(conditional.Condition, conditionValue: false) == false)
                        {
                            return true;
                        }

                        break;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } andOp when andOp.RightOperand == child:
                        if (FlagValue(andOp.LeftOperand, conditionValue: true) == false)
                        {
                            return true;
                        }

                        break;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } orOp when orOp.RightOperand == child:
                        if (FlagValue(orOp.LeftOperand, conditionValue: false) == false)
                        {
                            return true;
                        }

                        break;
                    case IWhileLoopOperation { ConditionIsTop: true, ConditionIsUntil: false, Condition: { } condition } loop when loop.Body == child:
                        if (FlagValue(condition, conditionValue: true) == false)
                        {
                            return true;
                        }

                        break;
                    case IBlockOperation block when IsAfterAsyncGuard(block, child):
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when <paramref name="task"/> (through <c>ConfigureAwait</c>/<c>AsTask</c>) is a call that passes a
        /// constant <c>false</c> for a flag parameter, named (<c>async: false</c>) or positional; a choice of two such
        /// calls (<c>(c ? NextA(false) : NextB(false)).GetAwaiter().GetResult()</c>); or a local initialized by one
        /// and never reassigned (<c>var send = Send(connector, false); ... send.GetAwaiter().GetResult();</c>).
        /// </summary>
        public static bool IsSyncCall(IOperation task, KnownTypes types) => IsSyncCall(task, types, allowLocal: true);

        private static bool IsSyncCall(IOperation task, KnownTypes types, bool allowLocal)
        {
            switch (KnownCompletion.StripTaskLinks(task, types))
            {
                case IInvocationOperation invocation:
                    return PassesFalseForFlag(invocation);
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    return IsSyncCall(conditional.WhenTrue, types, allowLocal: false) && IsSyncCall(whenFalse, types, allowLocal: false);
                case ILocalReferenceOperation local when allowLocal:
                    return IsLocalOfSyncCall(local, types);
                default:
                    return false;
            }
        }

        private static bool IsLocalOfSyncCall(ILocalReferenceOperation reference, KnownTypes types)
        {
            var local = reference.Local;
            var model = reference.SemanticModel;
            if (local.DeclaringSyntaxReferences.Length != 1 || model == null)
            {
                return false;
            }

            var syntax = local.DeclaringSyntaxReferences[0].GetSyntax();
            if (syntax.SyntaxTree != model.SyntaxTree
                || model.GetOperation(syntax) is not IVariableDeclaratorOperation { Initializer.Value: { } value }
                || !IsSyncCall(value, types, allowLocal: false))
            {
                return false;
            }

            return !KnownCompletion.IsReassigned(local, KnownCompletion.Root(reference));
        }

        private static bool PassesFalseForFlag(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (IsFlagParameter(argument.Parameter)
                    && argument.ArgumentKind == ArgumentKind.Explicit
                    && argument.Value.ConstantValue is { HasValue: true, Value: false })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>if (async) { ...; return; }</c> (no else) before <paramref name="child"/> in the block: past it the flag is false.</summary>
        private static bool IsAfterAsyncGuard(IBlockOperation block, IOperation child)
        {
            foreach (var statement in block.Operations)
            {
                if (statement == child)
                {
                    return false;
                }

                if (statement is IConditionalOperation { WhenFalse: null } guard
                    && KnownCompletion.AlwaysExits(guard.WhenTrue)
                    && FlagValue(guard.Condition, conditionValue: false) == false)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The value a flag parameter certainly has when <paramref name="condition"/> evaluates to
        /// <paramref name="conditionValue"/>; null when the condition does not pin it.
        /// </summary>
        private static bool? FlagValue(IOperation condition, bool conditionValue)
        {
            condition = AsyncContext.Unwrap(condition)!;
            switch (condition)
            {
                case IParameterReferenceOperation parameter when IsFlagParameter(parameter.Parameter):
                    return conditionValue;
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } notOp:
                    return FlagValue(notOp.Operand, !conditionValue);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both:
                    // a && b true: both are true. False says nothing about either.
                    return conditionValue ? FlagValue(both.LeftOperand, true) ?? FlagValue(both.RightOperand, true) : null;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either:
                    return conditionValue ? null : FlagValue(either.LeftOperand, false) ?? FlagValue(either.RightOperand, false);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                    bool equal = comparison.OperatorKind == BinaryOperatorKind.Equals ? conditionValue : !conditionValue;
                    if (comparison.RightOperand.ConstantValue is { HasValue: true, Value: bool right })
                    {
                        return FlagValue(comparison.LeftOperand, equal ? right : !right);
                    }

                    if (comparison.LeftOperand.ConstantValue is { HasValue: true, Value: bool left })
                    {
                        return FlagValue(comparison.RightOperand, equal ? left : !left);
                    }

                    return null;
                case IIsPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: bool constant } } } isPattern:
                    return FlagValue(isPattern.Value, conditionValue ? constant : !constant);
                default:
                    return null;
            }
        }
    }
}
