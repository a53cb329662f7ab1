using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Bounded.Tests.Samples;
using Xunit;

namespace Bounded.Tests.Packaging
{
    /// <summary>
    /// Runs <c>dotnet pack src/Bounded.Package</c> once, into a fresh temporary folder, with the
    /// configuration this test assembly was built with, so the nested build of the src projects is an
    /// incremental no-op after the test build. Build servers are disabled so no lingering compiler
    /// server keeps the captured output open (or the files busy) after the pack.
    /// </summary>
    public sealed class PackedPackage : IAsyncLifetime
    {
        private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(4);

        private readonly string _outputDirectory = Path.Combine(Path.GetTempPath(), "bounded-pack-" + Guid.NewGuid().ToString("N"));

        public string Configuration { get; } =
            typeof(PackedPackage).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

        /// <summary>The command line, its exit code and everything it printed: shown when an assertion fails.</summary>
        public string PackLog { get; private set; } = string.Empty;

        public TimeSpan PackDuration { get; private set; }

        public string? PackagePath { get; private set; }

        public ImmutableArray<string> Entries { get; private set; } = ImmutableArray<string>.Empty;

        public XElement? NuspecMetadata { get; private set; }

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(_outputDirectory);
            var project = RepositoryPaths.Combine("src", "Bounded.Package", "Bounded.Package.csproj");
            var result = await DotnetCli.RunAsync(
                RepositoryPaths.Root,
                ["pack", project, "-c", Configuration, "-o", _outputDirectory, "--nologo", "--disable-build-servers"],
                PackTimeout);
            int exitCode = result.ExitCode;
            string output = result.Output;
            PackDuration = result.Duration;
            PackLog = $"dotnet pack {project} -c {Configuration} -o {_outputDirectory} (exit code {exitCode}, {PackDuration.TotalSeconds:F1} s){Environment.NewLine}{output}";

            PackagePath = Directory.EnumerateFiles(_outputDirectory, "*.nupkg").SingleOrDefault();
            if (exitCode != 0 || PackagePath is null)
            {
                return; // The tests report the log.
            }

            using var archive = ZipFile.OpenRead(PackagePath);
            Entries = archive.Entries.Select(e => e.FullName).OrderBy(e => e, StringComparer.Ordinal).ToImmutableArray();
            var nuspec = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase) && !e.FullName.Contains('/'));
            using var stream = nuspec.Open();
            NuspecMetadata = XDocument.Load(stream).Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata");
        }

        public Task DisposeAsync()
        {
            try
            {
                Directory.Delete(_outputDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is not a test failure.
            }

            return Task.CompletedTask;
        }
    }
}
