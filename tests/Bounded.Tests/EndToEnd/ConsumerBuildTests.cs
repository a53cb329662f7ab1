using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace Bounded.Tests.EndToEnd
{
    /// <summary>
    /// The package as a user meets it: a fresh project in a temp folder adds the PackageReference and
    /// runs <c>dotnet build</c>. Each test is one promise of the README: warnings with file and line,
    /// failing builds in Strict mode and with -warnaserror, SARIF for code scanning, editorconfig
    /// severities and options, nothing in the output folder, and loading on older target frameworks.
    /// </summary>
    [Collection(Packaging.RepositoryPackCollection.Name)]
    public sealed class ConsumerBuildTests(ConsumerWorkspace workspace) : IClassFixture<ConsumerWorkspace>
    {
        /// <summary>A sync method blocking on a task (BND4001), written for every target framework (C# 7.3 on netstandard2.0).</summary>
        private const string Work = """
            using System.Threading.Tasks;

            namespace Consumer
            {
                public static class Work
                {
                    public static int Run()
                    {
                        return Compute().Result;
                    }

                    private static async Task<int> Compute()
                    {
                        await Task.Yield();
                        return 42;
                    }
                }
            }
            """;

        /// <summary>Ordering reaching into Billing's internals: a violation only once the domain pattern says <c>Acme.{domain}</c>.</summary>
        private const string Domains = """
            namespace Acme.Billing.Numbering
            {
                public static class InvoiceNumbers
                {
                    public static string Next() { return "INV-1"; }
                }
            }

            namespace Acme.Ordering.Application
            {
                public sealed class PlaceOrder
                {
                    public string InvoiceNumber() { return Acme.Billing.Numbering.InvoiceNumbers.Next(); }
                }
            }
            """;

        private static Dictionary<string, string> Files(params (string Name, string Text)[] extra)
        {
            var files = new Dictionary<string, string> { ["Work.cs"] = Work };
            foreach (var (name, text) in extra)
            {
                files[name] = text;
            }

            return files;
        }

        private static readonly string[] AnalyzerLoadWarnings = { "CS8032", "CS8033", "CS8034", "CS8040", "CS9057", "AD0001" };

        [Fact]
        public async Task Build_PrintsOurWarnings_WithFileAndLine()
        {
            var build = await workspace.BuildAsync("Plain", "net10.0", Files());
            Assert.True(build.Result.ExitCode == 0, build.ToString());
            var line = Assert.Single(build.Lines("warning", "BND4001"));
            Assert.Matches(@"Work\.cs\(9,20\): warning BND4001: ", line);
        }

        [Fact]
        public async Task StrictMode_FailsTheBuild_WithOurRulesAsErrors()
        {
            var build = await workspace.BuildAsync("Strict", "net10.0", Files(), "<BoundedAnalysisMode>Strict</BoundedAnalysisMode>");
            Assert.True(build.Result.ExitCode != 0, build.ToString());
            Assert.Matches(@"Work\.cs\(9,20\): error BND4001: ", Assert.Single(build.Lines("error", "BND4001")));
        }

        [Fact]
        public async Task NoneMode_SilencesEveryRule()
        {
            var build = await workspace.BuildAsync("Quiet", "net10.0", Files(), "<BoundedAnalysisMode>None</BoundedAnalysisMode>");
            Assert.True(build.Result.ExitCode == 0, build.ToString());
            Assert.DoesNotContain(" BND", build.Result.Output);
        }

        [Fact]
        public async Task UnknownMode_WarnsAndKeepsDefaults()
        {
            var build = await workspace.BuildAsync("Typo", "net10.0", Files(), "<BoundedAnalysisMode>Strickt</BoundedAnalysisMode>");
            Assert.True(build.Result.ExitCode == 0, build.ToString());
            Assert.Contains("warning BOUNDED001", build.Result.Output);
            Assert.Single(build.Lines("warning", "BND4001"));
        }

        [Fact]
        public async Task WarnAsError_FailsTheBuild()
        {
            var build = await workspace.BuildAsync("WarnAsError", "net10.0", Files(), "", "-warnaserror");
            Assert.True(build.Result.ExitCode != 0, build.ToString());
            Assert.Single(build.Lines("error", "BND4001"));
        }

        [Fact]
        public async Task ErrorLog_WritesSarif21_WithRuleIdsTitlesAndHelpLinks()
        {
            var build = await workspace.BuildAsync("Sarif", "net10.0", Files(), "<ErrorLog>out.sarif,version=2.1</ErrorLog>");
            Assert.True(build.Result.ExitCode == 0, build.ToString());
            string path = Path.Combine(build.Directory, "out.sarif");
            Assert.True(File.Exists(path), build.ToString());

            using var sarif = JsonDocument.Parse(File.ReadAllText(path));
            Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
            var run = sarif.RootElement.GetProperty("runs")[0];
            var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
                .Single(r => r.GetProperty("id").GetString() == "BND4001");
            Assert.Equal("Do not block on async code", rule.GetProperty("shortDescription").GetProperty("text").GetString());
            Assert.Equal("https://github.com/bounded-dev/Bounded.Analyzers/blob/main/docs/rules/BND4001.md", rule.GetProperty("helpUri").GetString());
            Assert.Contains(run.GetProperty("results").EnumerateArray(), r => r.GetProperty("ruleId").GetString() == "BND4001");
        }

        [Fact]
        public async Task EditorConfigSeverityNone_SilencesThatRule()
        {
            var build = await workspace.BuildAsync(
                "Silenced",
                "net10.0",
                Files((".editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.BND4001.severity = none\n")));
            Assert.True(build.Result.ExitCode == 0, build.ToString());
            Assert.Empty(build.Lines("warning", "BND4001"));
        }

        [Fact]
        public async Task BoundedOption_InEditorConfig_ChangesBehaviour()
        {
            // With the default patterns (**.Modules.{domain}) Acme.Ordering is in no domain: nothing to report.
            var defaults = await workspace.BuildAsync("DomainsDefault", "net10.0", Files(("Domains.cs", Domains)));
            Assert.True(defaults.Result.ExitCode == 0, defaults.ToString());
            Assert.Empty(defaults.Lines("warning", "BND1001"));

            var configured = await workspace.BuildAsync(
                "DomainsConfigured",
                "net10.0",
                Files(("Domains.cs", Domains), (".editorconfig", "root = true\n\n[*.cs]\nbounded.domain_patterns = Acme.{domain}\n")));
            Assert.True(configured.Result.ExitCode == 0, configured.ToString());
            Assert.Matches(@"Domains\.cs\(\d+,\d+\): warning BND1001: ", Assert.Single(configured.Lines("warning", "BND1001")));
        }

        [Fact]
        public async Task BuildOutput_HoldsNoBoundedAssembly()
        {
            var build = await workspace.BuildAsync("Output", "net10.0", Files());
            Assert.True(build.Result.ExitCode == 0, build.ToString());
            var shipped = Directory.GetFiles(Path.Combine(build.Directory, "bin"), "*", SearchOption.AllDirectories)
                .Where(f => Path.GetFileName(f).StartsWith("Bounded.", System.StringComparison.OrdinalIgnoreCase));
            Assert.Empty(shipped);
            string deps = Directory.GetFiles(Path.Combine(build.Directory, "bin"), "*.deps.json", SearchOption.AllDirectories).Single();
            Assert.DoesNotContain("Bounded.Analyzers", File.ReadAllText(deps));
        }

        [Theory]
        [InlineData("net8.0")]
        [InlineData("netstandard2.0")]
        public async Task OlderTargetFrameworks_LoadTheAnalyzers_WithoutLoadWarnings(string targetFramework)
        {
            var build = await workspace.BuildAsync("Tfm" + targetFramework.Replace(".", string.Empty), targetFramework, Files());
            Assert.True(build.Result.ExitCode == 0, build.ToString());
            Assert.Single(build.Lines("warning", "BND4001"));
            foreach (var id in AnalyzerLoadWarnings)
            {
                Assert.DoesNotContain($" {id}", build.Result.Output);
            }
        }
    }
}
