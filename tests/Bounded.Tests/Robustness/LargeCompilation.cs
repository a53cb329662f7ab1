using System.Collections.Generic;
using System.Linq;
using Bounded.Tests.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bounded.Tests.Robustness
{
    /// <summary>
    /// One large compilation for the determinism check: the samples' files, the corpus copied
    /// <c>copies</c> times (each copy's namespaces prefixed <c>CopyN.</c>, so the copies do not clash),
    /// and a large generated method.
    /// </summary>
    public static class LargeCompilation
    {
        public static Compilation Build(IEnumerable<RobustnessInput> samples, IReadOnlyList<RobustnessInput> corpus, int copies, int largeMethodStatements)
        {
            var parse = new CSharpParseOptions(LanguageVersion.Latest);
            var trees = new List<SyntaxTree>();
            var sampleList = samples.ToList();
            foreach (var sample in sampleList)
            {
                trees.Add(CSharpSyntaxTree.ParseText(sample.Text, parse, "/Large/" + sample.Name));
            }

            foreach (var usings in sampleList.SelectMany(s => s.CompanionSources).Distinct().Select((text, i) => (text, i)))
            {
                trees.Add(CSharpSyntaxTree.ParseText(usings.text, parse, $"/Large/obj/GlobalUsings{usings.i}.g.cs"));
            }

            for (int copy = 0; copy < copies; copy++)
            {
                foreach (var file in corpus)
                {
                    var root = CSharpSyntaxTree.ParseText(file.Text, parse).GetRoot();
                    if (copy > 0)
                    {
                        root = new NamespacePrefixer("Copy" + copy).Visit(root);
                    }

                    trees.Add(CSharpSyntaxTree.Create((CSharpSyntaxNode)root, parse, $"/Large/Copy{copy}/{file.Name}.cs"));
                }
            }

            trees.Add(CSharpSyntaxTree.ParseText(StressSources.LargeAsyncMethod(largeMethodStatements), parse, "/Large/Stress/LargeAsyncMethod.cs"));
            bool topLevel = trees.Any(t => t.GetRoot().ChildNodes().OfType<GlobalStatementSyntax>().Any());
            return CSharpCompilation.Create(
                "Large",
                trees,
                References.For(ReferenceSet.Full),
                new CSharpCompilationOptions(topLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        }

        private sealed class NamespacePrefixer(string prefix) : CSharpSyntaxRewriter
        {
            public override SyntaxNode? VisitNamespaceDeclaration(NamespaceDeclarationSyntax node) =>
                base.VisitNamespaceDeclaration(node.Parent is CompilationUnitSyntax ? node.WithName(Prefixed(node.Name)) : node);

            public override SyntaxNode? VisitFileScopedNamespaceDeclaration(FileScopedNamespaceDeclarationSyntax node) =>
                base.VisitFileScopedNamespaceDeclaration(node.WithName(Prefixed(node.Name)));

            private NameSyntax Prefixed(NameSyntax name) =>
                SyntaxFactory.ParseName(prefix + "." + name.ToString()).WithTriviaFrom(name);
        }
    }
}
