using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Tests.Samples
{
    /// <summary>
    /// The <c>.editorconfig</c> and <c>.globalconfig</c> files a build of a sample project would pass to
    /// the compiler (those in the folders of its sources and their parents, up to the repository root),
    /// turned into what analyzers see: options per syntax tree and severities per diagnostic ID.
    /// Lets the sample carry Bounded options (and a deliberately invalid one for BND0001).
    /// </summary>
    internal sealed class SampleAnalyzerConfig
    {
        private readonly AnalyzerConfigSet _set;

        private SampleAnalyzerConfig(AnalyzerConfigSet set) => _set = set;

        public static SampleAnalyzerConfig For(SampleProject project, IEnumerable<string> sourceFiles, string repositoryRoot)
        {
            var root = Path.GetFullPath(repositoryRoot);
            var editorConfigs = sourceFiles
                .SelectMany(file => FoldersUpTo(Path.GetDirectoryName(file)!, root))
                .Distinct(StringComparer.Ordinal)
                .Select(folder => Path.Combine(folder, ".editorconfig"));
            var globalConfigs = FoldersUpTo(project.Directory, root).Select(folder => Path.Combine(folder, ".globalconfig"));

            var configs = editorConfigs.Concat(globalConfigs)
                .Where(File.Exists)
                .OrderBy(path => path, StringComparer.Ordinal)
                .Select(path => AnalyzerConfig.Parse(File.ReadAllText(path), path))
                .ToList();
            return new SampleAnalyzerConfig(AnalyzerConfigSet.Create(configs));
        }

        public AnalyzerConfigOptionsProvider CreateOptionsProvider(IEnumerable<SyntaxTree> trees) =>
            new OptionsProvider(
                new DictionaryOptions(_set.GlobalConfigOptions.AnalyzerOptions),
                trees.ToImmutableDictionary(tree => tree, tree => (AnalyzerConfigOptions)new DictionaryOptions(_set.GetOptionsForSourcePath(tree.FilePath).AnalyzerOptions)));

        public SyntaxTreeOptionsProvider CreateTreeOptionsProvider(IEnumerable<SyntaxTree> trees) =>
            new TreeOptionsProvider(
                _set.GlobalConfigOptions.TreeOptions,
                trees.ToImmutableDictionary(tree => tree, tree => _set.GetOptionsForSourcePath(tree.FilePath)));

        private static IEnumerable<string> FoldersUpTo(string folder, string root)
        {
            for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
            {
                yield return dir.FullName;
                if (string.Equals(Path.TrimEndingDirectorySeparator(dir.FullName), Path.TrimEndingDirectorySeparator(root), StringComparison.Ordinal))
                {
                    yield break;
                }
            }
        }

        private sealed class DictionaryOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            private readonly ImmutableDictionary<string, string> _values = values.WithComparers(KeyComparer);

            public override IEnumerable<string> Keys => _values.Keys;

            // The analyzers' polyfills (visible here through InternalsVisibleTo) make [NotNullWhen] ambiguous
            // (CS0433); a non-null out parameter is an allowed, stricter override.
            public override bool TryGetValue(string key, out string value)
            {
                bool found = _values.TryGetValue(key, out var text);
                value = text ?? string.Empty;
                return found;
            }
        }

        private sealed class OptionsProvider(AnalyzerConfigOptions global, ImmutableDictionary<SyntaxTree, AnalyzerConfigOptions> perTree)
            : AnalyzerConfigOptionsProvider
        {
            public override AnalyzerConfigOptions GlobalOptions => global;

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) =>
                perTree.TryGetValue(tree, out var options) ? options : global;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => global;
        }

        private sealed class TreeOptionsProvider(
            ImmutableDictionary<string, ReportDiagnostic> global,
            ImmutableDictionary<SyntaxTree, AnalyzerConfigOptionsResult> perTree) : SyntaxTreeOptionsProvider
        {
            public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) =>
                perTree.TryGetValue(tree, out var result) && result.AnalyzerOptions.TryGetValue("generated_code", out var value)
                    ? (bool.TryParse(value, out var generated) && generated ? GeneratedKind.MarkedGenerated : GeneratedKind.NotGenerated)
                    : GeneratedKind.Unknown;

            public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
            {
                severity = ReportDiagnostic.Default;
                return perTree.TryGetValue(tree, out var result) && result.TreeOptions.TryGetValue(diagnosticId, out severity);
            }

            public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
                global.TryGetValue(diagnosticId, out severity);
        }
    }
}
