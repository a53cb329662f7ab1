using System;
using System.Collections.Concurrent;
using Bounded.Analyzers.Common.Options;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Analyzers.Domains
{
    /// <summary>
    /// The <see cref="Boundaries"/> of one compilation, one per distinct domain configuration. The
    /// compiler hands every syntax tree its own options object, even when all trees share one
    /// .editorconfig; maps are therefore interned by their configuration (<see cref="DomainMap.Key"/>),
    /// so that placements are computed once per namespace per compilation, not once per file.
    /// </summary>
    public sealed class CompilationBoundaries
    {
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<string, Boundaries> _byConfiguration = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<SyntaxTree, Boundaries> _byTree = new();

        public CompilationBoundaries(Compilation compilation)
        {
            _compilation = compilation;
        }

        public Boundaries For(AnalyzerOptions options, SyntaxTree tree) =>
            _byTree.TryGetValue(tree, out var boundaries) ? boundaries : _byTree.GetOrAdd(tree, Create(options, tree));

        private Boundaries Create(AnalyzerOptions options, SyntaxTree tree)
        {
            var map = DomainMap.For(BoundedOptions.For(options, tree));
            return _byConfiguration.TryGetValue(map.Key, out var boundaries)
                ? boundaries
                : _byConfiguration.GetOrAdd(map.Key, new Boundaries(_compilation, map));
        }
    }
}
