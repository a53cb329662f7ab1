using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Bounded.Bench.RealCode
{
    /// <summary>What the bench needs of one C# project, read from its evaluated MSBuild files.</summary>
    internal sealed record ProjectSpec(
        string Path,
        string Name,
        string AssemblyName,
        string Sdk,
        string TargetFramework,
        bool IsTest,
        IReadOnlyList<string> Sources,
        IReadOnlyList<string> ProjectReferences,
        IReadOnlyList<string> AnalyzerProjectReferences,
        IReadOnlyList<(string Id, string? Version)> Packages,
        IReadOnlyList<string> FrameworkReferences,
        IReadOnlyList<string> GlobalUsings,
        string Nullable,
        string LangVersion,
        bool AllowUnsafe,
        IReadOnlyList<string> Defines,
        MsBuildProject Project)
    {
        public bool IsWeb => Sdk.StartsWith("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase) || Sdk.StartsWith("Microsoft.NET.Sdk.Razor", StringComparison.OrdinalIgnoreCase)
            || Sdk.StartsWith("Microsoft.NET.Sdk.BlazorWebAssembly", StringComparison.OrdinalIgnoreCase);

        public bool UsesAspNetCore => IsWeb || FrameworkReferences.Contains("Microsoft.AspNetCore.App", StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Finds the C# projects under a folder and reads each into a <see cref="ProjectSpec"/>: sources by the SDK's default glob
    /// (<c>**/*.cs</c> minus <c>bin/</c>, <c>obj/</c> and dot folders, unless <c>EnableDefaultCompileItems</c> is false) with
    /// <c>Compile Include</c>/<c>Remove</c> applied, package versions from the project, <c>Directory.Packages.props</c>
    /// (<c>PackageVersion</c>, <c>VersionOverride</c>) or props, and the SDK's implicit usings plus <c>Using</c> items.
    /// </summary>
    internal static class ProjectLoader
    {
        private static readonly string[] BaseUsings = { "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks" };

        private static readonly string[] WebUsings =
        {
            "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing",
            "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
        };

        private static readonly string[] WorkerUsings = { "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging" };

        private static readonly string[] MSTestUsings = { "Microsoft.VisualStudio.TestTools.UnitTesting" };

        public static List<string> FindProjects(string root) =>
            Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories)
                .Where(p => !Segments(Path.GetRelativePath(root, p)).Any(s => s is "bin" or "obj" || s.StartsWith('.')))
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToList();

        private static string[] Segments(string relative) => relative.Replace('\\', '/').Split('/');

        public static ProjectSpec Load(string path)
        {
            var project = new MsBuildProject(path);
            string tfm = project.Property("TargetFramework");
            tfm = tfm.Length == 0 ? "net10.0" : tfm;

            var packages = ResolvePackageVersions(project);
            var frameworks = project.ItemsOf("FrameworkReference").Select(i => i.Include).ToList();
            var projectRefs = new List<string>();
            var analyzerRefs = new List<string>();
            foreach (var reference in project.ItemsOf("ProjectReference"))
            {
                string full = System.IO.Path.GetFullPath(System.IO.Path.Combine(reference.DefiningDirectory, reference.Include.Replace('\\', '/')));
                bool analyzer = string.Equals(reference.Get("OutputItemType"), "Analyzer", StringComparison.OrdinalIgnoreCase);
                bool referenceOutput = !string.Equals(reference.Get("ReferenceOutputAssembly"), "false", StringComparison.OrdinalIgnoreCase);
                if (analyzer)
                {
                    analyzerRefs.Add(full);
                }

                if (referenceOutput)
                {
                    projectRefs.Add(full);
                }
            }

            bool isTest = project.IsTrue("IsTestProject")
                || project.Sdk.StartsWith("MSTest.Sdk", StringComparison.OrdinalIgnoreCase)
                || packages.Any(p => string.Equals(p.Id, "Microsoft.NET.Test.Sdk", StringComparison.OrdinalIgnoreCase))
                || Regex.IsMatch(project.Name, @"(\.|^)(Tests?|UnitTests?|IntegrationTests?|FunctionalTests?|ArchTests?|ArchitectureTests?|Benchmarks?)$", RegexOptions.IgnoreCase);

            var usings = new List<string>();
            string implicitUsings = project.Property("ImplicitUsings");
            if (string.Equals(implicitUsings, "enable", StringComparison.OrdinalIgnoreCase) || string.Equals(implicitUsings, "true", StringComparison.OrdinalIgnoreCase))
            {
                usings.AddRange(BaseUsings);
                if (project.Sdk.StartsWith("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase))
                {
                    usings.AddRange(WebUsings);
                }
                else if (project.Sdk.StartsWith("Microsoft.NET.Sdk.Worker", StringComparison.OrdinalIgnoreCase))
                {
                    usings.AddRange(WorkerUsings);
                }

                if (project.Sdk.StartsWith("MSTest.Sdk", StringComparison.OrdinalIgnoreCase))
                {
                    usings.AddRange(MSTestUsings);
                }
            }

            foreach (var item in project.ItemsOf("Using"))
            {
                string? alias = item.Get("Alias");
                bool isStatic = string.Equals(item.Get("Static"), "true", StringComparison.OrdinalIgnoreCase);
                usings.Add(alias is { Length: > 0 } ? $"{alias} = {item.Include}" : isStatic ? "static " + item.Include : item.Include);
            }

            foreach (var removed in project.ItemsOf("Using.Remove"))
            {
                usings.RemoveAll(u => string.Equals(u, removed.Include, StringComparison.Ordinal));
            }

            var defines = new List<string> { "DEBUG", "TRACE" };
            defines.AddRange(TargetFrameworks.Defines(tfm));
            defines.AddRange(project.Property("DefineConstants").Split(';', ',').Select(d => d.Trim()).Where(d => d.Length > 0 && !d.Contains('$', StringComparison.Ordinal)));

            string assemblyName = project.Property("AssemblyName");
            return new ProjectSpec(
                project.Path,
                project.Name,
                assemblyName.Length > 0 ? assemblyName : project.Name,
                project.Sdk,
                tfm,
                isTest,
                Sources(project),
                projectRefs,
                analyzerRefs,
                packages,
                frameworks,
                usings.Distinct(StringComparer.Ordinal).ToList(),
                project.Property("Nullable"),
                project.Property("LangVersion"),
                project.IsTrue("AllowUnsafeBlocks"),
                defines.Distinct(StringComparer.Ordinal).ToList(),
                project);
        }

        /// <summary>PackageReference ids with their versions: the item's own Version/VersionOverride, else the central PackageVersion.</summary>
        private static List<(string Id, string? Version)> ResolvePackageVersions(MsBuildProject project)
        {
            var central = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in project.ItemsOf("PackageVersion"))
            {
                central[item.Include] = item.Get("Version") ?? string.Empty;
            }

            foreach (var item in project.ItemsOf("GlobalPackageReference"))
            {
                central.TryAdd(item.Include, item.Get("Version") ?? string.Empty);
            }

            var result = new List<(string, string?)>();
            foreach (var item in project.ItemsOf("PackageReference").Concat(project.ItemsOf("GlobalPackageReference")))
            {
                string? version = item.Get("VersionOverride") ?? item.Get("Version");
                if (string.IsNullOrWhiteSpace(version))
                {
                    version = central.TryGetValue(item.Include, out var v) ? v : null;
                }

                if (!result.Any(r => string.Equals(r.Item1, item.Include, StringComparison.OrdinalIgnoreCase)))
                {
                    result.Add((item.Include, version));
                }
            }

            return result;
        }

        private static List<string> Sources(MsBuildProject project)
        {
            var files = new List<string>();
            string dir = project.Directory;
            bool defaults = !string.Equals(project.Property("EnableDefaultCompileItems"), "false", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(project.Property("EnableDefaultItems"), "false", StringComparison.OrdinalIgnoreCase);
            if (defaults)
            {
                files.AddRange(Glob(dir, "**/*.cs"));
            }

            foreach (var item in project.ItemsOf("Compile"))
            {
                files.AddRange(Glob(item.DefiningDirectory, item.Include));
            }

            var removed = new HashSet<string>(project.ItemsOf("Compile.Remove").SelectMany(r => Glob(r.DefiningDirectory, r.Include)), StringComparer.Ordinal);
            return files.Where(f => !removed.Contains(f)).Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal).ToList();
        }

        /// <summary>An MSBuild glob (<c>*</c>, <c>**</c>, <c>?</c>) relative to <paramref name="baseDir"/>, minus bin/, obj/ and dot folders.</summary>
        internal static IEnumerable<string> Glob(string baseDir, string pattern)
        {
            string p = pattern.Replace('\\', '/');
            if (!p.Contains('*', StringComparison.Ordinal) && !p.Contains('?', StringComparison.Ordinal))
            {
                string file = System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDir, p));
                return File.Exists(file) ? new[] { file } : Array.Empty<string>();
            }

            // The fixed leading part of the pattern is the folder to search.
            var parts = p.Split('/');
            int fixedCount = parts.TakeWhile(s => !s.Contains('*', StringComparison.Ordinal) && !s.Contains('?', StringComparison.Ordinal)).Count();
            string searchRoot = System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDir, string.Join('/', parts.Take(fixedCount))));
            if (!Directory.Exists(searchRoot))
            {
                return Array.Empty<string>();
            }

            string rest = string.Join('/', parts.Skip(fixedCount));
            var regex = new Regex("^" + Regex.Escape(rest).Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal).Replace(@"\?", "[^/]", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase);
            return Directory.EnumerateFiles(searchRoot, "*", SearchOption.AllDirectories)
                .Select(f => (Full: f, Relative: System.IO.Path.GetRelativePath(searchRoot, f).Replace('\\', '/')))
                .Where(f => !Segments(f.Relative).SkipLast(1).Any(s => s is "bin" or "obj" || s.StartsWith('.')))
                .Where(f => regex.IsMatch(f.Relative))
                .Select(f => f.Full)
                .ToList();
        }
    }
}
