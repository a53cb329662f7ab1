using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Bounded.Tests.Samples;
using Bounded.Tests.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bounded.Tests.Robustness
{
    /// <summary>Where an input came from.</summary>
    public enum InputOrigin
    {
        /// <summary>A C# file of <c>samples/</c>.</summary>
        Sample,

        /// <summary>A C# compilation unit written as a string literal in a test file.</summary>
        TestLiteral,

        /// <summary>A file of <c>tests/Bounded.Tests/Robustness/Corpus</c>.</summary>
        Corpus,

        /// <summary>Generated: very large methods, deeply nested lambdas.</summary>
        Stress,
    }

    /// <summary>
    /// One C# source the analyzers are fed, with what it needs to compile as it was meant to: its
    /// name (a repository path, with a line for a test literal), and extra sources compiled beside it
    /// (the implicit global usings of a sample project).
    /// </summary>
    public sealed record RobustnessInput(string Name, InputOrigin Origin, string Text, ImmutableArray<string> CompanionSources)
    {
        public RobustnessInput(string name, InputOrigin origin, string text)
            : this(name, origin, text, ImmutableArray<string>.Empty)
        {
        }

        public override string ToString() => Name;
    }

    /// <summary>Finds every input in the repository: sample files, test literals and the corpus.</summary>
    public static class RobustnessInputs
    {
        private const string CorpusResourcePrefix = "Robustness.Corpus.";

        /// <summary>Every C# file of <c>samples/</c> (none when the folder is absent), with its project's implicit global usings.</summary>
        public static ImmutableArray<RobustnessInput> Samples(string repositoryRoot)
        {
            var samples = Path.Combine(repositoryRoot, "samples");
            if (!Directory.Exists(samples))
            {
                return ImmutableArray<RobustnessInput>.Empty;
            }

            return SampleProject.LoadInBuildOrder(samples)
                .SelectMany(project => project.SourceFiles().Select(file => new RobustnessInput(
                    Relative(repositoryRoot, file),
                    InputOrigin.Sample,
                    File.ReadAllText(file),
                    ImmutableArray.Create(project.GlobalUsingsSource()))))
                .OrderBy(input => input.Name, StringComparer.Ordinal)
                .ToImmutableArray();
        }

        /// <summary>The C# compilation units written as raw or verbatim string literals in <c>tests/Bounded.Tests/**/*.cs</c>, markup removed.</summary>
        public static ImmutableArray<RobustnessInput> TestLiterals(string repositoryRoot)
        {
            var testsFolder = Path.Combine(repositoryRoot, "tests", "Bounded.Tests");
            var inputs = new List<RobustnessInput>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(testsFolder, "*.cs", SearchOption.AllDirectories)
                .Where(f => !Path.GetRelativePath(testsFolder, f).Split('/', '\\').Any(s => s is "bin" or "obj"))
                .OrderBy(f => f, StringComparer.Ordinal))
            {
                foreach (var (line, text) in ExtractCompilationUnits(File.ReadAllText(file)))
                {
                    if (seen.Add(text))
                    {
                        inputs.Add(new RobustnessInput($"{Relative(repositoryRoot, file)}:{line}", InputOrigin.TestLiteral, text));
                    }
                }
            }

            return inputs.ToImmutableArray();
        }

        /// <summary>
        /// The string literals of a C# file that look like compilation units (raw <c>"""…"""</c> or
        /// verbatim <c>@"…"</c>, containing <c>class </c> or <c>namespace </c>), found with the syntax
        /// API, with verifier markup removed. Literals whose markup does not parse are left out.
        /// </summary>
        public static IEnumerable<(int Line, string Text)> ExtractCompilationUnits(string csharpFile)
        {
            var root = CSharpSyntaxTree.ParseText(csharpFile, new CSharpParseOptions(LanguageVersion.Latest)).GetRoot();
            foreach (var literal in root.DescendantNodes().OfType<LiteralExpressionSyntax>())
            {
                var token = literal.Token;
                bool isRaw = token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken) || token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken);
                bool isVerbatim = token.IsKind(SyntaxKind.StringLiteralToken) && token.Text.StartsWith("@", StringComparison.Ordinal);
                if (!isRaw && !isVerbatim)
                {
                    continue;
                }

                var value = token.ValueText;
                if (!value.Contains("class ", StringComparison.Ordinal) && !value.Contains("namespace ", StringComparison.Ordinal))
                {
                    continue;
                }

                string text;
                try
                {
                    text = ParsedMarkup.Parse(value).Text;
                }
                catch (ArgumentException)
                {
                    continue; // deliberately unbalanced markup (the verifier's own tests)
                }

                yield return (token.GetLocation().GetLineSpan().StartLinePosition.Line + 1, text);
            }
        }

        /// <summary>The corpus of realistic code, embedded in the test assembly from <c>Robustness/Corpus/*.cs.txt</c>.</summary>
        public static ImmutableArray<RobustnessInput> Corpus()
        {
            var assembly = typeof(RobustnessInputs).Assembly;
            return assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(CorpusResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".cs.txt", StringComparison.Ordinal))
                .OrderBy(n => n, StringComparer.Ordinal)
                .Select(n => new RobustnessInput(
                    "tests/Bounded.Tests/Robustness/Corpus/" + n.Substring(CorpusResourcePrefix.Length),
                    InputOrigin.Corpus,
                    ReadResource(assembly, n)))
                .ToImmutableArray();
        }

        private static string ReadResource(Assembly assembly, string name)
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
    }
}
