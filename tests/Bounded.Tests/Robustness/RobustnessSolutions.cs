using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Bounded.Tests.Samples;
using Bounded.Tests.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Bounded.Tests.Robustness
{
    /// <summary>Workspace solutions for the fix harness: the sample app as its projects describe it, and one project of given sources.</summary>
    public static class RobustnessSolutions
    {
        private static readonly CSharpParseOptions SampleParseOptions = new(
            LanguageVersion.Latest,
            preprocessorSymbols: new[] { "DEBUG", "TRACE", "NET", "NET10_0", "NETCOREAPP", "NET8_0_OR_GREATER", "NET9_0_OR_GREATER", "NET10_0_OR_GREATER" });

        /// <summary>The sample app, one project per .csproj with its references, implicit usings and config files; null when <c>samples/</c> is absent.</summary>
        public static Solution? Samples(string repositoryRoot)
        {
            var folder = Path.Combine(repositoryRoot, "samples");
            if (!Directory.Exists(folder))
            {
                return null;
            }

            var solution = new AdhocWorkspace().CurrentSolution;
            var ids = new Dictionary<string, ProjectId>(StringComparer.Ordinal);
            foreach (var project in SampleProject.LoadInBuildOrder(folder))
            {
                var id = ProjectId.CreateNewId(project.Name);
                ids[project.ProjectFile] = id;
                solution = solution.AddProject(ProjectInfo.Create(
                    id,
                    VersionStamp.Default,
                    project.Name,
                    project.Name,
                    LanguageNames.CSharp,
                    filePath: project.ProjectFile,
                    compilationOptions: new CSharpCompilationOptions(project.OutputKind, nullableContextOptions: NullableContextOptions.Enable),
                    parseOptions: SampleParseOptions,
                    metadataReferences: References.For(ReferenceSet.Full),
                    projectReferences: project.ProjectReferences.Select(r => new ProjectReference(ids[r]))));

                var sources = project.SourceFiles();
                foreach (var file in sources)
                {
                    solution = solution.AddDocument(DocumentId.CreateNewId(id), Path.GetFileName(file), SourceText.From(File.ReadAllText(file), Encoding.UTF8), filePath: file);
                }

                solution = solution.AddDocument(
                    DocumentId.CreateNewId(id),
                    project.Name + ".GlobalUsings.g.cs",
                    SourceText.From(project.GlobalUsingsSource(), Encoding.UTF8),
                    filePath: Path.Combine(project.Directory, "obj", project.Name + ".GlobalUsings.g.cs"));

                foreach (var config in ConfigFiles(project, sources, repositoryRoot))
                {
                    solution = solution.AddAnalyzerConfigDocument(
                        DocumentId.CreateNewId(id),
                        Path.GetFileName(config),
                        SourceText.From(File.ReadAllText(config), Encoding.UTF8),
                        filePath: config);
                }
            }

            return solution;
        }

        /// <summary>One library project named <paramref name="projectName"/> holding the given (name, text) sources.</summary>
        public static Solution Single(string projectName, IEnumerable<(string Name, string Text)> sources, ReferenceSet references = ReferenceSet.Full)
        {
            var id = ProjectId.CreateNewId(projectName);
            var solution = new AdhocWorkspace().CurrentSolution.AddProject(ProjectInfo.Create(
                id,
                VersionStamp.Default,
                projectName,
                projectName,
                LanguageNames.CSharp,
                filePath: $"/{projectName}/{projectName}.csproj",
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: References.For(references)));
            foreach (var (name, text) in sources)
            {
                solution = solution.AddDocument(DocumentId.CreateNewId(id), name, SourceText.From(text, Encoding.UTF8), filePath: $"/{projectName}/{name}");
            }

            return solution;
        }

        /// <summary>The corpus as one project (documents named after their files, <c>.txt</c> dropped).</summary>
        public static Solution Corpus(IEnumerable<RobustnessInput> corpus) =>
            Single("Corpus", corpus.Select(c => (Path.GetFileName(c.Name).Replace(".cs.txt", ".cs", StringComparison.Ordinal), c.Text)));

        /// <summary>The .editorconfig files in the folders of a project's sources and their parents up to the root, and .globalconfig files above the project.</summary>
        private static IEnumerable<string> ConfigFiles(SampleProject project, IEnumerable<string> sources, string repositoryRoot)
        {
            var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(repositoryRoot));
            IEnumerable<string> Up(string folder)
            {
                for (var dir = new DirectoryInfo(folder); dir != null; dir = dir.Parent)
                {
                    yield return dir.FullName;
                    if (string.Equals(Path.TrimEndingDirectorySeparator(dir.FullName), root, StringComparison.Ordinal))
                    {
                        yield break;
                    }
                }
            }

            return sources.SelectMany(s => Up(Path.GetDirectoryName(s)!)).Select(d => Path.Combine(d, ".editorconfig"))
                .Concat(Up(project.Directory).Select(d => Path.Combine(d, ".globalconfig")))
                .Distinct(StringComparer.Ordinal)
                .Where(File.Exists)
                .OrderBy(p => p, StringComparer.Ordinal);
        }
    }
}
