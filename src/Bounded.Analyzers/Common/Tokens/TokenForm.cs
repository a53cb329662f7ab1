using Microsoft.CodeAnalysis;

namespace Bounded.Analyzers.Common.Tokens
{
    /// <summary>How a call can take a token: the method to call and where the token goes.</summary>
    public sealed class TokenForm
    {
        public TokenForm(IMethodSymbol method, int parameterIndex, string parameterName, bool isOverload, int arrayParameterIndex = -1)
        {
            ArrayParameterIndex = arrayParameterIndex;
            Method = method;
            ParameterIndex = parameterIndex;
            ParameterName = parameterName;
            IsOverload = isOverload;
        }

        /// <summary>The method to call with the token: the callee itself (an optional parameter) or the overload (constructed like the callee when generic).</summary>
        public IMethodSymbol Method { get; }

        /// <summary>The token parameter's ordinal in <see cref="Method"/> (for an extension method, counting the <c>this</c> parameter).</summary>
        public int ParameterIndex { get; }

        public string ParameterName { get; }

        /// <summary>True when <see cref="Method"/> is another overload; false when the callee has an optional token parameter left at its default.</summary>
        public bool IsOverload { get; }

        /// <summary>
        /// When the call passes expanded <c>params</c> arguments that the overload takes as a plain array, the ordinal in
        /// <see cref="Method"/> of that array parameter (the arguments from there on are wrapped in <c>new T[] { ... }</c>); else -1.
        /// </summary>
        public int ArrayParameterIndex { get; }
    }
}
