using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Bounded.Tests.Robustness
{
    /// <summary>
    /// Derives reproducible seeds: the seed of one variant depends only on the base seed, the
    /// input's name, the kind of variant and its index, never on which other inputs were sampled,
    /// so a failure reproduces with the same base seed and an input filter.
    /// </summary>
    public static class Seeds
    {
        /// <summary>FNV-1a over the parts (string.GetHashCode is randomized per process).</summary>
        public static int Derive(int baseSeed, params object[] parts)
        {
            unchecked
            {
                uint hash = 2166136261;
                foreach (char c in baseSeed.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + string.Join("|", parts))
                {
                    hash = (hash ^ c) * 16777619;
                }

                return (int)(hash & 0x7FFFFFFF);
            }
        }
    }

    /// <summary>A mutated source and how to name it in a report.</summary>
    public sealed record Mutation(string Description, string Text);

    /// <summary>Half-typed code and token-level damage, computed from tokens found with the syntax API.</summary>
    public static class Mutations
    {
        /// <summary>
        /// The source cut at <paramref name="count"/> points spread over its tokens, each at the end of
        /// a token or, for every other point, in the middle of one (a half-typed identifier or keyword).
        /// </summary>
        public static IReadOnlyList<Mutation> Truncations(string text, int count, int seed)
        {
            var tokens = Tokens(text);
            var result = new List<Mutation>();
            if (tokens.Count == 0 || count <= 0)
            {
                return result;
            }

            var random = new Random(seed);
            var used = new HashSet<int>();
            for (int k = 0; k < count; k++)
            {
                // Spread the points evenly, then jitter inside the slice so different seeds cut elsewhere.
                int sliceStart = k * tokens.Count / count;
                int sliceEnd = Math.Max(sliceStart + 1, (k + 1) * tokens.Count / count);
                var token = tokens[random.Next(sliceStart, Math.Min(sliceEnd, tokens.Count))];
                int position = token.Span.End;
                if (k % 2 == 1 && token.Span.Length > 1)
                {
                    position = token.Span.Start + 1 + random.Next(token.Span.Length - 1);
                }

                if (used.Add(position))
                {
                    result.Add(new Mutation($"truncated at offset {position} (seed {seed})", text.Substring(0, position)));
                }
            }

            return result;
        }

        /// <summary>
        /// The source with <paramref name="edits"/> random tokens deleted or duplicated (the token's text
        /// inserted again right after it), chosen by <paramref name="seed"/>.
        /// </summary>
        public static Mutation TokenEdits(string text, int edits, int seed)
        {
            var tokens = Tokens(text);
            if (tokens.Count == 0)
            {
                return new Mutation($"no tokens (seed {seed})", text);
            }

            var random = new Random(seed);
            var chosen = new SortedDictionary<int, bool>(); // token index -> delete (true) or duplicate (false)
            for (int i = 0; i < edits; i++)
            {
                chosen[random.Next(tokens.Count)] = random.Next(2) == 0;
            }

            var builder = new StringBuilder(text);
            var description = new List<string>();
            foreach (var (index, delete) in chosen.Reverse())
            {
                var token = tokens[index];
                if (delete)
                {
                    builder.Remove(token.Span.Start, token.Span.Length);
                }
                else
                {
                    builder.Insert(token.Span.End, " " + token.Text);
                }

                description.Add($"{(delete ? "deleted" : "duplicated")} '{Shorten(token.Text)}' at {token.Span.Start}");
            }

            description.Reverse();
            return new Mutation($"seed {seed}: {string.Join(", ", description)}", builder.ToString());
        }

        private static List<SyntaxToken> Tokens(string text) =>
            CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest)).GetRoot()
                .DescendantTokens(descendIntoTrivia: false)
                .Where(t => !t.IsMissing && t.Span.Length > 0 && !t.IsKind(SyntaxKind.EndOfFileToken))
                .ToList();

        private static string Shorten(string s) => s.Length <= 20 ? s : s.Substring(0, 17) + "...";
    }
}
