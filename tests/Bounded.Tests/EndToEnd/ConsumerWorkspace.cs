using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Bounded.Tests.Packaging;
using Bounded.Tests.Samples;
using Xunit;

namespace Bounded.Tests.EndToEnd
{
    /// <summary>
    /// A user's machine in a temp folder: the analyzers packed with a version unique to this test run
    /// (so no stale copy in the NuGet cache can stand in for them), and a nuget.config that adds that
    /// pack output as a package source next to the machine's own sources. Each scenario writes a fresh
    /// consumer project under it and builds it with <c>dotnet build</c>, as a user would.
    /// </summary>
    public sealed class ConsumerWorkspace : IAsyncLifetime
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

        public string Root { get; } = Path.Combine(Path.GetTempPath(), "bounded-e2e-" + Guid.NewGuid().ToString("N")[..12]);

        /// <summary>A prerelease version no earlier run used.</summary>
        public string Version { get; } = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "." + Guid.NewGuid().ToString("N")[..6];

        public CliResult? Pack { get; private set; }

        private string Feed => Path.Combine(Root, "feed");

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(Feed);
            string configuration = typeof(ConsumerWorkspace).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            Pack = await DotnetCli.RunAsync(
                RepositoryPaths.Root,
                ["pack", RepositoryPaths.Combine("src", "Bounded.Package", "Bounded.Package.csproj"), "-c", configuration, "-o", Feed, $"-p:Version={Version}", "--nologo", "--disable-build-servers"],
                Timeout);
            File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="bounded-local" value="{Feed}" />
                  </packageSources>
                </configuration>
                """);
        }

        /// <summary>Writes a consumer project (name, target framework, extra csproj properties, files) and builds it.</summary>
        public async Task<ConsumerBuild> BuildAsync(string name, string targetFramework, IReadOnlyDictionary<string, string> files, string extraProperties = "", params string[] buildArguments)
        {
            Assert.True(Pack is { ExitCode: 0 }, "Packing the analyzers failed:" + Environment.NewLine + Pack);
            string directory = Path.Combine(Root, name);
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>{targetFramework}</TargetFramework>
                    {extraProperties}
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Bounded.Analyzers" Version="{Version}" PrivateAssets="all" />
                  </ItemGroup>
                </Project>
                """);
            foreach (var (file, text) in files)
            {
                File.WriteAllText(Path.Combine(directory, file), text);
            }

            var result = await DotnetCli.RunAsync(directory, new[] { "build", "--nologo", "-nodeReuse:false" }.Concat(buildArguments).ToArray(), Timeout);
            return new ConsumerBuild(directory, result);
        }

        public Task DisposeAsync()
        {
            TryDelete(Root);

            // The unique version is ours alone: take it out of the machine's package cache again.
            string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            TryDelete(Path.Combine(cache, "bounded.analyzers", Version.ToLowerInvariant()));
            return Task.CompletedTask;
        }

        private static void TryDelete(string directory)
        {
            try
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
            catch (IOException)
            {
                // Left-over temp files are not a test failure.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>A consumer project after <c>dotnet build</c>.</summary>
    public sealed record ConsumerBuild(string Directory, CliResult Result)
    {
        /// <summary>Output lines of one diagnostic ID at one severity, e.g. <c>Work.cs(7,38): warning BND4001: …</c>.</summary>
        public IReadOnlyList<string> Lines(string severity, string id) =>
            Result.Output.Split('\n').Where(l => l.Contains($": {severity} {id}:", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().ToList();

        public override string ToString() => Result.ToString();
    }
}
