using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace Bounded.Analyzers.Common.Options
{
    /// <summary>
    /// The layer order, e.g. <c>Domain &lt; Application &lt; Infrastructure &lt; Api|Web</c>: a layer may
    /// reference layers to its left, never to its right. Each layer is a list of aliases.
    /// </summary>
    public sealed class LayerOrder
    {
        private readonly ImmutableDictionary<string, int> _rankByName;

        private LayerOrder(string text, ImmutableArray<ImmutableArray<string>> layers)
        {
            Text = text;
            Layers = layers;
            var ranks = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < layers.Length; i++)
            {
                foreach (var name in layers[i])
                {
                    ranks[name] = i;
                }
            }

            _rankByName = ranks.ToImmutable();
        }

        public string Text { get; }

        /// <summary>Layers from left (innermost) to right; each holds its aliases, the first being its name.</summary>
        public ImmutableArray<ImmutableArray<string>> Layers { get; }

        /// <summary>The rank (0 = leftmost) of a namespace segment naming a layer.</summary>
        public bool TryGetRank(string segment, out int rank) => _rankByName.TryGetValue(segment, out rank);

        /// <summary>The layer's canonical name (its first alias).</summary>
        public string NameOf(int rank) => Layers[rank][0];

        public static bool TryParse(string text, out LayerOrder order, out string error)
        {
            order = null!;
            var layers = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var part in text.Split('<'))
            {
                var aliases = part.Split('|').Select(a => a.Trim()).ToImmutableArray();
                foreach (var alias in aliases)
                {
                    if (!Identifiers.IsValid(alias))
                    {
                        error = alias.Length == 0 ? "an empty layer name" : $"'{alias}' is not a layer name";
                        return false;
                    }

                    if (!seen.Add(alias))
                    {
                        error = $"'{alias}' names two layers";
                        return false;
                    }
                }

                layers.Add(aliases);
            }

            error = string.Empty;
            order = new LayerOrder(string.Join(" < ", layers.Select(l => string.Join("|", l))), layers.ToImmutable());
            return true;
        }

        public override string ToString() => Text;
    }
}
