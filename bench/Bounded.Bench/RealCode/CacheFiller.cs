using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Bounded.Bench.RealCode
{
    /// <summary>
    /// <c>--restore</c>: fills the NuGet cache for repositories whose own restore fails against the package feed. It writes a
    /// throwaway project (in a temp folder) referencing every package id found under the roots, at the highest version the
    /// projects ask for, and runs <c>dotnet restore</c> on it; an id the feed does not serve at that version (NU1101/NU1102/NU1103)
    /// is retried floating (<c>Version="*"</c>), and dropped when it is not served at all. A failed restore still leaves every
    /// package it could resolve in the cache, which is what the real-code mode reads.
    /// </summary>
    internal static class CacheFiller
    {
        public static int Run(IReadOnlyList<string> roots)
        {
            var wanted = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (string root in roots)
            {
                foreach (string path in ProjectLoader.FindProjects(Path.GetFullPath(root)))
                {
                    var spec = ProjectLoader.Load(path);
                    foreach (var (id, version) in spec.Packages)
                    {
                        var request = VersionRequest.Parse(version);
                        if (!wanted.TryGetValue(id, out var current) || (request.Minimum is not null && (VersionRequest.Parse(current).Minimum?.CompareTo(request.Minimum) ?? -1) < 0))
                        {
                            wanted[id] = request.Minimum is null ? null : version;
                        }
                    }
                }
            }

            string dir = Path.Combine(Path.GetTempPath(), "bounded-bench-restore-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            Console.WriteLine($"restore: {wanted.Count} package ids under {string.Join(", ", roots)}; throwaway project in {dir}");
            var floating = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var dropped = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            string log = string.Empty;
            for (int attempt = 1; attempt <= 4; attempt++)
            {
                WriteProject(dir, wanted, floating, dropped);
                (int exit, log) = Restore(dir);
                Console.WriteLine($"restore attempt {attempt}: exit {exit}, {floating.Count} floating, {dropped.Count} dropped");
                if (exit == 0)
                {
                    return 0;
                }

                bool changed = false;
                foreach (Match m in Regex.Matches(log, @"error (NU110[123]): Unable to find (?:a stable )?package (\S+)", RegexOptions.IgnoreCase))
                {
                    string id = m.Groups[2].Value.TrimEnd('.');
                    if (!wanted.ContainsKey(id))
                    {
                        continue; // a transitive dependency: nothing to change in the throwaway project
                    }

                    changed |= m.Groups[1].Value == "NU1101" || floating.Contains(id) ? dropped.Add(id) : floating.Add(id);
                }

                if (!changed)
                {
                    break;
                }
            }

            Console.WriteLine("restore did not fully succeed (packages it resolved are in the cache); last errors:");
            foreach (string line in log.Split('\n').Where(l => l.Contains("error", StringComparison.Ordinal)).Distinct().Take(20))
            {
                Console.WriteLine("  " + line.Trim());
            }

            return 0;
        }

        private static void WriteProject(string dir, Dictionary<string, string?> wanted, HashSet<string> floating, HashSet<string> dropped)
        {
            var sb = new StringBuilder();
            // The plain SDK and no pruning: a package that a framework carries (Microsoft.Extensions.*) is still downloaded, for the
            // projects of the repositories that do not reference that framework.
            sb.AppendLine("<Project Sdk=\"Microsoft.NET.Sdk\">");
            sb.AppendLine("  <PropertyGroup>");
            sb.AppendLine($"    <TargetFramework>net{Environment.Version.Major}.0</TargetFramework>");
            sb.AppendLine("    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>");
            sb.AppendLine("    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>");
            sb.AppendLine("    <RestoreEnablePackagePruning>false</RestoreEnablePackagePruning>");
            sb.AppendLine("    <NoWarn>$(NoWarn);NU1603;NU1605;NU1608;NU1701;NU1107;NU1510;NU1901;NU1902;NU1903;NU1904</NoWarn>");
            sb.AppendLine("  </PropertyGroup>");
            sb.AppendLine("  <ItemGroup>");
            foreach (var (id, version) in wanted.OrderBy(w => w.Key, StringComparer.OrdinalIgnoreCase))
            {
                if (dropped.Contains(id))
                {
                    continue;
                }

                string v = version is null || floating.Contains(id) ? "*" : version;
                sb.AppendLine($"    <PackageReference Include=\"{id}\" Version=\"{System.Security.SecurityElement.Escape(v)}\" />");
            }

            sb.AppendLine("  </ItemGroup>");
            sb.AppendLine("</Project>");
            // A Directory.Build.props / Directory.Packages.props above the temp folder must not apply: empty ones stop the search.
            File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project />");
            File.WriteAllText(Path.Combine(dir, "Directory.Packages.props"), "<Project />");
            File.WriteAllText(Path.Combine(dir, "restore.csproj"), sb.ToString());
        }

        private static (int Exit, string Log) Restore(string dir)
        {
            var info = new ProcessStartInfo("dotnet", $"restore \"{Path.Combine(dir, "restore.csproj")}\"") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output + stderr.Result);
        }
    }
}
