using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Bounded.Bench
{
    /// <summary>
    /// What the corpus compiles against: this process's own framework (net10.0 + the ASP.NET Core
    /// shared framework) and the EF Core package, taken from TRUSTED_PLATFORM_ASSEMBLIES the way
    /// tests/Bounded.Tests/Verification/ReferenceSet.cs does.
    /// </summary>
    internal static class BenchReferences
    {
        public static ImmutableArray<MetadataReference> Load() =>
            TrustedPlatformAssemblies
                .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && (IsNetCore(p) || IsAspNetCore(p) || IsEntityFrameworkCore(p)))
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToImmutableArray();

        private static IEnumerable<string> TrustedPlatformAssemblies =>
            ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);

        private static string Dir(string path) => Path.GetDirectoryName(path)!.Replace('\\', '/');

        private static bool IsNetCore(string path) => Dir(path).Contains("/shared/Microsoft.NETCore.App/", StringComparison.Ordinal);

        private static bool IsAspNetCore(string path) => Dir(path).Contains("/shared/Microsoft.AspNetCore.App/", StringComparison.Ordinal);

        private static bool IsEntityFrameworkCore(string path) =>
            Path.GetFileName(path).StartsWith("Microsoft.EntityFrameworkCore", StringComparison.OrdinalIgnoreCase)
            && !Path.GetFileName(path).Contains(".Analyzers", StringComparison.OrdinalIgnoreCase)
            && !IsAspNetCore(path);
    }
}
