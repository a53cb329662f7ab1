using System;
using System.Threading.Tasks;
using Bounded.Tests.Robustness;
using Xunit;

namespace Bounded.Tests.Infrastructure
{
    /// <summary>
    /// The checks BoundedTestSettings adds to Microsoft.CodeAnalysis.Testing (the library proves its own):
    /// each must fail on the case it exists for, and pass on the case next to it.
    /// </summary>
    public class VerifierSettingsTests
    {
        [Fact]
        public async Task GeneratedCodeCheck_FailsWhenTheAnalyzerReportsInGeneratedCode()
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() =>
                Bounded.Tests.Verification.CSharpAnalyzerVerifier<ReportsInGeneratedCodeAnalyzer>.VerifyAnalyzerAsync("class [|Bad|] { }"));
            Assert.Contains("auto-generated", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public Task GeneratedCodeCheck_PassesWhenTheAnalyzerSkipsGeneratedCode() =>
            Bounded.Tests.Verification.CSharpAnalyzerVerifier<OnlyBadAnalyzer>.VerifyAnalyzerAsync("class [|Bad|] { }");

        [Fact]
        public async Task PragmaCheck_CoversAdditionalProjects()
        {
            var test = new Bounded.Tests.Verification.CSharpAnalyzerVerifier<UnsuppressibleAnalyzer>.Test { TestCode = "class Good { }" };
            test.TestState.Project("Billing").Add("Billing.cs", "class [|Bad|] { }");
            var error = await Assert.ThrowsAnyAsync<Exception>(() => test.RunAsync());
            Assert.Contains("#pragma warning disable TST0003", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public Task PragmaCheck_PassesInAdditionalProjects_WhenPragmaSilences()
        {
            var test = new Bounded.Tests.Verification.CSharpAnalyzerVerifier<OnlyBadAnalyzer>.Test { TestCode = "class Good { }" };
            test.TestState.Project("Billing").Add("Billing.cs", "class [|Bad|] { }");
            return test.RunAsync();
        }

        [Fact]
        public async Task FixWithoutFixAll_Fails()
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() =>
                Bounded.Tests.Verification.CSharpCodeFixVerifier<OnlyBadAnalyzer, NoFixAllRenameFix>.VerifyCodeFixAsync("class [|Bad|] { }", "class Good { }"));
            Assert.Contains("no Fix All provider", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public Task FixedState_UnlistedDocument_IsExpectedUnchanged()
        {
            var test = new Bounded.Tests.Verification.CSharpCodeFixVerifier<OnlyBadAnalyzer, RenameBadFix>.Test
            {
                TestCode = "class [|Bad|] { }",
                FixedCode = "class Good { }",
            };
            test.TestState.MainProject.Add("Other.cs", "class Other { }");
            return test.RunAsync();
        }

        [Fact]
        public async Task FixedState_UnlistedDocumentTheFixChanges_Fails()
        {
            var test = new Bounded.Tests.Verification.CSharpCodeFixVerifier<OnlyBadAnalyzer, RenameBadFix>.Test
            {
                TestCode = "class [|Bad|] { }",
                FixedCode = "class Good { }",
            };
            test.TestState.MainProject.Add("Other.cs", "class Other { Bad _bad; }");
            var error = await Assert.ThrowsAnyAsync<Exception>(() => test.RunAsync());
            Assert.Contains("Other.cs", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public Task EditorConfig_AppliesToAdditionalProjects()
        {
            // The rule is off by editorconfig for every project, so the additional project's "Bad" is silent.
            var test = new Bounded.Tests.Verification.CSharpAnalyzerVerifier<OnlyBadAnalyzer>.Test
            {
                TestCode = "class Good { }",
                EditorConfig = "dotnet_diagnostic.TST0001.severity = none",
            };
            test.TestState.Project("Billing").Add("Billing.cs", "class Bad { }");
            return test.RunAsync();
        }
    }
}
