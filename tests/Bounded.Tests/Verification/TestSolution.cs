using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Bounded.Tests.Verification
{
    /// <summary>
    /// A Roslyn <see cref="Solution"/> built from a <see cref="SolutionState"/>, with the markup of
    /// every document parsed: documents live at <c>/&lt;project&gt;/&lt;file&gt;</c> and analyzer
    /// config files apply to them as they would on disk.
    /// </summary>
    internal sealed class TestSolution
    {
        private TestSolution(Solution solution, ImmutableDictionary<string, ParsedMarkup> markupByPath, string firstDocumentPath)
        {
            Solution = solution;
            MarkupByPath = markupByPath;
            FirstDocumentPath = firstDocumentPath;
        }

        public Solution Solution { get; }

        /// <summary>Parsed markup of every document, by path.</summary>
        public ImmutableDictionary<string, ParsedMarkup> MarkupByPath { get; }

        /// <summary>Where an expected diagnostic without a path points: the test project's first document.</summary>
        public string FirstDocumentPath { get; }

        public static string PathOf(string project, string file) => $"/{project}/{file}";

        public static TestSolution Create(
            SolutionState state,
            ReferenceSet defaultReferences,
            LanguageVersion languageVersion,
            IReadOnlyList<(string Path, string Text)> analyzerConfigFiles)
        {
            var workspace = new AdhocWorkspace();
            var solution = workspace.CurrentSolution;
            var ids = new Dictionary<string, ProjectId>(StringComparer.Ordinal);
            var markup = ImmutableDictionary.CreateBuilder<string, ParsedMarkup>(StringComparer.Ordinal);
            var projects = state.AllProjects().Where(p => p.Sources.Count > 0 || p == state.MainProject).ToList();

            foreach (var project in projects)
            {
                var id = ProjectId.CreateNewId(project.Name);
                ids.Add(project.Name, id);
                solution = solution.AddProject(ProjectInfo.Create(
                    id,
                    VersionStamp.Default,
                    project.Name,
                    project.Name,
                    LanguageNames.CSharp,
                    filePath: $"/{project.Name}/{project.Name}.csproj",
                    compilationOptions: new CSharpCompilationOptions(
                        project.OutputKind,
                        nullableContextOptions: NullableContextOptions.Enable,
                        allowUnsafe: true),
                    parseOptions: new CSharpParseOptions(languageVersion, DocumentationMode.Parse),
                    metadataReferences: References.For(project.ReferenceSet ?? defaultReferences)));

                foreach (var (fileName, source) in project.Sources)
                {
                    var parsed = ParsedMarkup.Parse(source);
                    string path = PathOf(project.Name, fileName);
                    markup.Add(path, parsed);
                    solution = solution.AddDocument(
                        DocumentId.CreateNewId(id, fileName),
                        fileName,
                        SourceText.From(parsed.Text, Encoding.UTF8),
                        filePath: path);
                }

                foreach (var (configPath, text) in analyzerConfigFiles)
                {
                    solution = solution.AddAnalyzerConfigDocument(
                        DocumentId.CreateNewId(id, configPath),
                        System.IO.Path.GetFileName(configPath),
                        SourceText.From(text, Encoding.UTF8),
                        filePath: configPath);
                }
            }

            foreach (var project in projects)
            {
                foreach (var reference in project.ProjectReferences)
                {
                    if (!ids.TryGetValue(reference, out var target))
                    {
                        throw new ArgumentException($"Project '{project.Name}' references '{reference}', which the test does not define.");
                    }

                    solution = solution.AddProjectReference(ids[project.Name], new ProjectReference(target));
                }
            }

            string first = state.MainProject.Sources.Count > 0
                ? PathOf(state.MainProject.Name, state.MainProject.Sources[0].FileName)
                : PathOf(state.MainProject.Name, "Test0.cs");
            return new TestSolution(solution, markup.ToImmutable(), first);
        }

        /// <summary>The same solution with <paramref name="prefix"/> put before every document's text.</summary>
        public static Solution WithPrefixOnEveryDocument(Solution solution, string prefix)
        {
            foreach (var project in solution.Projects)
            {
                foreach (var document in project.Documents)
                {
                    var text = document.GetTextAsync().GetAwaiter().GetResult();
                    solution = solution.WithDocumentText(document.Id, SourceText.From(prefix + text, Encoding.UTF8));
                }
            }

            return solution;
        }
    }
}
