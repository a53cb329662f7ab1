using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Bounded.Tests.Verification
{
    /// <summary>
    /// Which assemblies the code under test compiles against. The test runtime's own framework is
    /// the reference set: net10.0, ASP.NET Core (shared framework) and EF Core (package), loaded
    /// once per test run and shared by every test, because building references per test makes a
    /// suite of hundreds of tests slow.
    /// </summary>
    public enum ReferenceSet
    {
        /// <summary>The base class library only (no ASP.NET Core, no EF Core).</summary>
        NetCore,

        /// <summary>The base class library and ASP.NET Core.</summary>
        AspNetCore,

        /// <summary>The base class library and EF Core.</summary>
        EntityFrameworkCore,

        /// <summary>Everything: base class library, ASP.NET Core and EF Core (the default).</summary>
        Full,
    }

    public static class References
    {
        private static readonly Lazy<ImmutableArray<MetadataReference>> NetCoreRefs = new(() => Load(IsNetCore));
        private static readonly Lazy<ImmutableArray<MetadataReference>> AspNetRefs = new(() => Load(IsAspNetCore));
        private static readonly Lazy<ImmutableArray<MetadataReference>> EfRefs = new(() => Load(IsEntityFrameworkCore));

        public static ImmutableArray<MetadataReference> For(ReferenceSet set) => set switch
        {
            ReferenceSet.NetCore => NetCoreRefs.Value,
            ReferenceSet.AspNetCore => NetCoreRefs.Value.AddRange(AspNetRefs.Value),
            ReferenceSet.EntityFrameworkCore => NetCoreRefs.Value.AddRange(EfRefs.Value),
            ReferenceSet.Full => NetCoreRefs.Value.AddRange(AspNetRefs.Value).AddRange(EfRefs.Value),
            _ => throw new ArgumentOutOfRangeException(nameof(set)),
        };

        private static IEnumerable<string> TrustedPlatformAssemblies =>
            ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);

        private static string Dir(string path) => Path.GetDirectoryName(path)!.Replace('\\', '/');

        private static bool IsNetCore(string path) => Dir(path).Contains("/shared/Microsoft.NETCore.App/");

        private static bool IsAspNetCore(string path) => Dir(path).Contains("/shared/Microsoft.AspNetCore.App/");

        // EF Core and what it brings from packages (its own assemblies; its Microsoft.Extensions.* come from the shared framework set).
        private static bool IsEntityFrameworkCore(string path) =>
            Path.GetFileName(path).StartsWith("Microsoft.EntityFrameworkCore", StringComparison.OrdinalIgnoreCase)
            && !Path.GetFileName(path).Contains(".Analyzers", StringComparison.OrdinalIgnoreCase)
            && !IsAspNetCore(path);

        private static ImmutableArray<MetadataReference> Load(Func<string, bool> include) =>
            TrustedPlatformAssemblies
                .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && include(p))
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToImmutableArray();
    }
}
