using Microsoft.CodeAnalysis.Host;

namespace Bounded.CodeFixes.Concurrency
{
    public sealed partial class UnboundedFanOutCodeFix
    {
        /// <summary>What a plan needs besides the node: which loop is the fan-out (loop shape) and the services a <c>SyntaxEditor</c> needs.</summary>
        private sealed class Site
        {
            public Site(int loopDepth, SolutionServices services)
            {
                LoopDepth = loopDepth;
                Services = services;
            }

            /// <summary>The enclosing loop the analyzer reported, counted from the innermost (0) outwards.</summary>
            public int LoopDepth { get; }

            public SolutionServices Services { get; }
        }
    }
}
