using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Bounded.Tests.Samples;
using Xunit;

namespace Bounded.Tests.Packaging
{
    /// <summary>
    /// The package a user installs: <c>Bounded.Analyzers.&lt;version&gt;.nupkg</c> delivers both assemblies
    /// as analyzers, adds nothing to the consumer's references or dependencies, and carries its README,
    /// license and release notes.
    /// </summary>
    [Collection(RepositoryPackCollection.Name)]
    public sealed class PackageLayoutTests(PackedPackage package) : IClassFixture<PackedPackage>
    {
        private const string AnalyzersFolder = "analyzers/dotnet/cs/";

        [Fact]
        public void Pack_SucceedsAndNamesThePackageAfterIdAndVersion()
        {
            Assert.True(package.PackagePath is not null, package.PackLog);
            Assert.Equal($"Bounded.Analyzers.{ExpectedVersion()}.nupkg", Path.GetFileName(package.PackagePath));
        }

        [Fact]
        public void Package_HoldsBothAssembliesAsCSharpAnalyzers()
        {
            RequirePackage();
            Assert.Contains(AnalyzersFolder + "Bounded.Analyzers.dll", package.Entries);
            Assert.Contains(AnalyzersFolder + "Bounded.CodeFixes.dll", package.Entries);
        }

        [Fact]
        public void Package_ShipsTheAnalysisModeTargetsAndEveryPreset()
        {
            RequirePackage();
            Assert.Contains("buildTransitive/Bounded.Analyzers.targets", package.Entries);
            foreach (var mode in AnalysisModePresetTests.Modes)
            {
                Assert.Contains($"buildTransitive/config/bounded_{mode.ToLowerInvariant()}.globalconfig", package.Entries);
            }
        }

        [Fact]
        public void Package_AddsNoLibraryReference()
        {
            RequirePackage();
            Assert.DoesNotContain(package.Entries, entry => entry.StartsWith("lib/", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(package.Entries, entry => entry.StartsWith("ref/", StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public void Package_DoesNotShipTheCompiler()
        {
            RequirePackage();
            Assert.DoesNotContain(
                package.Entries,
                entry => Path.GetFileName(entry).StartsWith("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public void Nuspec_DescribesADevelopmentDependency()
        {
            var metadata = RequireMetadata();
            Assert.Equal("Bounded.Analyzers", Value(metadata, "id"));
            Assert.Equal(ExpectedVersion(), Value(metadata, "version"));
            Assert.Equal("true", Value(metadata, "developmentDependency"));
        }

        [Fact]
        public void Nuspec_HasNoPackageDependencies()
        {
            var metadata = RequireMetadata();
            var dependencies = metadata.Elements().Where(e => e.Name.LocalName == "dependencies")
                .SelectMany(e => e.Descendants())
                .Where(e => e.Name.LocalName == "dependency")
                .Select(e => (string?)e.Attribute("id"))
                .ToList();
            Assert.Empty(dependencies);
        }

        [Fact]
        public void Nuspec_HasLicenseReadmeTagsAndReleaseNotes()
        {
            var metadata = RequireMetadata();

            var license = Element(metadata, "license");
            Assert.NotNull(license);
            Assert.Equal("expression", (string?)license.Attribute("type"));
            Assert.Equal("MIT", license.Value.Trim());

            var readme = Value(metadata, "readme");
            Assert.Equal("README.md", readme);
            Assert.Contains(readme, package.Entries);

            var tags = (Value(metadata, "tags") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains("analyzers", tags);
            Assert.Contains("roslyn", tags);

            Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "releaseNotes")), "releaseNotes is empty");
            Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "description")), "description is empty");
            Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "projectUrl")), "projectUrl is empty");
        }

        private static XElement? Element(XElement metadata, string localName) =>
            metadata.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

        private static string? Value(XElement metadata, string localName) => Element(metadata, localName)?.Value.Trim();

        /// <summary>The version every project gets from the root Directory.Build.props.</summary>
        private static string ExpectedVersion() =>
            XDocument.Load(RepositoryPaths.Combine("Directory.Build.props"))
                .Descendants().First(e => e.Name.LocalName == "Version").Value.Trim();

        private void RequirePackage() =>
            Assert.True(package.PackagePath is not null && !package.Entries.IsEmpty, package.PackLog);

        private XElement RequireMetadata()
        {
            RequirePackage();
            Assert.True(package.NuspecMetadata is not null, "The package has no nuspec metadata." + Environment.NewLine + package.PackLog);
            return package.NuspecMetadata;
        }
    }
}
