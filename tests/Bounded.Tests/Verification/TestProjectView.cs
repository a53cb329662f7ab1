using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Bounded.Tests.Verification
{
    /// <summary>
    /// The project-shaped view the tests were written against (<c>TestState.MainProject.Add("File.cs", …)</c>,
    /// <c>TestState.Project("Billing").ProjectReferences.Add(…)</c>), over the library's
    /// <see cref="ProjectState"/>. Documents live at <c>/&lt;project&gt;/&lt;file&gt;</c>, so editorconfig
    /// sections such as <c>[TestProject/Other/*.cs]</c> apply as they would on disk.
    /// </summary>
    public sealed class TestProjectView
    {
        private readonly ProjectState _state;

        internal TestProjectView(ProjectState state) => _state = state;

        public string Name => _state.Name;

        /// <summary>(file name, source) of every document, markup included, in order.</summary>
        public IReadOnlyList<(string FileName, string Source)> Sources =>
            _state.Sources.Select(s => (FileNameOf(s.filename), s.content.ToString())).ToList();

        /// <summary>Names of other projects of the test this one references (as a modular monolith's modules do).</summary>
        public List<string> ProjectReferences => _state.AdditionalProjectReferences;

        public OutputKind OutputKind
        {
            get => _state.OutputKind ?? OutputKind.DynamicallyLinkedLibrary;
            set => _state.OutputKind = value;
        }

        /// <summary>Adds a document named <c>Test&lt;n&gt;.cs</c>.</summary>
        public void Add(string source) => Add($"Test{_state.Sources.Count}.cs", source);

        /// <summary>Adds a document; a name with folders (<c>Other/Second.cs</c>) puts it in those folders.</summary>
        public void Add(string fileName, string source) => _state.Sources.Add((PathOf(_state.Name, fileName), source));

        internal static string PathOf(string project, string fileName) => $"/{project}/{fileName}";

        private string FileNameOf(string path)
        {
            string prefix = PathOf(_state.Name, string.Empty);
            return path.StartsWith(prefix, System.StringComparison.Ordinal) ? path.Substring(prefix.Length) : path;
        }
    }

    /// <summary>The <see cref="TestProjectView"/> entry points on the library's <see cref="SolutionState"/>.</summary>
    public static class SolutionStateViews
    {
        extension(SolutionState state)
        {
            /// <summary>The test project itself (<c>TestProject</c>): <see cref="ProjectState"/> of the solution state.</summary>
            public TestProjectView MainProject => new(state);

            /// <summary>An additional project of the test, created on first use.</summary>
            public TestProjectView Project(string name) => new(state.AdditionalProjects[name]);
        }
    }
}
