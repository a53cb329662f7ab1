using System.Threading.Tasks;
using Bounded.Analyzers.Configuration;
using Bounded.Tests.Verification;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Analyzers.Configuration.InvalidOptionAnalyzer>;

namespace Bounded.Tests.Configuration
{
    /// <summary>BND0001 — Invalid Bounded option.</summary>
    public class InvalidOptionAnalyzerTests
    {
        private const string Code = "namespace Shop { class Program { } }";

        private static Task Run(string editorConfig, params DiagnosticResult[] expected)
        {
            var test = new Verify.Test { TestCode = Code, EditorConfig = editorConfig };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        [Fact]
        public Task ValidOptions_NoDiagnostic() =>
            Run("bounded.domain_patterns = eShop.{domain}\nbounded.BND5001.max_fixed_fan_out = 8\nbounded.layers = Core < Web\ndotnet_diagnostic.BND1001.severity = error");

        [Fact]
        public Task NoOptions_NoDiagnostic() => Verify.VerifyAnalyzerAsync(Code);

        [Fact]
        public Task MalformedNumber_ReportsKeyValueAndWhatIsAccepted() =>
            Run(
                "bounded.BND5001.max_fixed_fan_out = lots",
                Verify.Diagnostic().WithNoLocation().WithMessage(
                    "Bounded option 'bounded.BND5001.max_fixed_fan_out = lots' is ignored: 'lots' is not a whole number from 0 to 10000; expected a whole number from 0 to 10000; the default '16' is used"));

        [Fact]
        public Task MalformedAsyncFlagExemption_ReportsKeyValueAndWhatIsAccepted() =>
            Run(
                "bounded.async_flag_exemption = yes",
                Verify.Diagnostic().WithNoLocation().WithMessage(
                    "Bounded option 'bounded.async_flag_exemption = yes' is ignored: 'yes' is not true or false; expected true or false; the default 'true' is used"));

        [Fact]
        public Task MalformedPattern_Reported() =>
            Run(
                "bounded.domain_patterns = Shop.Modules",
                Verify.Diagnostic().WithNoLocation().WithArguments(
                    "bounded.domain_patterns",
                    "Shop.Modules",
                    "pattern 'Shop.Modules' has no '{domain}' segment; expected comma-separated namespace patterns of names, '*', '**' and exactly one '{domain}'; the default '**.Modules.{domain}, **.Domains.{domain}' is used"));

        [Fact]
        public Task MalformedLayers_Reported() =>
            Run("bounded.layers = Domain < < Api", Verify.Diagnostic().WithNoLocation());

        [Fact]
        public Task UnknownAccessibility_Reported() =>
            Run("bounded.BND3002.accessibility = everyone", Verify.Diagnostic().WithNoLocation());

        [Fact]
        public Task UnknownKey_Reported() =>
            Run("bounded.domian_patterns = **.Modules.{domain}", Verify.Diagnostic().WithNoLocation());

        [Fact]
        public Task SeveralBadKeys_OneDiagnosticEach() =>
            Run(
                "bounded.layers = A < A\nbounded.BND5001.max_fixed_fan_out = -3\nbounded.unknown = 1",
                Verify.Diagnostic().WithNoLocation(),
                Verify.Diagnostic().WithNoLocation(),
                Verify.Diagnostic().WithNoLocation());

        [Fact]
        public Task ManyFiles_ReportedOncePerKey()
        {
            var test = new Verify.Test { TestCode = Code, EditorConfig = "bounded.layers = A < A" };
            test.TestState.MainProject.Add("namespace Shop { class Second { } }");
            test.TestState.MainProject.Add("namespace Shop { class Third { } }");
            test.ExpectedDiagnostics.Add(Verify.Diagnostic().WithNoLocation());
            return test.RunAsync();
        }

        [Fact]
        public Task GlobalConfig_Reported()
        {
            var test = new Verify.Test { TestCode = Code };
            test.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbounded.BND5001.max_fixed_fan_out = x\n"));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic().WithNoLocation());
            return test.RunAsync();
        }

        [Fact]
        public Task SameKeyDifferentValuesInTwoSections_ReportedForEach()
        {
            var test = new Verify.Test { TestCode = Code };
            test.TestState.MainProject.Add("Other/Second.cs", "namespace Shop { class Second { } }");
            test.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\nbounded.layers = A < A\n[TestProject/Other/*.cs]\nbounded.layers = B < B\n"));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic().WithNoLocation().WithArguments("bounded.layers", "A < A", "'A' names two layers; expected layer names separated by '<', each an alias list separated by '|'; the default 'Domain < Application < Infrastructure < Api|Web|Presentation|Endpoints|Controllers' is used"));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic().WithNoLocation().WithArguments("bounded.layers", "B < B", "'B' names two layers; expected layer names separated by '<', each an alias list separated by '|'; the default 'Domain < Application < Infrastructure < Api|Web|Presentation|Endpoints|Controllers' is used"));
            return test.RunAsync();
        }

        [Fact]
        public Task HalfTypedCode_StillReportsAndNeverThrows()
        {
            var test = new Verify.Test { TestCode = "namespace Shop { class Program { void {|CS0501:M|}( }{|CS1513:|}", EditorConfig = "bounded.layers = A < A" };
            test.ExpectedDiagnostics.Add(DiagnosticResult.CompilerError("CS1026").WithLocation(1, 42));
            test.ExpectedDiagnostics.Add(DiagnosticResult.CompilerError("CS1002").WithLocation(1, 42));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic().WithNoLocation());
            return test.RunAsync();
        }

        [Fact]
        public void Descriptor_IsTheBND0001Warning()
        {
            var descriptor = Assert.Single(new InvalidOptionAnalyzer().SupportedDiagnostics);
            Assert.Equal("BND0001", descriptor.Id);
            Assert.Equal("Configuration", descriptor.Category);
            Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, descriptor.DefaultSeverity);
        }
    }
}
