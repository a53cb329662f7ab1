using System;
using System.Threading.Tasks;
using Bounded.Tests.Verification;
using Xunit;
using BadVerify = Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Tests.VerifierTests.BadNameAnalyzer>;
using FixVerify = Bounded.Tests.Verification.CSharpCodeFixVerifier<Bounded.Tests.VerifierTests.OnlyBadAnalyzer, Bounded.Tests.VerifierTests.RenameBadFix>;
using OnlyBadVerify = Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Tests.VerifierTests.OnlyBadAnalyzer>;

namespace Bounded.Tests.VerifierTests
{
    /// <summary>The verifier proven on tiny analyzers: each markup form works, and each automatic check fails when it should.</summary>
    public class VerifierTests
    {
        // ---- markup forms ----

        [Fact]
        public Task BracketMarkup_ExpectsTheAnalyzersOnlyDiagnostic() =>
            OnlyBadVerify.VerifyAnalyzerAsync("class [|BadThing|] { }");

        [Fact]
        public Task NamedMarkup_ExpectsTheNamedDiagnostic() =>
            BadVerify.VerifyAnalyzerAsync("class {|TST0001:BadThing|} { }");

        [Fact]
        public Task LocationMarker_WithArguments_ChecksTheMessage() =>
            BadVerify.VerifyAnalyzerAsync(
                "class {|#0:BadThing|} { }",
                BadVerify.Diagnostic("TST0001").WithLocation(0).WithArguments("BadThing"));

        [Fact]
        public Task LineAndColumn_Location() =>
            BadVerify.VerifyAnalyzerAsync(
                "namespace N;\nclass BadThing { }",
                BadVerify.Diagnostic("TST0001").WithLocation(2, 7).WithMessage("Type name 'BadThing' contains Bad"));

        [Fact]
        public Task WithSpan_Location() =>
            BadVerify.VerifyAnalyzerAsync("class BadThing { }", BadVerify.Diagnostic("TST0001").WithSpan(1, 7, 1, 15));

        [Fact]
        public async Task WrongArguments_Fail()
        {
            var ex = await Assert.ThrowsAsync<VerificationException>(() => BadVerify.VerifyAnalyzerAsync(
                "class {|#0:BadThing|} { }",
                BadVerify.Diagnostic("TST0001").WithLocation(0).WithArguments("OtherName")));
            Assert.Contains("TestProject/Test0.cs 1:7 TST0001 Type name 'BadThing' contains Bad", ex.Message);
        }

        [Fact]
        public void Markup_ParsesPositionsAndNestedSpans()
        {
            var parsed = ParsedMarkup.Parse("a{|#0:b[|c|]d|}$$e");
            Assert.Equal("abcde", parsed.Text);
            Assert.Equal(new[] { 4 }, parsed.Positions);
            Assert.Collection(
                parsed.Spans,
                s => Assert.Equal(("#0", 1, 4), (s.Name, s.Span.Start, s.Span.End)),
                s => Assert.Equal(((string?)null, 2, 3), (s.Name, s.Span.Start, s.Span.End)));
        }

        [Theory]
        [InlineData("class [|A { }")]
        [InlineData("class A|] { }")]
        [InlineData("class {|#0:A|] { }")]
        public void Markup_Unbalanced_Throws(string markup) =>
            Assert.Throws<ArgumentException>(() => ParsedMarkup.Parse(markup));

        [Fact]
        public async Task BracketMarkup_IsAmbiguous_WhenTheAnalyzerReportsSeveralIds()
        {
            var ex = await Assert.ThrowsAsync<ArgumentException>(() => BadVerify.VerifyAnalyzerAsync("class [|BadThing|] { }"));
            Assert.Contains("ambiguous", ex.Message);
        }

        // ---- expected vs actual ----

        [Fact]
        public async Task MissingDiagnostic_Fails_ShowingExpectedVsActual()
        {
            var ex = await Assert.ThrowsAsync<VerificationException>(() => OnlyBadVerify.VerifyAnalyzerAsync("class [|GoodThing|] { }"));
            Assert.Contains("Missing (expected, not reported) (1):", ex.Message);
            Assert.Contains("TestProject/Test0.cs 1:7 TST0001", ex.Message);
            Assert.Contains("Actual (0):", ex.Message);
        }

        [Fact]
        public async Task UnexpectedDiagnostic_Fails_ShowingLineColumnIdMessage()
        {
            var ex = await Assert.ThrowsAsync<VerificationException>(() => OnlyBadVerify.VerifyAnalyzerAsync("class Ok { }\nclass BadThing { }"));
            Assert.Contains("Unexpected (reported, not expected) (1):", ex.Message);
            Assert.Contains("TestProject/Test0.cs 2:7 TST0001 Type name 'BadThing' contains Bad", ex.Message);
        }

        // ---- check 1: the source compiles ----

        [Fact]
        public async Task CompilerError_NotDeclared_Fails()
        {
            var ex = await Assert.ThrowsAsync<VerificationException>(() => OnlyBadVerify.VerifyAnalyzerAsync("class Ok { Missing m; }"));
            Assert.Contains("CS0246", ex.Message);
        }

        [Fact]
        public Task CompilerError_DeclaredInMarkup_Passes() =>
            OnlyBadVerify.VerifyAnalyzerAsync("class Ok { {|CS0246:Missing|} m; }");

        // ---- check 2: analyzer exceptions ----

        [Fact]
        public async Task CrashingAnalyzer_Fails_WithAD0001()
        {
            var ex = await Assert.ThrowsAsync<VerificationException>(() =>
                CSharpAnalyzerVerifier<CrashingAnalyzer>.VerifyAnalyzerAsync("class A { }"));
            Assert.Contains("AD0001", ex.Message);
            Assert.Contains("boom", ex.Message);
        }

        // ---- check 3: generated code ----

        [Fact]
        public async Task DiagnosticInGeneratedCode_Fails()
        {
            var ex = await Assert.ThrowsAsync<VerificationException>(() =>
                CSharpAnalyzerVerifier<ReportsInGeneratedCodeAnalyzer>.VerifyAnalyzerAsync("class [|BadThing|] { }"));
            Assert.Contains("generated code", ex.Message);
        }

        // ---- check 4: #pragma warning disable ----

        [Fact]
        public async Task DiagnosticSurvivingPragma_Fails()
        {
            var ex = await Assert.ThrowsAsync<VerificationException>(() =>
                CSharpAnalyzerVerifier<UnsuppressibleAnalyzer>.VerifyAnalyzerAsync("class [|BadThing|] { }"));
            Assert.Contains("survived '#pragma warning disable TST0003'", ex.Message);
        }

        // ---- options, documents, projects ----

        [Fact]
        public Task EditorConfig_PerTest_ReachesTheAnalyzer()
        {
            var test = new BadVerify.Test { TestCode = "class {|TST0002:MehThing|} { }", EditorConfig = "bounded.test_strict = true" };
            return test.RunAsync();
        }

        [Fact]
        public Task EditorConfig_Absent_OptionOff() => BadVerify.VerifyAnalyzerAsync("class MehThing { }");

        [Fact]
        public Task GlobalConfig_ReachesTheAnalyzer()
        {
            var test = new BadVerify.Test { TestCode = "class {|TST0002:MehThing|} { }" };
            test.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbounded.test_strict = true\n"));
            return test.RunAsync();
        }

        [Fact]
        public Task MultipleDocuments()
        {
            var test = new OnlyBadVerify.Test { TestCode = "class [|BadOne|] { }" };
            test.TestState.MainProject.Add("Second.cs", "class [|BadTwo|] { BadOne one = new BadOne(); }");
            return test.RunAsync();
        }

        [Fact]
        public Task MultipleProjects_ReferencingEachOther()
        {
            var test = new OnlyBadVerify.Test { TestCode = "class Host { Billing.BadInvoice invoice = new Billing.BadInvoice(); }" };
            test.TestState.MainProject.ProjectReferences.Add("Billing");
            test.TestState.Project("Billing").Add("namespace Billing { public class [|BadInvoice|] { } }");
            return test.RunAsync();
        }

        [Fact]
        public async Task MultipleProjects_MissingReference_DoesNotCompile()
        {
            var test = new OnlyBadVerify.Test { TestCode = "class Host { Billing.Invoice invoice = new Billing.Invoice(); }" };
            test.TestState.Project("Billing").Add("namespace Billing { public class Invoice { } }");
            var ex = await Assert.ThrowsAsync<VerificationException>(() => test.RunAsync());
            Assert.Contains("CS0246", ex.Message);
        }

        [Fact]
        public Task ReferenceSet_WithoutAspNetCore_DoesNotBindAspNetTypes()
        {
            var test = new OnlyBadVerify.Test
            {
                TestCode = "class Ok { Microsoft.{|CS0234:AspNetCore|}.Mvc.ControllerBase c = null!; }",
                ReferenceSet = ReferenceSet.NetCore,
            };
            return test.RunAsync();
        }

        [Fact]
        public Task ReferenceSet_Full_BindsAspNetCoreAndEfCore() =>
            OnlyBadVerify.VerifyAnalyzerAsync("class Ok { Microsoft.AspNetCore.Mvc.ControllerBase? c; Microsoft.EntityFrameworkCore.DbContext? d; }");

        // ---- check 5: code fixes ----

        [Fact]
        public Task CodeFix_AppliedOneByOneAndFixAll_Converges() =>
            FixVerify.VerifyCodeFixAsync(
                "class [|BadOne|] { }\nclass [|BadTwo|] { }",
                "class GoodOne { }\nclass GoodTwo { }");

        [Fact]
        public Task CodeFix_AcrossDocumentsAndProjects()
        {
            var test = new FixVerify.Test { TestCode = "class [|BadOne|] { }" };
            test.TestState.MainProject.Add("Second.cs", "class [|BadTwo|] { }");
            test.TestState.Project("Billing").Add("Invoice.cs", "namespace Billing { public class [|BadInvoice|] { } }");
            test.FixedCode = "class GoodOne { }";
            test.FixedState.MainProject.Add("Second.cs", "class GoodTwo { }");
            test.FixedState.Project("Billing").Add("Invoice.cs", "namespace Billing { public class GoodInvoice { } }");
            return test.RunAsync();
        }

        [Fact]
        public Task CodeFix_ByEquivalenceKey()
        {
            var test = new FixVerify.Test { TestCode = "class [|BadOne|] { }", FixedCode = "class FineOne { }", CodeActionEquivalenceKey = "RenameFine" };
            return test.RunAsync();
        }

        [Fact]
        public Task CodeFix_ByIndex()
        {
            var test = new FixVerify.Test { TestCode = "class [|BadOne|] { }", FixedCode = "class FineOne { }", CodeActionIndex = 1 };
            return test.RunAsync();
        }

        [Fact]
        public async Task CodeFix_ResultDiffersFromFixedState_Fails()
        {
            var ex = await Assert.ThrowsAsync<VerificationException>(() =>
                FixVerify.VerifyCodeFixAsync("class [|BadOne|] { }", "class WrongOne { }"));
            Assert.Contains("differs from the fixed state", ex.Message);
            Assert.Contains("- ", ex.Message);
        }

        [Fact]
        public async Task CodeFix_IntroducingACompilerError_Fails()
        {
            var ex = await Assert.ThrowsAsync<VerificationException>(() =>
                CSharpCodeFixVerifier<OnlyBadAnalyzer, ErrorIntroducingFix>.VerifyCodeFixAsync(
                    "class [|BadOne|] { }",
                    "class GoodOne\n{\n    UnknownType field;\n}"));
            Assert.Contains("introduced compiler error", ex.Message);
            Assert.Contains("CS0246", ex.Message);
        }

        [Fact]
        public async Task CodeFix_ChangingNothing_Fails()
        {
            var ex = await Assert.ThrowsAsync<VerificationException>(() =>
                CSharpCodeFixVerifier<OnlyBadAnalyzer, NoOpFix>.VerifyCodeFixAsync("class [|BadOne|] { }", "class BadOne { }"));
            Assert.Contains("changed nothing", ex.Message);
        }

        [Fact]
        public Task CodeFix_RemainingDiagnostic_DeclaredInFixedMarkup()
        {
            // The fix renames only class declarations; a struct keeps its diagnostic (the analyzer reports structs too).
            var test = new CSharpCodeFixVerifier<BadNameAnalyzer, RenameBadFix>.Test
            {
                TestCode = "class {|TST0001:BadOne|} { }\nstruct {|TST0001:BadTwo|} { }",
                FixedCode = "class GoodOne { }\nstruct {|TST0001:BadTwo|} { }",
            };
            return test.RunAsync();
        }
    }
}
