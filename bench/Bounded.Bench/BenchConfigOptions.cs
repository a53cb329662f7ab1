using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Bench
{
    /// <summary>
    /// One set of .globalconfig-style options applied to every tree of the corpus, as a project's
    /// global config would be. Keys are compared case-insensitively, as Roslyn does. Like csc, which
    /// wraps each tree's options in an object of its own even when every tree has the same settings,
    /// each tree gets its own options instance: analyzers that cache per options object pay here
    /// what they pay in a real build.
    /// </summary>
    internal sealed class BenchConfigOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly Options options;
        private readonly ConditionalWeakTable<SyntaxTree, Options> perTree = new();

        public BenchConfigOptionsProvider(IReadOnlyDictionary<string, string> values)
        {
            options = new Options(values.ToImmutableDictionary(AnalyzerConfigOptions.KeyComparer));
        }

        public override AnalyzerConfigOptions GlobalOptions => options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => perTree.GetValue(tree, _ => new Options(options.Values));

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => options;

        private sealed class Options : AnalyzerConfigOptions
        {
            private readonly ImmutableDictionary<string, string> values;

            public Options(ImmutableDictionary<string, string> values) => this.values = values;

            public ImmutableDictionary<string, string> Values => values;

            public override IEnumerable<string> Keys => values.Keys;

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
