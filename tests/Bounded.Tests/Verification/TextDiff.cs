using System;
using System.Text;

namespace Bounded.Tests.Verification
{
    /// <summary>Describes where two texts first differ, with a few lines around it, and the whole actual text.</summary>
    internal static class TextDiff
    {
        public static string Describe(string expected, string actual)
        {
            var e = expected.Split('\n');
            var a = actual.Split('\n');
            int first = 0;
            while (first < e.Length && first < a.Length && e[first] == a[first])
            {
                first++;
            }

            var builder = new StringBuilder();
            builder.AppendLine($"First difference at line {first + 1}:");
            for (int i = Math.Max(0, first - 2); i < Math.Min(Math.Max(e.Length, a.Length), first + 3); i++)
            {
                if (i < e.Length && (i >= a.Length || e[i] != a[i]))
                {
                    builder.AppendLine($"- {i + 1,4}: {e[i]}");
                }

                if (i < a.Length && (i >= e.Length || e[i] != a[i]))
                {
                    builder.AppendLine($"+ {i + 1,4}: {a[i]}");
                }

                if (i < e.Length && i < a.Length && e[i] == a[i])
                {
                    builder.AppendLine($"  {i + 1,4}: {a[i]}");
                }
            }

            builder.AppendLine("Actual text:");
            builder.AppendLine(actual);
            return builder.ToString();
        }
    }
}
