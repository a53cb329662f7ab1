using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Bounded.Bench.RealCode
{
    /// <summary>One project compiled in memory: everything needed to build a fresh compilation of it, and how faithful it is.</summary>
    internal sealed class CompiledProject
    {
        public CompiledProject(ProjectSpec spec, ImmutableArray<SyntaxTree> trees, ImmutableArray<MetadataReference> references, CSharpCompilationOptions options)
        {
            Spec = spec;
            Trees = trees;
            References = references;
            Options = options;
        }

        public ProjectSpec Spec { get; }

        /// <summary>The project's sources, its global usings file and the generators' output (generated once, before timing).</summary>
        public ImmutableArray<SyntaxTree> Trees { get; set; }

        public ImmutableArray<MetadataReference> References { get; }

        public CSharpCompilationOptions Options { get; }

        public int SourceFiles { get; set; }

        public int Lines { get; set; }

        public int GeneratedFiles { get; set; }

        public List<string> UnresolvedPackages { get; } = new();

        public List<string> Notes { get; } = new();

        public int Errors { get; set; }

        public List<(string Code, int Count)> TopErrors { get; set; } = new();

        /// <summary>What projects that reference this one compile against: its metadata-only image, else the compilation itself.</summary>
        public MetadataReference? Output { get; set; }

        public CSharpCompilation Fresh() => CSharpCompilation.Create(Spec.AssemblyName, Trees, References, Options);
    }

    /// <summary>
    /// Compiles every project of a repository in memory, in dependency order: each project's sources, its project references
    /// (as the metadata-only image of the referenced compilation, or the compilation itself when that image cannot be emitted),
    /// its packages from the NuGet cache, the framework reference packs of the dotnet install, and the source generators of its
    /// packages and of the framework packs, run once with a <see cref="GeneratorDriver"/> so that every timed compilation
    /// already holds their output, as a build's compilation does.
    /// </summary>
    internal sealed class RepositoryCompiler
    {
        private readonly NuGetCache nuget;
        private readonly ConcurrentDictionary<string, MetadataReference> metadata = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, ImmutableArray<ISourceGenerator>> generators = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, Version> assemblyVersions = new(StringComparer.Ordinal);
        private readonly Dictionary<string, PeerLoader.PackageAssemblyLoader> loaders = new(StringComparer.Ordinal);
        private readonly ImmutableDictionary<string, ReportDiagnostic> severities;

        public RepositoryCompiler(NuGetCache nuget, ImmutableDictionary<string, ReportDiagnostic> severities)
        {
            this.nuget = nuget;
            this.severities = severities;
        }

        public List<string> GeneratorLoadErrors { get; } = new();

        public List<CompiledProject> CompileAll(IReadOnlyList<ProjectSpec> specs, TextWriter log)
        {
            var byPath = specs.ToDictionary(s => s.Path, StringComparer.Ordinal);
            var done = new Dictionary<string, CompiledProject>(StringComparer.Ordinal);
            var result = new List<CompiledProject>();
            foreach (var spec in TopologicalOrder(specs, byPath, log))
            {
                var project = Compile(spec, done);
                done[spec.Path] = project;
                result.Add(project);
                log.WriteLine($"  {spec.Name}: {project.SourceFiles} files, {project.Lines} lines, {project.GeneratedFiles} generated, {project.Errors} errors"
                    + (project.TopErrors.Count > 0 ? " (" + string.Join(", ", project.TopErrors.Select(e => $"{e.Code} x{e.Count}")) + ")" : string.Empty)
                    + (project.UnresolvedPackages.Count > 0 ? "; unresolved packages: " + string.Join(", ", project.UnresolvedPackages) : string.Empty));
            }

            return result;
        }

        /// <summary>Dependencies first; a referenced project outside the list (outside the root, or skipped) is loaded as well unless it is a test project.</summary>
        private static List<ProjectSpec> TopologicalOrder(IReadOnlyList<ProjectSpec> specs, Dictionary<string, ProjectSpec> byPath, TextWriter log)
        {
            var order = new List<ProjectSpec>();
            var state = new Dictionary<string, int>(StringComparer.Ordinal);
            void Visit(ProjectSpec spec)
            {
                if (state.TryGetValue(spec.Path, out int s))
                {
                    if (s == 1)
                    {
                        log.WriteLine($"  project reference cycle through {spec.Name}");
                    }

                    return;
                }

                state[spec.Path] = 1;
                foreach (string reference in spec.ProjectReferences)
                {
                    if (!byPath.TryGetValue(reference, out var dep))
                    {
                        if (!File.Exists(reference))
                        {
                            continue;
                        }

                        dep = ProjectLoader.Load(reference);
                        byPath[reference] = dep;
                    }

                    Visit(dep);
                }

                state[spec.Path] = 2;
                order.Add(spec);
            }

            foreach (var spec in specs)
            {
                Visit(spec);
            }

            return order;
        }

        private CompiledProject Compile(ProjectSpec spec, Dictionary<string, CompiledProject> done)
        {
            var parseOptions = new CSharpParseOptions(LanguageVersionOf(spec), preprocessorSymbols: spec.Defines);
            var trees = new List<SyntaxTree>();
            int lines = 0;
            foreach (string file in spec.Sources)
            {
                string text = File.ReadAllText(file);
                lines += text.Count(c => c == '\n');
                trees.Add(CSharpSyntaxTree.ParseText(SourceText.From(text, Encoding.UTF8), parseOptions, file));
            }

            int sourceFiles = trees.Count;
            if (spec.GlobalUsings.Count > 0)
            {
                // What the SDK writes to obj/: a generated file (its name marks it as such for analyzers).
                string text = "// <auto-generated/>\n" + string.Concat(spec.GlobalUsings.Select(u => u.StartsWith("static ", StringComparison.Ordinal) || u.Contains('=', StringComparison.Ordinal) ? $"global using {u};\n" : $"global using global::{u};\n"));
                trees.Add(CSharpSyntaxTree.ParseText(text, parseOptions, Path.Combine(Path.GetDirectoryName(spec.Path)!, "obj", spec.Name + ".GlobalUsings.g.cs")));
            }

            var unresolved = new List<string>();
            var packages = nuget.ResolveClosure(spec.Packages, unresolved);
            var references = new List<(string Name, MetadataReference Reference, Version Version, bool Framework)>();
            foreach (string dll in ReferencePacks.NetCore.Dlls.Concat(spec.UsesAspNetCore ? ReferencePacks.AspNetCore.Dlls : Enumerable.Empty<string>()))
            {
                references.Add((Path.GetFileNameWithoutExtension(dll), Reference(dll), AssemblyVersion(dll), true));
            }

            foreach (var package in packages)
            {
                foreach (string dll in package.CompileDlls)
                {
                    references.Add((Path.GetFileNameWithoutExtension(dll), Reference(dll), AssemblyVersion(dll), false));
                }
            }

            // The SDK's conflict resolution: one DLL per assembly name, the highest assembly version (the framework's on a tie).
            var chosen = references
                .GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
                .Select(g => g.OrderByDescending(r => r.Version).ThenByDescending(r => r.Framework).First().Reference)
                .ToList();
            foreach (string reference in spec.ProjectReferences)
            {
                if (done.TryGetValue(reference, out var dep) && dep.Output is not null)
                {
                    chosen.Add(dep.Output);
                }
            }

            var options = new CSharpCompilationOptions(
                spec.Project.Property("OutputType") is "Exe" or "WinExe" ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableOf(spec.Nullable),
                allowUnsafe: spec.AllowUnsafe,
                concurrentBuild: false,
                specificDiagnosticOptions: severities);
            if (spec.IsWeb || spec.Project.Property("OutputType") is "Exe" or "WinExe")
            {
                options = options.WithOutputKind(OutputKind.ConsoleApplication);
            }

            var project = new CompiledProject(spec, trees.ToImmutableArray(), chosen.ToImmutableArray(), options)
            {
                SourceFiles = sourceFiles,
                Lines = lines,
            };
            // A package the framework carries (pruned by restore, so often absent from the cache) is no gap: its DLL is the framework's.
            var frameworkNames = new HashSet<string>(references.Where(r => r.Framework).Select(r => r.Name), StringComparer.OrdinalIgnoreCase);
            project.UnresolvedPackages.AddRange(unresolved.Where(id => !frameworkNames.Contains(id)));
            project.Notes.AddRange(packages.Where(p => p.Note.Length > 0).Select(p => $"{p.Id}: {p.Note}"));

            var compilation = project.Fresh();
            var sourceGenerators = Generators(spec, packages, done);
            if (sourceGenerators.Count > 0)
            {
                var driver = CSharpGeneratorDriver.Create(sourceGenerators, parseOptions: parseOptions, optionsProvider: new GeneratorOptions(spec));
                driver.RunGeneratorsAndUpdateCompilation(compilation, out var updated, out var generatorDiagnostics);
                var generated = updated.SyntaxTrees.Skip(trees.Count).ToList();
                project.GeneratedFiles = generated.Count;
                project.Trees = trees.Concat(generated).ToImmutableArray();
                foreach (var d in generatorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(3))
                {
                    project.Notes.Add("generator: " + d);
                }

                compilation = project.Fresh();
            }

            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            project.Errors = errors.Count;
            project.TopErrors = errors.GroupBy(e => e.Id).OrderByDescending(g => g.Count()).Take(5).Select(g => (g.Key, g.Count())).ToList();

            // Referencing projects compile against a metadata-only image as a build does (its reference assembly); when the
            // project's declarations do not bind well enough to emit one, against the compilation itself.
            using var stream = new MemoryStream();
            var emit = compilation.Emit(stream, options: new Microsoft.CodeAnalysis.Emit.EmitOptions(metadataOnly: true));
            project.Output = emit.Success
                ? MetadataReference.CreateFromImage(stream.ToArray(), filePath: spec.AssemblyName + ".dll")
                : compilation.ToMetadataReference();
            if (!emit.Success)
            {
                project.Notes.Add("referenced as a compilation (its metadata does not emit)");
            }

            return project;
        }

        private List<ISourceGenerator> Generators(ProjectSpec spec, List<ResolvedPackage> packages, Dictionary<string, CompiledProject> done)
        {
            var files = new List<(string Dll, string Folder)>();
            files.AddRange(ReferencePacks.NetCore.Analyzers.Select(a => (a, ReferencePacks.NetCore.Folder)));
            if (spec.UsesAspNetCore)
            {
                // The SDK removes these two unless their switch is on (PublishAot turns both on).
                bool aot = spec.Project.IsTrue("PublishAot");
                files.AddRange(ReferencePacks.AspNetCore.Analyzers
                    .Where(a => !a.Contains("RequestDelegateGenerator", StringComparison.Ordinal) || aot || spec.Project.IsTrue("EnableRequestDelegateGenerator"))
                    .Where(a => !a.Contains("Configuration.Binder.SourceGeneration", StringComparison.Ordinal) || aot || spec.Project.IsTrue("EnableConfigurationBindingGenerator"))
                    .Select(a => (a, ReferencePacks.AspNetCore.Folder)));
            }

            foreach (var package in packages)
            {
                files.AddRange(package.AnalyzerDlls.Select(a => (a, package.Folder)));
            }

            var result = new List<ISourceGenerator>();
            foreach (var (dll, folder) in files)
            {
                result.AddRange(generators.GetOrAdd(dll, path => LoadGenerators(path, folder)));
            }

            return result;
        }

        private ImmutableArray<ISourceGenerator> LoadGenerators(string path, string folder)
        {
            PeerLoader.PackageAssemblyLoader loader;
            lock (loaders)
            {
                if (!loaders.TryGetValue(folder, out loader!))
                {
                    loader = new PeerLoader.PackageAssemblyLoader("generators:" + folder);
                    loaders.Add(folder, loader);
                }
            }

            var reference = new AnalyzerFileReference(path, loader);
            reference.AnalyzerLoadFailed += (_, e) =>
            {
                lock (GeneratorLoadErrors)
                {
                    GeneratorLoadErrors.Add($"{Path.GetFileName(path)}: {e.ErrorCode} {e.Message}");
                }
            };
            try
            {
                return reference.GetGenerators(LanguageNames.CSharp);
            }
            catch (Exception ex) when (ex is IOException or BadImageFormatException or ReflectionTypeLoadException or TypeLoadException or FileLoadException)
            {
                lock (GeneratorLoadErrors)
                {
                    GeneratorLoadErrors.Add($"{Path.GetFileName(path)}: {ex.GetType().Name}: {ex.Message}");
                }

                return ImmutableArray<ISourceGenerator>.Empty;
            }
        }

        private MetadataReference Reference(string dll) => metadata.GetOrAdd(dll, p => MetadataReference.CreateFromFile(p));

        private Version AssemblyVersion(string dll) => assemblyVersions.GetOrAdd(dll, p =>
        {
            try
            {
                return AssemblyName.GetAssemblyName(p).Version ?? new Version(0, 0);
            }
            catch (Exception ex) when (ex is BadImageFormatException or IOException)
            {
                return new Version(0, 0);
            }
        });

        private static LanguageVersion LanguageVersionOf(ProjectSpec spec)
        {
            if (spec.LangVersion.Length > 0 && LanguageVersionFacts.TryParse(spec.LangVersion, out var parsed))
            {
                return parsed;
            }

            // The SDK's default for the target framework.
            var net = TargetFrameworks.NetVersion(spec.TargetFramework);
            return net?.Major switch
            {
                >= 10 => LanguageVersion.Preview,
                9 => LanguageVersion.CSharp13,
                8 => LanguageVersion.CSharp12,
                7 => LanguageVersion.CSharp11,
                6 => LanguageVersion.CSharp10,
                5 => LanguageVersion.CSharp9,
                _ => spec.TargetFramework.StartsWith("netstandard2.1", StringComparison.OrdinalIgnoreCase) ? LanguageVersion.CSharp8 : LanguageVersion.CSharp7_3,
            };
        }

        private static NullableContextOptions NullableOf(string value) => value.ToLowerInvariant() switch
        {
            "enable" or "true" => NullableContextOptions.Enable,
            "warnings" => NullableContextOptions.Warnings,
            "annotations" => NullableContextOptions.Annotations,
            _ => NullableContextOptions.Disable,
        };

        /// <summary>The build properties generators read (<c>build_property.*</c>), as the SDK passes them.</summary>
        private sealed class GeneratorOptions : AnalyzerConfigOptionsProvider
        {
            private readonly Options global;

            public GeneratorOptions(ProjectSpec spec)
            {
                var values = new Dictionary<string, string>(AnalyzerConfigOptions.KeyComparer)
                {
                    ["build_property.RootNamespace"] = spec.Project.Property("RootNamespace") is { Length: > 0 } ns ? ns : spec.AssemblyName,
                    ["build_property.ProjectDir"] = Path.GetDirectoryName(spec.Path) + "/",
                    ["build_property.TargetFramework"] = spec.TargetFramework,
                    ["build_property.EnableAotAnalyzer"] = spec.Project.Property("EnableAotAnalyzer"),
                    ["build_property.PublishAot"] = spec.Project.Property("PublishAot"),
                };
                global = new Options(values.ToImmutableDictionary(AnalyzerConfigOptions.KeyComparer));
            }

            public override AnalyzerConfigOptions GlobalOptions => global;

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

            private sealed class Options : AnalyzerConfigOptions
            {
                public static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

                private readonly ImmutableDictionary<string, string> values;

                public Options(ImmutableDictionary<string, string> values) => this.values = values;

                public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
            }
        }
    }

    /// <summary>A framework reference pack of the dotnet install running the bench (<c>packs/&lt;name&gt;/&lt;newest&gt;/</c>).</summary>
    internal sealed class ReferencePacks
    {
        public static readonly ReferencePacks NetCore = new("Microsoft.NETCore.App.Ref");

        public static readonly ReferencePacks AspNetCore = new("Microsoft.AspNetCore.App.Ref");

        private ReferencePacks(string name)
        {
            // <dotnet>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll -> <dotnet>
            string dotnet = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
            string packs = Path.Combine(dotnet, "packs", name);
            string runtime = Environment.Version.ToString(3);
            string? version = Directory.Exists(Path.Combine(packs, runtime)) ? runtime
                : Directory.Exists(packs) ? Directory.EnumerateDirectories(packs).Select(Path.GetFileName).Where(v => v!.StartsWith(Environment.Version.Major + ".", StringComparison.Ordinal)).OrderBy(v => PackageVersion.Parse(v!)).LastOrDefault() : null;
            Folder = version is null ? string.Empty : Path.Combine(packs, version);
            string refDir = Path.Combine(Folder, "ref", $"net{Environment.Version.Major}.0");
            Dlls = Directory.Exists(refDir) ? Directory.EnumerateFiles(refDir, "*.dll").OrderBy(f => f, StringComparer.Ordinal).ToList() : new List<string>();
            string analyzers = Path.Combine(Folder, "analyzers", "dotnet", "cs");
            Analyzers = Directory.Exists(analyzers)
                ? Directory.EnumerateFiles(analyzers, "*.dll").Where(f => !f.Contains("CodeFix", StringComparison.Ordinal) && !f.EndsWith(".Analyzers.dll", StringComparison.Ordinal)).OrderBy(f => f, StringComparer.Ordinal).ToList()
                : new List<string>();
        }

        public string Folder { get; }

        public IReadOnlyList<string> Dlls { get; }

        public IReadOnlyList<string> Analyzers { get; }
    }
}
