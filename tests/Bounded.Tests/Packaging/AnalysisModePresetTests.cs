using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Bounded.Analyzers;
using Bounded.Tests.Verification;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Bounded.Tests.Packaging
{
    /// <summary>
    /// The BoundedAnalysisMode presets (src/Bounded.Package/buildTransitive/config) are generated from
    /// Rules.cs. This test fails when they are out of date; run it with BOUNDED_UPDATE_PRESETS=1 to
    /// rewrite them: <c>BOUNDED_UPDATE_PRESETS=1 dotnet test tests/Bounded.Tests --filter AnalysisModePreset</c>.
    /// </summary>
    public class AnalysisModePresetTests
    {
        public static readonly string[] Modes = { "Default", "Recommended", "Strict", "None" };

        public static IEnumerable<object[]> AllModes() => Modes.Select(m => new object[] { m });

        private static List<DiagnosticDescriptor> Descriptors() =>
            typeof(Rules).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
                .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
                .OrderBy(d => d.Id, StringComparer.Ordinal)
                .ToList();

        /// <summary>The editorconfig severity word a mode gives a rule.</summary>
        public static string SeverityFor(string mode, DiagnosticDescriptor descriptor) => mode switch
        {
            "None" => "none",
            "Strict" => "error",
            "Recommended" => descriptor.DefaultSeverity == DiagnosticSeverity.Error ? "error" : "warning",
            _ => descriptor.DefaultSeverity switch
            {
                DiagnosticSeverity.Error => "error",
                DiagnosticSeverity.Warning => "warning",
                DiagnosticSeverity.Info => "suggestion",
                _ => "silent",
            },
        };

        private static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
        {
            ["Default"] = "every rule at its default severity",
            ["Recommended"] = "every rule a warning (info-level rules raised to warning)",
            ["Strict"] = "every rule an error",
            ["None"] = "every rule off",
        };

        public static string Expected(string mode)
        {
            var text = new StringBuilder();
            text.Append("# BoundedAnalysisMode=").Append(mode).Append(": ").Append(Descriptions[mode]).Append(".\n");
            text.Append("# Generated from Rules.cs by tests/Bounded.Tests/Packaging/AnalysisModePresetTests.cs; do not edit.\n");
            text.Append("# A low global_level lets the project's own .editorconfig/.globalconfig entries win.\n");
            text.Append("is_global = true\n");
            text.Append("global_level = -100\n\n");
            foreach (var descriptor in Descriptors())
            {
                text.Append("# ").Append(descriptor.Id).Append(": ").Append(descriptor.Title).Append('\n');
                text.Append("dotnet_diagnostic.").Append(descriptor.Id).Append(".severity = ").Append(SeverityFor(mode, descriptor)).Append("\n\n");
            }

            return text.ToString();
        }

        public static string PresetPath(string mode) =>
            Path.Combine(RepositoryRoot.Path, "src", "Bounded.Package", "buildTransitive", "config", $"bounded_{mode.ToLowerInvariant()}.globalconfig");

        [Theory]
        [MemberData(nameof(AllModes))]
        public void Preset_IsUpToDateWithRules(string mode)
        {
            string path = PresetPath(mode);
            string expected = Expected(mode);
            if (Environment.GetEnvironmentVariable("BOUNDED_UPDATE_PRESETS") == "1")
            {
                File.WriteAllText(path, expected);
            }

            Assert.True(File.Exists(path), $"{path} is missing; run with BOUNDED_UPDATE_PRESETS=1 to generate it.");
            Assert.True(
                File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal) == expected,
                $"{path} is out of date with Rules.cs; run: BOUNDED_UPDATE_PRESETS=1 dotnet test tests/Bounded.Tests --filter AnalysisModePreset");
        }

        [Fact]
        public void Presets_AreTheOnlyFilesInTheConfigFolder()
        {
            var files = Directory.GetFiles(Path.GetDirectoryName(PresetPath("Default"))!).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal);
            Assert.Equal(Modes.Select(m => $"bounded_{m.ToLowerInvariant()}.globalconfig").OrderBy(f => f, StringComparer.Ordinal), files);
        }

        [Fact]
        public void TargetsFile_NamesEveryMode()
        {
            string targets = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "Bounded.Package", "buildTransitive", "Bounded.Analyzers.targets"));
            Assert.All(Modes, m => Assert.Contains(m, targets));
        }
    }
}
