using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;

namespace Bounded.Tests.Infrastructure
{
    /// <summary>One marked span of a source: <c>[|…|]</c> (Name null), <c>{|ID:…|}</c> or <c>{|#n:…|}</c>.</summary>
    public sealed record MarkupSpan(string? Name, TextSpan Span)
    {
        public bool IsLocationMarker => Name != null && Name.StartsWith("#", StringComparison.Ordinal);

        public int LocationKey => int.Parse(Name!.Substring(1), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A source with its markup removed, the spans it marked and the <c>$$</c> positions.</summary>
    public sealed record ParsedMarkup(string Text, IReadOnlyList<MarkupSpan> Spans, IReadOnlyList<int> Positions)
    {
        /// <summary>
        /// Parses <c>[|…|]</c>, <c>{|ID:…|}</c>, <c>{|#n:…|}</c> (nestable) and <c>$$</c>.
        /// Unbalanced markup is a test-authoring error and throws with the offset.
        /// </summary>
        public static ParsedMarkup Parse(string markup)
        {
            var text = new StringBuilder(markup.Length);
            var spans = new List<MarkupSpan>();
            var positions = new List<int>();
            var open = new Stack<(string? Name, int Start, char Closer)>();
            int i = 0;
            while (i < markup.Length)
            {
                if (Starts(markup, i, "[|"))
                {
                    open.Push((null, text.Length, ']'));
                    i += 2;
                }
                else if (Starts(markup, i, "{|") && NamedOpener.Match(markup, i + 2) is { Success: true } m && m.Index == i + 2)
                {
                    open.Push((m.Groups[1].Value, text.Length, '}'));
                    i += 2 + m.Length;
                }
                else if (Starts(markup, i, "|]") || Starts(markup, i, "|}"))
                {
                    char closer = markup[i + 1];
                    if (open.Count == 0 || open.Peek().Closer != closer)
                    {
                        throw new ArgumentException($"Unbalanced markup: '|{closer}' at offset {i} closes nothing that is open.");
                    }

                    var (name, start, _) = open.Pop();
                    spans.Add(new MarkupSpan(name, TextSpan.FromBounds(start, text.Length)));
                    i += 2;
                }
                else if (Starts(markup, i, "$$"))
                {
                    positions.Add(text.Length);
                    i += 2;
                }
                else
                {
                    text.Append(markup[i]);
                    i++;
                }
            }

            if (open.Count > 0)
            {
                throw new ArgumentException($"Unbalanced markup: a span opened at text offset {open.Peek().Start} is never closed.");
            }

            spans.Sort((a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : a.Span.End.CompareTo(b.Span.End));
            return new ParsedMarkup(text.ToString(), spans, positions);
        }

        private static readonly Regex NamedOpener = new(@"\G(#\d+|[A-Za-z][A-Za-z0-9_]*):", RegexOptions.CultureInvariant);

        private static bool Starts(string s, int i, string token) => string.CompareOrdinal(s, i, token, 0, token.Length) == 0;
    }
}
