using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Bounded.Bench.RealCode
{
    /// <summary>A NuGet version: the numeric part and a pre-release label (a release sorts after its pre-releases).</summary>
    internal sealed record PackageVersion(Version Numbers, string Label, string Text) : IComparable<PackageVersion>
    {
        public static PackageVersion? Parse(string text)
        {
            var m = Regex.Match(text.Trim(), @"^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.\-]+))?(?:\+.*)?$");
            if (!m.Success)
            {
                return null;
            }

            int Part(int g) => m.Groups[g].Success ? int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture) : 0;
            return new PackageVersion(new Version(Part(1), Part(2), Part(3), Part(4)), m.Groups[5].Value, text.Trim());
        }

        public int CompareTo(PackageVersion? other)
        {
            if (other is null)
            {
                return 1;
            }

            int c = Numbers.CompareTo(other.Numbers);
            if (c != 0)
            {
                return c;
            }

            if (Label.Length == 0 || other.Label.Length == 0)
            {
                return (Label.Length == 0 ? 1 : 0) - (other.Label.Length == 0 ? 1 : 0);
            }

            return string.Compare(Label, other.Label, StringComparison.OrdinalIgnoreCase);
        }

        public override string ToString() => Text;
    }

    /// <summary>What a version range asks for: its lower bound (NuGet takes the lowest applicable version), or the newest when floating.</summary>
    internal sealed record VersionRequest(PackageVersion? Minimum, bool Floating, string Text)
    {
        public static VersionRequest Parse(string? text)
        {
            string t = (text ?? string.Empty).Trim();
            if (t.Length == 0 || t == "*")
            {
                return new VersionRequest(null, true, t);
            }

            string lower = t.TrimStart('[', '(').Split(',')[0].TrimEnd(']', ')').Trim();
            if (lower.Contains('*', StringComparison.Ordinal))
            {
                return new VersionRequest(PackageVersion.Parse(lower.Replace(".*", string.Empty, StringComparison.Ordinal).Replace("*", "0", StringComparison.Ordinal)), true, t);
            }

            return new VersionRequest(lower.Length == 0 ? null : PackageVersion.Parse(lower), false, t);
        }
    }

    /// <summary>A package picked from the cache: its folder, the compile DLLs and analyzer DLLs for net10.0, and how it was found.</summary>
    internal sealed record ResolvedPackage(string Id, string Version, string Folder, IReadOnlyList<string> CompileDlls, IReadOnlyList<string> AnalyzerDlls, string Note);

    /// <summary>
    /// Resolves package references against the global packages folder (<c>NUGET_PACKAGES</c> or <c>~/.nuget/packages</c>) the
    /// way restore would, without a feed: the requested version when it is in the cache, else the lowest cached version above
    /// it, else the newest cached one (noted as a fallback); dependencies from each package's <c>.nuspec</c> (the group for the
    /// nearest framework), the highest requested version winning; compile assets from <c>ref/</c> when it has a framework
    /// compatible with net10.0, else <c>lib/</c>.
    /// </summary>
    internal sealed class NuGetCache
    {
        private readonly Dictionary<string, (string Version, string Folder)?> cache = new(StringComparer.OrdinalIgnoreCase);

        public NuGetCache(string? root = null)
        {
            Root = root ?? Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        }

        public string Root { get; }

        /// <summary>The transitive closure of <paramref name="direct"/>; ids not in the cache go to <paramref name="unresolved"/>.</summary>
        public List<ResolvedPackage> ResolveClosure(IEnumerable<(string Id, string? Version)> direct, List<string> unresolved)
        {
            var chosen = new Dictionary<string, (VersionRequest Request, bool Direct)>(StringComparer.OrdinalIgnoreCase);
            var queue = new Queue<string>();
            foreach (var (id, version) in direct)
            {
                chosen[id] = (VersionRequest.Parse(version), true);
                queue.Enqueue(id);
            }

            var resolved = new Dictionary<string, ResolvedPackage>(StringComparer.OrdinalIgnoreCase);
            int guard = 0;
            while (queue.Count > 0 && guard++ < 20000)
            {
                string id = queue.Dequeue();
                var (request, _) = chosen[id];
                var found = Find(id, request);
                if (found is null)
                {
                    if (!unresolved.Contains(id, StringComparer.OrdinalIgnoreCase))
                    {
                        unresolved.Add(id);
                    }

                    continue;
                }

                if (resolved.TryGetValue(id, out var existing) && existing.Version == found.Value.Version)
                {
                    continue;
                }

                var (version, folder, note) = found.Value;
                resolved[id] = new ResolvedPackage(id, version, folder, CompileAssets(folder), PeerLoader.SelectAnalyzerFiles(folder), note);
                foreach (var (depId, depVersion) in Dependencies(folder, id))
                {
                    var depRequest = VersionRequest.Parse(depVersion);
                    if (chosen.TryGetValue(depId, out var current))
                    {
                        // A direct reference wins (nearest wins); among transitive ones the highest lower bound.
                        if (current.Direct || (current.Request.Minimum is not null && (depRequest.Minimum is null || depRequest.Minimum.CompareTo(current.Request.Minimum) <= 0)))
                        {
                            continue;
                        }
                    }

                    chosen[depId] = (depRequest, false);
                    queue.Enqueue(depId);
                }
            }

            return resolved.Values.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ToList();
        }

        private (string Version, string Folder, string Note)? Find(string id, VersionRequest request)
        {
            string dir = Path.Combine(Root, id.ToLowerInvariant());
            if (!Directory.Exists(dir))
            {
                return null;
            }

            var versions = Directory.EnumerateDirectories(dir)
                .Where(d => File.Exists(Path.Combine(d, id.ToLowerInvariant() + ".nuspec")) || Directory.EnumerateFiles(d, "*.nuspec").Any())
                .Select(d => (Folder: d, Version: PackageVersion.Parse(Path.GetFileName(d))))
                .Where(v => v.Version is not null)
                .OrderBy(v => v.Version)
                .ToList();
            if (versions.Count == 0)
            {
                return null;
            }

            if (request.Floating || request.Minimum is null)
            {
                var newest = versions.Where(v => v.Version!.Label.Length == 0).LastOrDefault();
                newest = newest.Folder is null ? versions[^1] : newest;
                return (newest.Version!.Text, newest.Folder, string.Empty);
            }

            var exact = versions.FirstOrDefault(v => v.Version!.CompareTo(request.Minimum) == 0);
            if (exact.Folder is not null)
            {
                return (exact.Version!.Text, exact.Folder, string.Empty);
            }

            var above = versions.FirstOrDefault(v => v.Version!.CompareTo(request.Minimum) > 0);
            var pick = above.Folder is not null ? above : versions[^1];
            return (pick.Version!.Text, pick.Folder, $"wanted {request.Text}, took {pick.Version!.Text}");
        }

        private static IEnumerable<(string Id, string? Version)> Dependencies(string folder, string id)
        {
            string? nuspec = Directory.EnumerateFiles(folder, "*.nuspec").FirstOrDefault();
            if (nuspec is null)
            {
                yield break;
            }

            XElement? root;
            try
            {
                root = XDocument.Load(nuspec).Root;
            }
            catch (System.Xml.XmlException)
            {
                yield break;
            }

            var dependencies = root?.Descendants().FirstOrDefault(e => e.Name.LocalName == "dependencies");
            if (dependencies is null)
            {
                yield break;
            }

            var groups = dependencies.Elements().Where(e => e.Name.LocalName == "group").ToList();
            IEnumerable<XElement> chosen;
            if (groups.Count == 0)
            {
                chosen = dependencies.Elements().Where(e => e.Name.LocalName == "dependency");
            }
            else
            {
                var best = groups
                    .Select(g => (Group: g, Score: FrameworkScore(NuspecFramework(g.Attribute("targetFramework")?.Value ?? string.Empty))))
                    .Where(g => g.Score > 0)
                    .OrderByDescending(g => g.Score)
                    .FirstOrDefault();
                chosen = best.Group?.Elements().Where(e => e.Name.LocalName == "dependency") ?? Enumerable.Empty<XElement>();
            }

            foreach (var dependency in chosen)
            {
                string? depId = dependency.Attribute("id")?.Value;
                string exclude = dependency.Attribute("exclude")?.Value ?? string.Empty;
                if (depId is not null && !exclude.Contains("Compile", StringComparison.OrdinalIgnoreCase))
                {
                    yield return (depId, dependency.Attribute("version")?.Value);
                }
            }
        }

        /// <summary>A nuspec group's framework (".NETStandard2.0", "net8.0", ".NETCoreApp3.1") as a folder-style moniker.</summary>
        private static string NuspecFramework(string value)
        {
            string v = value.Trim();
            if (v.Length == 0)
            {
                return "any";
            }

            var m = Regex.Match(v, @"^\.NETStandard(\d+\.\d+)$", RegexOptions.IgnoreCase);
            if (m.Success)
            {
                return "netstandard" + m.Groups[1].Value;
            }

            m = Regex.Match(v, @"^\.NETCoreApp(\d+)\.(\d+)$", RegexOptions.IgnoreCase);
            if (m.Success)
            {
                return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) >= 5 ? $"net{m.Groups[1].Value}.{m.Groups[2].Value}" : $"netcoreapp{m.Groups[1].Value}.{m.Groups[2].Value}";
            }

            return v.StartsWith(".NETFramework", StringComparison.OrdinalIgnoreCase) ? "net4" : v.ToLowerInvariant();
        }

        /// <summary>How well a framework folder fits net10.0: higher is better, 0 incompatible.</summary>
        internal static int FrameworkScore(string tfm)
        {
            string t = tfm.ToLowerInvariant();
            if (t == "any" || t == "dotnet")
            {
                return 1;
            }

            var net = TargetFrameworks.NetVersion(t);
            if (net is not null)
            {
                // net8.0-windows and other platform frameworks do not fit a plain net10.0 build.
                return net.Major <= 10 && !t.Contains('-', StringComparison.Ordinal) ? 1000 + (net.Major * 10) + net.Minor : 0;
            }

            var core = Regex.Match(t, @"^netcoreapp(\d+)\.(\d+)$");
            if (core.Success)
            {
                return 500 + (int.Parse(core.Groups[1].Value, CultureInfo.InvariantCulture) * 10) + int.Parse(core.Groups[2].Value, CultureInfo.InvariantCulture);
            }

            var standard = Regex.Match(t, @"^netstandard(\d+)\.(\d+)$");
            if (standard.Success)
            {
                return 100 + (int.Parse(standard.Groups[1].Value, CultureInfo.InvariantCulture) * 10) + int.Parse(standard.Groups[2].Value, CultureInfo.InvariantCulture);
            }

            return 0;
        }

        /// <summary>The DLLs a net10.0 project compiles against: the best framework folder of ref/, else of lib/ (`_._` = none).</summary>
        internal static IReadOnlyList<string> CompileAssets(string folder)
        {
            foreach (string kind in new[] { "ref", "lib" })
            {
                string dir = Path.Combine(folder, kind);
                if (!Directory.Exists(dir))
                {
                    continue;
                }

                var best = Directory.EnumerateDirectories(dir)
                    .Select(d => (Dir: d, Score: FrameworkScore(Path.GetFileName(d))))
                    .Where(d => d.Score > 0)
                    .OrderByDescending(d => d.Score)
                    .FirstOrDefault();
                if (best.Dir is not null)
                {
                    return Directory.EnumerateFiles(best.Dir, "*.dll").OrderBy(f => f, StringComparer.Ordinal).ToList();
                }
            }

            return Array.Empty<string>();
        }
    }
}
