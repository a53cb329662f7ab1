using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Bounded.Tests.Verification
{
    /// <summary>Which frameworks the code under test compiles against.</summary>
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

    /// <summary>The target framework whose reference assemblies a verifier test compiles against.</summary>
    public enum TestTargetFramework
    {
        /// <summary>net10.0, the framework the suite runs on (the default).</summary>
        Net100,

        /// <summary>net8.0 (LTS), for the representative subset that proves the rules hold on the older framework.</summary>
        Net80,
    }

    /// <summary>
    /// Reference assemblies for verifier tests, as Microsoft.CodeAnalysis.Testing resolves them: the
    /// targeting packs (Microsoft.NETCore.App.Ref, Microsoft.AspNetCore.App.Ref) by package, EF Core from
    /// the test process (it is a package reference of this project). Each instance is static so that the
    /// library resolves it once per test run (it caches resolved references per instance) and every test
    /// shares the same <see cref="MetadataReference"/> objects.
    /// </summary>
    public static class TestReferences
    {
        /// <summary>
        /// The targeting-pack version: served by our feed (10.0.10 to 10.0.15) and equal to the SDK's own
        /// packs, so a machine with the SDK resolves it from the NuGet cache after the first run.
        /// </summary>
        public const string Net100PackVersion = "10.0.12";

        /// <summary>The net8.0 ASP.NET Core targeting pack that goes with <see cref="ReferenceAssemblies.Net.Net80"/> (8.0.0).</summary>
        public const string Net80AspNetCorePackVersion = "8.0.0";

        public static ReferenceAssemblies Net100 { get; } = new(
            "net10.0",
            new PackageIdentity("Microsoft.NETCore.App.Ref", Net100PackVersion),
            Path.Combine("ref", "net10.0"));

        public static ReferenceAssemblies Net100AspNetCore { get; } =
            Net100.AddPackages(ImmutableArray.Create(new PackageIdentity("Microsoft.AspNetCore.App.Ref", Net100PackVersion)));

        public static ReferenceAssemblies Net80 => ReferenceAssemblies.Net.Net80;

        public static ReferenceAssemblies Net80AspNetCore { get; } =
            ReferenceAssemblies.Net.Net80.AddPackages(ImmutableArray.Create(new PackageIdentity("Microsoft.AspNetCore.App.Ref", Net80AspNetCorePackVersion)));

        public static ReferenceAssemblies For(TestTargetFramework framework, ReferenceSet set)
        {
            bool aspNetCore = set is ReferenceSet.AspNetCore or ReferenceSet.Full;
            return framework switch
            {
                TestTargetFramework.Net100 => aspNetCore ? Net100AspNetCore : Net100,
                TestTargetFramework.Net80 => aspNetCore ? Net80AspNetCore : Net80,
                _ => throw new ArgumentOutOfRangeException(nameof(framework)),
            };
        }

        /// <summary>
        /// References added beside the reference assemblies: EF Core for the sets that include it, on net10.0.
        /// EF Core 10 is built for net10.0 and would not bind against net8.0, so the net8.0 subset runs only
        /// tests whose code needs no EF Core, on the base class library and ASP.NET Core 8.
        /// </summary>
        public static ImmutableArray<MetadataReference> Extra(TestTargetFramework framework, ReferenceSet set) =>
            framework == TestTargetFramework.Net100 && set is ReferenceSet.EntityFrameworkCore or ReferenceSet.Full
                ? References.EntityFrameworkCore
                : ImmutableArray<MetadataReference>.Empty;
    }

    /// <summary>
    /// The test runtime's own assemblies as references, loaded once per test run: EF Core for verifier
    /// tests, and the whole set for the harnesses that build compilations themselves (robustness, samples).
    /// </summary>
    public static class References
    {
        private static readonly Lazy<ImmutableArray<MetadataReference>> NetCoreRefs = new(() => Load(IsNetCore));
        private static readonly Lazy<ImmutableArray<MetadataReference>> AspNetRefs = new(() => Load(IsAspNetCore));
        private static readonly Lazy<ImmutableArray<MetadataReference>> EfRefs = new(() => Load(IsEntityFrameworkCore));

        /// <summary>EF Core's own assemblies (its Microsoft.Extensions.* dependencies come with the ASP.NET Core set).</summary>
        public static ImmutableArray<MetadataReference> EntityFrameworkCore => EfRefs.Value;

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
