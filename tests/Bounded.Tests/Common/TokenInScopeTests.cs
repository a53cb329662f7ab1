using System.Threading.Tasks;
using Xunit;
using Probe = Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Tests.Common.TokenInScopeProbe>;

namespace Bounded.Tests.Common
{
    /// <summary>The shared "token in scope" logic (rules.md, Cancellation), probed at calls of <c>Probe()</c>.</summary>
    public class TokenInScopeTests
    {
        private const string Usings = @"using System;
using System.Linq;
using System.Linq.Expressions;
using System.Threading;
using System.Threading.Tasks;
";

        private static Task Verify(string body, params DiagnosticResult[] expected) =>
            Probe.VerifyAnalyzerAsync(Usings + @"
namespace App
{
    public class Worker
    {
        private static void Probe() { }
" + body + @"
    }
}", expected);

        private static DiagnosticResult At(int location, string token, string kind) =>
            Probe.Diagnostic().WithLocation(location).WithArguments(token, kind);

        [Fact]
        public Task MethodParameter() => Verify(@"
        public void Run(int count, CancellationToken cancellationToken) { {|#0:Probe()|}; }",
            At(0, "cancellationToken", "Parameter"));

        [Fact]
        public Task NoTokenAnywhere_FindsNothing() => Verify(@"
        public void Run(int count) { Probe(); }");

        [Fact]
        public Task LambdaParameter_WinsOverMethodParameter() => Verify(@"
        public void Run(CancellationToken outer)
        {
            Func<CancellationToken, Task> f = inner => { {|#0:Probe()|}; return Task.CompletedTask; };
            {|#1:Probe()|};
        }",
            At(0, "inner", "Parameter"),
            At(1, "outer", "Parameter"));

        [Fact]
        public Task LambdaWithoutToken_SeesOuterToken_CapturingIsForwarding() => Verify(@"
        public void Run(CancellationToken ct)
        {
            Action a = () => {|#0:Probe()|};
        }",
            At(0, "ct", "Parameter"));

        [Fact]
        public Task StaticLambda_CannotCapture() => Verify(@"
        public void Run(CancellationToken ct)
        {
            Action a = static () => Probe();
        }");

        [Fact]
        public Task StaticLocalFunction_CannotCapture_ItsOwnParameterStillCounts() => Verify(@"
        public void Run(CancellationToken ct)
        {
            static void Local() => Probe();
            static void WithToken(CancellationToken own) => {|#0:Probe()|};
        }",
            At(0, "own", "Parameter"));

        [Fact]
        public Task NestedLocalFunctionAndLambda_InnermostWins() => Verify(@"
        public void Run(CancellationToken a)
        {
            void Local(CancellationToken b)
            {
                Func<CancellationToken, int> f = c => { {|#0:Probe()|}; return 0; };
                Action g = () => {|#1:Probe()|};
            }
        }",
            At(0, "c", "Parameter"),
            At(1, "b", "Parameter"));

        [Fact]
        public Task LocalDeclaredBefore_WinsOverParameter_LocalDeclaredAfterDoesNot() => Verify(@"
        public void Run(CancellationToken ct, CancellationTokenSource parent)
        {
            {|#0:Probe()|};
            var linked = parent.Token;
            {|#1:Probe()|};
        }",
            At(0, "ct", "Parameter"),
            At(1, "linked", "Local"));

        [Fact]
        public Task TokenSourceLocal_GivesItsToken() => Verify(@"
        public void Run()
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            {|#0:Probe()|};
        }",
            At(0, "cts.Token", "TokenSource"));

        [Fact]
        public Task TokenSourceInUsingStatement_GivesItsToken() => Verify(@"
        public void Run()
        {
            using (var cts = new CancellationTokenSource())
            {
                {|#0:Probe()|};
            }
        }",
            At(0, "cts.Token", "TokenSource"));

        [Fact]
        public Task LocalHoldingNoneOrDefault_IsNotAToken() => Verify(@"
        public void Run()
        {
            var none = CancellationToken.None;
            CancellationToken empty = default;
            var created = new CancellationToken();
            CancellationTokenSource? nothing = null;
            Probe();
        }");

        [Fact]
        public Task LocalAssignedLater_CountsWhenDefinitelyAssigned_ElseTheSourceParameterToken() => Verify(@"
        public void Run(CancellationTokenSource source, bool flag)
        {
            CancellationToken token;
            if (flag) { token = source.Token; }
            {|#0:Probe()|};
            token = source.Token;
            {|#1:Probe()|};
        }",
            At(0, "source.Token", "ParameterProperty"),
            At(1, "token", "Local"));

        [Fact]
        public Task ShadowedName_IsNotOffered() => Verify(@"
        public void Run(CancellationToken ct)
        {
            Func<int, int> f = ct => { Probe(); return ct; };
        }");

        [Fact]
        public Task ExpressionTree_HasNoToken() => Verify(@"
        public void Run(CancellationToken ct)
        {
            Expression<Action> e = () => Probe();
        }");

        [Fact]
        public Task DiscardAndOutParameters_AreNotTokens() => Verify(@"
        public void Run(out CancellationToken ct)
        {
            ct = default;
            Func<CancellationToken, CancellationToken, int> f = (_, _) => { Probe(); return 0; };
        }");

        [Fact]
        public Task KeywordNamedToken_IsEscaped() => Verify(@"
        public void Run(CancellationToken @event) { {|#0:Probe()|}; }",
            At(0, "@event", "Parameter"));

        [Fact]
        public Task ParameterObjectProperty_AfterDirectTokens() => Probe.VerifyAnalyzerAsync(Usings + @"
namespace App
{
    public sealed class Request { public CancellationToken CancellationToken { get; init; } }

    public class Handler
    {
        private static void Probe() { }

        public void Handle(Request request) { {|#0:Probe()|}; }

        public void Serve(Microsoft.AspNetCore.Http.HttpContext context) { {|#1:Probe()|}; }

        public void Both(Request request, CancellationToken ct) { {|#2:Probe()|}; }
    }
}",
            At(0, "request.CancellationToken", "ParameterProperty"),
            At(1, "context.RequestAborted", "ParameterProperty"),
            At(2, "ct", "Parameter"));

        [Fact]
        public Task ControllerAction_HttpContextRequestAborted() => Probe.VerifyAnalyzerAsync(@"
using Microsoft.AspNetCore.Mvc;

namespace App.Controllers
{
    public class OrdersController : ControllerBase
    {
        private static void Probe() { }

        public IActionResult Get(int id)
        {
            {|#0:Probe()|};
            return Ok();
        }

        [NonAction]
        public void Helper() => Probe();

        private void Hidden() => Probe();

        public static void Static() => Probe();

        public void WithToken(System.Threading.CancellationToken ct) => {|#1:Probe()|};
    }

    public class NotAController
    {
        private static void Probe() { }

        public void Get() => Probe();
    }
}",
            At(0, "HttpContext.RequestAborted", "RequestAborted"),
            At(1, "ct", "Parameter"));

        [Fact]
        public Task ControllerAction_HttpContextShadowedOrHidden_IsNotTheToken() => Probe.VerifyAnalyzerAsync(@"
using Microsoft.AspNetCore.Mvc;

namespace App.Controllers
{
    public class OrdersController : ControllerBase
    {
        private static void Probe() { }

        public void LocalInSameBlock()
        {
            Probe();
            var HttpContext = 1;
        }

        public void LocalInOtherBlock(bool flag)
        {
            if (flag) { var HttpContext = 1; }
            else { {|#0:Probe()|}; }
        }

        public void Parameter(object HttpContext) => Probe();

        public void Lambda()
        {
            System.Action<int> a = HttpContext => Probe();
            {|#1:Probe()|};
        }
    }

    public class FieldController : ControllerBase
    {
        private readonly string HttpContext = """";

        private static void Probe() { }

        public void Get() => Probe();
    }

    public class NestedTypeController : ControllerBase
    {
        private static void Probe() { }

        public void Get() => Probe();

        public sealed class HttpContext { }
    }
}",
            At(0, "HttpContext.RequestAborted", "RequestAborted"),
            At(1, "HttpContext.RequestAborted", "RequestAborted"));
    }
}
