using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Bounded.Analyzers;
using Bounded.Analyzers.Common.Options;
using Bounded.Tests.Verification;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Bounded.Tests.Consistency
{
    /// <summary>
    /// Keeps every descriptor in sync with its doc page (title, severity, category, code fix), its
    /// help link, its AnalyzerReleases entry and its README row; and docs/configuration.md with the
    /// option keys.
    /// </summary>
    public class RuleCatalogConsistencyTests
    {
        public static IEnumerable<object[]> Descriptors() => AllDescriptors().Select(d => new object[] { d.Id });

        private static List<DiagnosticDescriptor> AllDescriptors() =>
            typeof(Rules).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
                .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
                .ToList();

        private static DiagnosticDescriptor Get(string id) => AllDescriptors().Single(d => d.Id == id);

        private static string Severity(DiagnosticSeverity severity) => severity switch
        {
            DiagnosticSeverity.Info => "Info",
            DiagnosticSeverity.Hidden => "Hidden",
            _ => severity.ToString(),
        };

        private static bool HasFix(string id) => BoundedAssemblies.CreateAllCodeFixes().Any(f => f.FixableDiagnosticIds.Contains(id));

        [Fact]
        public void Rules_AreSortedById_WithUniqueIds()
        {
            var ids = AllDescriptors().Select(d => d.Id).ToList();
            Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), ids);
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.All(ids, id => Assert.Matches(@"^BND\d{4}$", id));
        }

        [Fact]
        public void EveryAnalyzerDescriptor_IsInRules_AndEveryRuleHasAnAnalyzer()
        {
            var rules = AllDescriptors().ToDictionary(d => d.Id);
            var supported = BoundedAssemblies.CreateAllAnalyzers().SelectMany(a => a.SupportedDiagnostics).ToList();
            Assert.All(supported, d => Assert.Same(rules[d.Id], d));
            Assert.Empty(rules.Keys.Except(supported.Select(d => d.Id)));
        }

        [Theory]
        [MemberData(nameof(Descriptors))]
        public void Descriptor_HasItsDocPage_WithMatchingTitleSeverityCategoryAndFix(string id)
        {
            var descriptor = Get(id);
            string path = Path.Combine(RepositoryRoot.Path, "docs", "rules", id + ".md");
            Assert.True(File.Exists(path), $"docs/rules/{id}.md is missing");
            string page = File.ReadAllText(path);

            Assert.Equal($"# {id} — {descriptor.Title}", page.Split('\n')[0].TrimEnd('\r'));
            Assert.Equal(id, TableValue(page, "ID"));
            Assert.Equal(descriptor.Category, TableValue(page, "Category"));
            Assert.Equal(Severity(descriptor.DefaultSeverity), TableValue(page, "Default severity"));
            Assert.Equal(HasFix(id) ? "Yes" : "No", TableValue(page, "Code fix"));
        }

        [Theory]
        [MemberData(nameof(Descriptors))]
        public void Descriptor_HelpLink_PointsAtItsDocPage(string id) =>
            Assert.Equal($"{Rules.HelpLinkBase}{id}.md", Get(id).HelpLinkUri);

        [Theory]
        [MemberData(nameof(Descriptors))]
        public void Descriptor_HasAnAnalyzerReleasesEntry(string id)
        {
            var descriptor = Get(id);
            string releases = string.Join("\n", new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
                .Select(f => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "Bounded.Analyzers", f))));
            var row = releases.Split('\n').Select(l => l.Split('|').Select(c => c.Trim()).ToArray()).FirstOrDefault(c => c.Length >= 3 && c[0] == id);
            Assert.True(row != null, $"{id} has no AnalyzerReleases entry");
            Assert.Equal(descriptor.Category, row![1]);
            Assert.Equal(Severity(descriptor.DefaultSeverity), row[2]);
        }

        [Theory]
        [MemberData(nameof(Descriptors))]
        public void Descriptor_HasAReadmeRow(string id)
        {
            var descriptor = Get(id);
            string readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
            string expected = $"| [{id}](docs/rules/{id}.md) | {descriptor.Title} | {descriptor.Category} | {Severity(descriptor.DefaultSeverity)} | {(HasFix(id) ? "Yes" : "No")} |";
            Assert.Contains(expected, readme.Split('\n').Select(l => l.TrimEnd('\r')));
        }

        [Fact]
        public void Readme_ListsNoRuleThatDoesNotExist()
        {
            string readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
            var listed = Regex.Matches(readme, @"^\| \[(BND\d{4})\]", RegexOptions.Multiline).Select(m => m.Groups[1].Value);
            Assert.Empty(listed.Except(AllDescriptors().Select(d => d.Id)));
        }

        [Fact]
        public void DocPages_ExistOnlyForRules()
        {
            var pages = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "docs", "rules"), "BND*.md").Select(Path.GetFileNameWithoutExtension);
            Assert.Empty(pages.Except(AllDescriptors().Select(d => d.Id)));
        }

        [Fact]
        public void ConfigurationPage_ListsEveryOption_WithItsDefault()
        {
            string page = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "configuration.md"));
            foreach (var option in OptionKeys.All)
            {
                var row = page.Split('\n').FirstOrDefault(l => l.StartsWith($"| `{option.Key}` |", StringComparison.Ordinal));
                Assert.True(row != null, $"docs/configuration.md has no row for {option.Key}");
                string expectedDefault = option.DefaultValue.Length == 0 ? "(empty)" : $"`{option.DefaultValue.Replace("|", "\\|")}`";
                Assert.Contains($"| {expectedDefault} |", row);
            }
        }

        private static string? TableValue(string page, string property)
        {
            var match = Regex.Match(page, $@"^\| {Regex.Escape(property)} \| (.+?) \|\s*$", RegexOptions.Multiline);
            return match.Success ? match.Groups[1].Value.Trim() : null;
        }
    }
}
