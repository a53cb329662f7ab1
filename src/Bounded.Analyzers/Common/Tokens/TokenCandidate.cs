using Microsoft.CodeAnalysis;

namespace Bounded.Analyzers.Common.Tokens
{
    /// <summary>Where a token in scope comes from.</summary>
    public enum TokenSourceKind
    {
        /// <summary>A <c>CancellationToken</c> parameter of the enclosing lambda, local function or method.</summary>
        Parameter,

        /// <summary>A local <c>CancellationToken</c> variable, assigned before the operation.</summary>
        Local,

        /// <summary>A local <c>CancellationTokenSource</c>: its <c>.Token</c>.</summary>
        TokenSource,

        /// <summary><c>HttpContext.RequestAborted</c> in an MVC controller action.</summary>
        RequestAborted,

        /// <summary>A public <c>CancellationToken</c> property of a parameter object (<c>request.CancellationToken</c>, <c>context.RequestAborted</c>).</summary>
        ParameterProperty,
    }

    /// <summary>A token usable at an operation: the symbol it comes from and the C# text that passes it.</summary>
    public sealed class TokenCandidate
    {
        public TokenCandidate(ISymbol? symbol, string expression, TokenSourceKind kind)
        {
            Symbol = symbol;
            Expression = expression;
            Kind = kind;
        }

        /// <summary>The parameter or local (for a token source, the source local; for RequestAborted, <c>ControllerBase.HttpContext</c>).</summary>
        public ISymbol? Symbol { get; }

        /// <summary>The C# text to pass: <c>cancellationToken</c>, <c>cts.Token</c>, <c>HttpContext.RequestAborted</c>.</summary>
        public string Expression { get; }

        public TokenSourceKind Kind { get; }

        public override string ToString() => Expression;
    }
}
