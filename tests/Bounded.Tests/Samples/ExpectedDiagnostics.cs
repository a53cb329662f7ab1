using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;

namespace Bounded.Tests.Samples
{
    /// <summary>
    /// The diagnostics the sample app must produce, one per line (<c>BNDxxxx samples/path:line</c>);
    /// blank lines and lines starting with <c>#</c> are ignored. Compared as a multiset: the same line
    /// twice means two diagnostics on that line.
    /// </summary>
    internal static class ExpectedDiagnostics
    {
        public static ImmutableArray<string> Load(string path) =>
            File.ReadAllLines(path)
                .Select(line => line.Trim())
                .Where(line => line.Length > 0 && !line.StartsWith('#'))
                .OrderBy(line => line, StringComparer.Ordinal)
                .ToImmutableArray();

        /// <summary>Lines expected but not reported, and lines reported but not expected.</summary>
        public static (ImmutableArray<string> Missing, ImmutableArray<string> Unexpected) Compare(
            IEnumerable<string> expected,
            IEnumerable<string> actual)
        {
            var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var line in expected)
            {
                remaining[line] = remaining.GetValueOrDefault(line) + 1;
            }

            var unexpected = new List<string>();
            foreach (var line in actual)
            {
                if (remaining.GetValueOrDefault(line) > 0)
                {
                    remaining[line]--;
                }
                else
                {
                    unexpected.Add(line);
                }
            }

            var missing = remaining.SelectMany(pair => Enumerable.Repeat(pair.Key, pair.Value));
            return (Sorted(missing), Sorted(unexpected));
        }

        public static string Describe(ImmutableArray<string> missing, ImmutableArray<string> unexpected, IEnumerable<string> actual, string expectedFile)
        {
            var text = new StringBuilder();
            text.AppendLine($"The sample's diagnostics differ from {expectedFile}.");
            Section("Missing (expected, not reported)", missing);
            Section("Unexpected (reported, not expected)", unexpected);
            Section("Everything reported (sorted; paste into the file if the change is intended)", actual.ToImmutableArray());
            return text.ToString();

            void Section(string title, ImmutableArray<string> lines)
            {
                text.AppendLine().AppendLine($"{title}: {lines.Length}");
                foreach (var line in lines)
                {
                    text.AppendLine("  " + line);
                }
            }
        }

        private static ImmutableArray<string> Sorted(IEnumerable<string> lines) =>
            lines.OrderBy(line => line, StringComparer.Ordinal).ToImmutableArray();
    }
}
