using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Bench
{
    /// <summary>
    /// Which peer rules cover the same ground as each of our rules: the one table the comparison
    /// uses. A row whose rule has not landed yet, or a peer ID no loaded peer supports, is skipped
    /// and listed in the report (never silently).
    /// </summary>
    internal static class PeerMap
    {
        internal sealed record Row(string RuleId, ImmutableArray<string> PeerIds, string Ground);

        public static readonly ImmutableArray<Row> Rows = ImmutableArray.Create(
            new Row("BND3001", ImmutableArray.Create("CA2016", "MA0040", "MA0079"), "forward the token in scope (MA0079: `await foreach` without WithCancellation)"),
            new Row("BND3002", ImmutableArray.Create("MA0032"), "token-accepting calls in a method with no token (MA0032 reports the call, we report the method)"),
            new Row("BND4001", ImmutableArray.Create("VSTHRD002", "MA0045", "MA0042", "AsyncFixer02"), "blocking on a task (.Result, .Wait(), GetAwaiter().GetResult())"),
            new Row("BND4002", ImmutableArray.Create("CA1849", "VSTHRD103", "MA0042", "AsyncFixer02"), "a synchronous call with an async counterpart inside async code"));

        /// <summary>Every peer ID the table names: exactly these are enabled, every other peer ID is suppressed.</summary>
        public static ImmutableHashSet<string> AllPeerIds => Rows.SelectMany(r => r.PeerIds).ToImmutableHashSet(StringComparer.Ordinal);
    }

    /// <summary>One peer package: where NuGet restored it, what was loaded from it, what failed.</summary>
    internal sealed record PeerPackage(
        string Name,
        string Version,
        string Root,
        ImmutableArray<string> Files,
        ImmutableArray<DiagnosticAnalyzer> Analyzers,
        ImmutableArray<string> BuiltAgainst,
        ImmutableArray<string> Errors)
    {
        public bool Loaded => Errors.IsEmpty && !Analyzers.IsEmpty;
    }

    /// <summary>
    /// Loads peer analyzers from their NuGet package folders (passed in by MSBuild as
    /// <c>[AssemblyMetadata("Peer:&lt;id&gt;", "&lt;folder&gt;")]</c>) with <see cref="AnalyzerFileReference"/>,
    /// picking the DLLs a C# build would: <c>analyzers/**/cs</c> (or language-neutral
    /// <c>analyzers/dotnet</c>), the best <c>roslynX.Y</c> folder not newer than the Roslyn this
    /// process runs, no code-fix assemblies. Every failure is recorded on the package.
    /// </summary>
    internal static class PeerLoader
    {
        public static Version HostRoslyn => typeof(Compilation).Assembly.GetName().Version!;

        public static ImmutableArray<PeerPackage> LoadAll()
        {
            var metadata = typeof(PeerLoader).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Where(a => a.Key.StartsWith("Peer:", StringComparison.Ordinal))
                .ToList();
            return metadata.Select(a => Load(a.Key["Peer:".Length..], a.Value ?? string.Empty)).ToImmutableArray();
        }

        private static PeerPackage Load(string name, string root)
        {
            var errors = new List<string>();
            if (root.Length == 0 || !Directory.Exists(root))
            {
                errors.Add($"package folder not found ('{root}'): was the package restored?");
                return new PeerPackage(name, "?", root, ImmutableArray<string>.Empty, ImmutableArray<DiagnosticAnalyzer>.Empty, ImmutableArray<string>.Empty, errors.ToImmutableArray());
            }

            string version = Path.GetFileName(Path.TrimEndingDirectorySeparator(root));
            var files = SelectAnalyzerFiles(root);
            if (files.IsEmpty)
            {
                errors.Add("no C# analyzer DLL found under analyzers/");
            }

            var loader = new PackageAssemblyLoader(name);
            var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
            var builtAgainst = new SortedSet<string>(StringComparer.Ordinal);
            foreach (string file in files)
            {
                var reference = new AnalyzerFileReference(file, loader);
                reference.AnalyzerLoadFailed += (_, e) =>
                    errors.Add($"{Path.GetFileName(file)}: {e.ErrorCode} {e.TypeName} {e.Message}{(e.ReferencedCompilerVersion is { } v ? $" (built against Roslyn {v}, host is {HostRoslyn})" : string.Empty)}");
                try
                {
                    analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
                    var assembly = reference.GetAssembly();
                    foreach (var referenced in assembly.GetReferencedAssemblies().Where(r => r.Name == "Microsoft.CodeAnalysis"))
                    {
                        builtAgainst.Add(referenced.Version?.ToString() ?? "?");
                    }
                }
                catch (Exception ex) when (ex is IOException or BadImageFormatException or ReflectionTypeLoadException or TypeLoadException or FileLoadException)
                {
                    errors.Add($"{Path.GetFileName(file)}: {ex.GetType().Name}: {ex.Message}");
                }
            }

            if (files.Length > 0 && analyzers.Count == 0 && errors.Count == 0)
            {
                errors.Add("the DLLs loaded but expose no C# analyzer");
            }

            return new PeerPackage(name, version, root, files, analyzers.ToImmutable(), builtAgainst.ToImmutableArray(), errors.ToImmutableArray());
        }

        internal static ImmutableArray<string> SelectAnalyzerFiles(string root)
        {
            string analyzersDir = Path.Combine(root, "analyzers");
            if (!Directory.Exists(analyzersDir))
            {
                return ImmutableArray<string>.Empty;
            }

            var candidates = Directory.EnumerateFiles(analyzersDir, "*.dll", SearchOption.AllDirectories)
                .Select(p => (Path: p, Segments: Path.GetRelativePath(analyzersDir, p).Replace('\\', '/').Split('/')))
                .Where(c => !c.Path.EndsWith(".resources.dll", StringComparison.OrdinalIgnoreCase))
                .Where(c => !Path.GetFileName(c.Path).Contains("CodeFix", StringComparison.OrdinalIgnoreCase))
                .Where(c => !c.Segments.Contains("vb") && (c.Segments.Contains("cs") || c.Segments[^2] == "dotnet"))
                .Select(c => (c.Path, Roslyn: RoslynFolder(c.Segments)))
                .ToList();

            var usable = candidates.Where(c => c.Roslyn is null || c.Roslyn <= HostRoslyn).ToList();
            var best = usable.Where(c => c.Roslyn is not null).Select(c => c.Roslyn).Max();
            return usable.Where(c => c.Roslyn is null || c.Roslyn == best)
                .Select(c => c.Path)
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToImmutableArray();
        }

        private static Version? RoslynFolder(string[] segments)
        {
            foreach (string segment in segments)
            {
                var match = Regex.Match(segment, @"^roslyn(\d+)\.(\d+)$");
                if (match.Success)
                {
                    return new Version(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
                }
            }

            return null;
        }

        /// <summary>
        /// One load context per package: an assembly the package ships next to its analyzers loads
        /// there; everything else (Roslyn, the BCL) comes from this process, as in the compiler host.
        /// </summary>
        internal sealed class PackageAssemblyLoader : AssemblyLoadContext, IAnalyzerAssemblyLoader
        {
            private readonly HashSet<string> directories = new(StringComparer.Ordinal);
            private readonly Dictionary<string, Assembly> loaded = new(StringComparer.Ordinal);
            private readonly object gate = new();

            public PackageAssemblyLoader(string name)
                : base(name.Contains(':', StringComparison.Ordinal) ? name : "peer:" + name)
            {
            }

            public void AddDependencyLocation(string fullPath)
            {
                lock (gate)
                {
                    directories.Add(Path.GetDirectoryName(fullPath)!);
                }
            }

            public Assembly LoadFromPath(string fullPath)
            {
                lock (gate)
                {
                    directories.Add(Path.GetDirectoryName(fullPath)!);
                    if (!loaded.TryGetValue(fullPath, out var assembly))
                    {
                        assembly = LoadFromAssemblyPath(fullPath);
                        loaded.Add(fullPath, assembly);
                    }

                    return assembly;
                }
            }

            protected override Assembly? Load(AssemblyName assemblyName)
            {
                // Roslyn and the BCL must be the host's, or the analyzer types would not match.
                if (Default.Assemblies.Any(a => string.Equals(a.GetName().Name, assemblyName.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    return null;
                }

                string[] dirs;
                lock (gate)
                {
                    dirs = directories.ToArray();
                }

                foreach (string dir in dirs)
                {
                    string candidate = Path.Combine(dir, assemblyName.Name + ".dll");
                    if (File.Exists(candidate))
                    {
                        return LoadFromAssemblyPath(candidate);
                    }
                }

                return null;
            }
        }
    }
}
