using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Bounded.Tests.Verification
{
    /// <summary>One project of a test solution: its sources (markup allowed) and the projects it references.</summary>
    public sealed class TestProject
    {
        public TestProject(string name) => Name = name;

        public string Name { get; }

        /// <summary>(file name, markup source). The file path becomes <c>/&lt;project&gt;/&lt;file&gt;</c>.</summary>
        public List<(string FileName, string Source)> Sources { get; } = new();

        /// <summary>Names of other projects of the test this one references (as a modular monolith's modules do).</summary>
        public List<string> ProjectReferences { get; } = new();

        public OutputKind OutputKind { get; set; } = OutputKind.DynamicallyLinkedLibrary;

        /// <summary>The reference set; null: the test's own <see cref="AnalyzerTest.ReferenceSet"/>.</summary>
        public ReferenceSet? ReferenceSet { get; set; }

        public void Add(string source) => Sources.Add(($"Test{Sources.Count}.cs", source));

        public void Add(string fileName, string source) => Sources.Add((fileName, source));
    }

    /// <summary>A set of projects: the test project plus any additional ones, by name.</summary>
    public sealed class SolutionState
    {
        public const string DefaultProjectName = "TestProject";

        public TestProject MainProject { get; } = new(DefaultProjectName);

        public Dictionary<string, TestProject> AdditionalProjects { get; } = new();

        /// <summary>Adds (or returns) an additional project.</summary>
        public TestProject Project(string name)
        {
            if (!AdditionalProjects.TryGetValue(name, out var p))
            {
                p = new TestProject(name);
                AdditionalProjects.Add(name, p);
            }

            return p;
        }

        public IEnumerable<TestProject> AllProjects()
        {
            yield return MainProject;
            foreach (var p in AdditionalProjects.Values)
            {
                yield return p;
            }
        }

        public bool IsEmpty
        {
            get
            {
                foreach (var p in AllProjects())
                {
                    if (p.Sources.Count > 0)
                    {
                        return false;
                    }
                }

                return true;
            }
        }
    }
}
